from django.contrib import admin

from .models import Donor, Household, HouseholdFlag

# People are edited in the app (services audit every change); the admin is read-only.


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
