from django.contrib import admin

from .models import EquipmentRequest, Match, Offer, OfferPhoto, TransportTask


class PhotoInline(admin.TabularInline):
    model = OfferPhoto
    extra = 0
    readonly_fields = ["image", "width", "height"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "source", "collect_by", "created_at"]
    list_filter = ["status", "source", "category"]
    search_fields = ["title"]
    readonly_fields = ["status", "lot", "consent_at"]
    inlines = [PhotoInline]


@admin.register(EquipmentRequest)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["needs", "category", "urgency", "status", "created_at"]
    list_filter = ["status", "category", "urgency"]
    readonly_fields = ["status"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["offer", "request", "status", "reply_by"]
    list_filter = ["status"]
    readonly_fields = ["offer", "request", "status"]


@admin.register(TransportTask)
class TransportTaskAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "driver", "status"]
    list_filter = ["status", "kind", "date"]
    readonly_fields = ["match", "status"]
