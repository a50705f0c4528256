from django.contrib import admin

from . import texts
from .models import InboundMessage, OptOut, OutboxMessage, SmsBatch, SmsTemplate


@admin.register(SmsTemplate)
class SmsTemplateAdmin(admin.ModelAdmin):
    """Edits go through notifications.texts, so they are audited as on the page."""

    list_display = ["code", "name", "language", "transliterate"]

    def save_model(self, request, obj, form, change):
        texts.save_template(request.user, obj)

    def delete_model(self, request, obj):
        texts.delete_template(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            texts.delete_template(request.user, obj)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "purpose", "status", "attempts", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]


admin.site.register([SmsBatch, OptOut, InboundMessage])
