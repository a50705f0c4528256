from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows that only services write (ledger, audit, people, engine rows): the admin
    may look, never change — a change here would bypass the audit and the locks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
