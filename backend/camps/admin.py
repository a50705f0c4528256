from django.contrib import admin

from .models import Camp, CampSession


class SessionInline(admin.TabularInline):
    model = CampSession
    extra = 0


@admin.register(Camp)
class CampAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "site"]
    inlines = [SessionInline]

    def has_add_permission(self, request):
        return False  # a camp needs its Distribution: create it in the app
