"""Admin: catalogue and locations editable; ledger data read-only (changed only by services)."""

from django.contrib import admin

from backend.common.admin import ReadOnlyAdmin

from . import services
from .models import (
    Balance,
    Category,
    Item,
    ItemBarcode,
    Location,
    Lot,
    Movement,
    QRTag,
    ScanLog,
    StockTake,
)


class AuditedAdmin(admin.ModelAdmin):
    """Catalogue edits in the admin go through inventory.services, so they are audited."""

    def save_model(self, request, obj, form, change):
        services.save_catalogue(request.user, obj)

    def delete_model(self, request, obj):
        services.delete_catalogue(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_catalogue(request.user, obj)


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    search_fields = ["name"]


class BarcodeInline(admin.TabularInline):
    model = ItemBarcode
    extra = 0


@admin.register(Item)
class ItemAdmin(AuditedAdmin):
    list_display = ["name", "category", "unit", "perishable", "individual", "min_stock"]
    list_filter = ["category", "unit", "perishable"]
    search_fields = ["name", "barcodes__code"]
    inlines = [BarcodeInline]


@admin.register(Location)
class LocationAdmin(ReadOnlyAdmin):
    list_display = ["path", "kind", "is_active"]
    search_fields = ["path"]


@admin.register(Lot)
class LotAdmin(ReadOnlyAdmin):
    list_display = ["id", "item", "kind", "received_quantity", "expiry", "created_at"]
    list_filter = ["kind", "item__category"]


@admin.register(Balance)
class BalanceAdmin(ReadOnlyAdmin):
    list_display = ["lot", "location", "quantity", "reserved"]


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "lot", "quantity", "from_location", "to_location", "actor"]
    list_filter = ["kind"]


@admin.register(QRTag)
class QRTagAdmin(ReadOnlyAdmin):
    list_display = ["short_code", "lot", "location", "retired"]
    search_fields = ["short_code"]


@admin.register(ScanLog)
class ScanLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "result", "raw"]
    list_filter = ["result", "action"]


@admin.register(StockTake)
class StockTakeAdmin(ReadOnlyAdmin):
    list_display = ["location", "status", "started_at", "confirmed_at"]
