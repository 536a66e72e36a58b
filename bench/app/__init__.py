"""The application under benchmark: motcua's own settings and URLs plus the baseline view.

Loaded only by the bench run (``DJANGO_SETTINGS_MODULE=bench.app.settings``).
"""
