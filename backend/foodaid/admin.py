"""The programme's settings (sub-programmes, criteria, ration sets, workshops) are kept in
the admin: a few rows a year, changed by the administrator when the rules change."""

from django.contrib import admin

from .models import Criterion, FoodAidDrive, RationArticle, SubProgramme, Workshop


class RationArticleInline(admin.TabularInline):
    model = RationArticle
    extra = 0


@admin.register(SubProgramme)
class SubProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "threshold_percent", "share_deadline"]
    inlines = [RationArticleInline]


admin.site.register(Criterion)
admin.site.register(FoodAidDrive)
admin.site.register(Workshop)
