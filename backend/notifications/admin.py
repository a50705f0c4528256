from django.contrib import admin

from .models import InboundMessage, OptOut, OutboxMessage, SmsBatch, SmsTemplate


@admin.register(SmsTemplate)
class SmsTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "language", "transliterate"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "purpose", "status", "attempts", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]


admin.site.register([SmsBatch, OptOut, InboundMessage])
