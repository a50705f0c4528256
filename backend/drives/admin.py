from django.contrib import admin

from .models import Drive, PackageLine, PackageTemplate, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Drive)
class DriveAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "distribution_start"]
    list_filter = ["kind", "status"]
    inlines = [TargetInline]
    readonly_fields = ["status"]  # status moves through services.advance (audited)

    def has_add_permission(self, request):
        return False  # a drive needs its Distribution: create it in the app


class PackageLineInline(admin.TabularInline):
    model = PackageLine
    extra = 1


@admin.register(PackageTemplate)
class PackageTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "item"]
    inlines = [PackageLineInline]
