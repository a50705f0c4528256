"""Read-only views: allocations hold stock and hand-overs issue it, so changes go
through the services (the app), never the admin."""

from django.contrib import admin

from .models import Allocation, Enrolment, HandOver, PickupSlot


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PickupSlot)
class PickupSlotAdmin(admin.ModelAdmin):
    list_display = ["distribution", "site", "date", "start", "end", "capacity"]
    list_filter = ["site", "date"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnly):
    list_display = ["household", "distribution", "status", "slot", "pickup_code"]
    list_filter = ["status"]


@admin.register(Allocation)
class AllocationAdmin(ReadOnly):
    list_display = ["enrolment", "item", "quantity", "handed_over", "status"]


@admin.register(HandOver)
class HandOverAdmin(ReadOnly):
    list_display = ["enrolment", "at", "delivered", "partial"]
