from django.contrib import admin

from motcua.notifications.models import Delivery, SandboxSms


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ["created_at", "channel", "recipient", "subject", "state", "attempts"]
    list_filter = ["channel", "state"]
    search_fields = ["recipient", "topic"]
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(SandboxSms)
class SandboxSmsAdmin(admin.ModelAdmin[SandboxSms]):
    list_display = ["sent_at", "phone", "body"]
    search_fields = ["phone"]
