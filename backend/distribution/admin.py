"""Read-only views: allocations hold stock and hand-overs issue it, so changes go
through the services (the app), never the admin."""

from django.contrib import admin

from backend.common.admin import ReadOnlyAdmin

from .models import Allocation, Enrolment, HandOver, PickupSlot


@admin.register(PickupSlot)
class PickupSlotAdmin(admin.ModelAdmin):
    list_display = ["distribution", "site", "date", "start", "end", "capacity"]
    list_filter = ["site", "date"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["household", "distribution", "status", "slot", "pickup_code"]
    list_filter = ["status"]


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "item", "quantity", "handed_over", "status"]


@admin.register(HandOver)
class HandOverAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "at", "delivered", "partial"]
