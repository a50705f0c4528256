from django.contrib import admin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    """Access is changed only on the partner's page (services.set_access records why)."""

    list_display = ["name", "kind", "point", "access"]
    readonly_fields = ["access"]
    filter_horizontal = ["users"]
