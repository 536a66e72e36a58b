from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "motcua.backoffice"
    label = "backoffice"
    verbose_name = "Bộ phận xử lý"
    default_auto_field = "django.db.models.BigAutoField"
