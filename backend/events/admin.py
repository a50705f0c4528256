from django.contrib import admin

from .models import Event, GiftBand, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class GiftBandInline(admin.TabularInline):
    model = GiftBand
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "date", "status"]
    list_filter = ["kind", "status"]
    inlines = [SessionInline, GiftBandInline]
    readonly_fields = ["status"]  # status moves through services.advance (audited)

    def has_add_permission(self, request):
        return False  # an event needs its Distribution: create it in the app
