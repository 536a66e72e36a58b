from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "motcua.portal"
    label = "portal"
    verbose_name = "Cổng công dân"
    default_auto_field = "django.db.models.BigAutoField"
