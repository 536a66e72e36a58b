"""The machinery of the national-scale suite (``python -m bench suite``)."""
