from django.contrib import admin

from .models import Donation, DonationLine


class LineInline(admin.TabularInline):
    model = DonationLine
    extra = 0
    can_delete = False
    readonly_fields = ["item", "quantity", "expiry", "location", "lot"]


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = ["id", "date", "donor", "site"]
    readonly_fields = ["donor", "date", "site", "drive", "created_by"]
    inlines = [LineInline]

    def has_add_permission(self, request):
        return False
