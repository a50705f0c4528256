from django.contrib import admin

from backend.common.admin import ReadOnlyAdmin

from .models import ChildSafetyCheck, Intervention, Shift, ShiftSignup, VolunteerProfile


# Read-only: every change goes through the services (rules, locks, audit).
@admin.register(VolunteerProfile)
class VolunteerAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "status", "applied_at"]
    list_filter = ["status"]
    search_fields = ["last_name", "first_name"]


@admin.register(Shift)
class ShiftAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "date", "start_time", "end_time", "with_children"]
    list_filter = ["kind", "with_children"]


@admin.register(ShiftSignup)
class SignupAdmin(ReadOnlyAdmin):
    list_display = ["shift", "role", "volunteer", "status", "minutes"]
    list_filter = ["status"]


@admin.register(ChildSafetyCheck)
class CheckAdmin(ReadOnlyAdmin):
    list_display = ["volunteer", "rspts_checked_on", "rspts_result", "valid_until"]


@admin.register(Intervention)
class InterventionAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "summary"]
