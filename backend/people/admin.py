from django.contrib import admin

from backend.common.admin import ReadOnlyAdmin

from .models import Donor, Household, HouseholdFlag

# People are edited in the app (services audit every change); the admin is read-only.


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ("display_name", "city", "site", "status", "member_count")
    list_filter = ("status", "site")


@admin.register(Donor)
class DonorAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind")


@admin.register(HouseholdFlag)
class HouseholdFlagAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
