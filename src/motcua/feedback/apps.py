from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = "Đánh giá mức độ hài lòng"
    default_auto_field = "django.db.models.BigAutoField"
