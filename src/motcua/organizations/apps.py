from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "motcua.organizations"
    label = "organizations"
    verbose_name = "Cơ quan, đơn vị"
    default_auto_field = "django.db.models.BigAutoField"
