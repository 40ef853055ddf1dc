from django.contrib import admin

from .models import (
    AgreementVersion,
    CriterionAssessment,
    Decision,
    Partnership,
    Party,
    ReferringUnit,
    ReportedFigure,
)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0


class VersionInline(admin.StackedInline):
    model = AgreementVersion
    extra = 0
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "form", "committee", "places", "capacity", "municipality"]
    list_filter = ["form", "municipality"]
    search_fields = ["name"]
    inlines = [PartyInline, VersionInline]
    filter_horizontal = ["referral_routes"]


class CriterionInline(admin.TabularInline):
    model = CriterionAssessment
    extra = 0


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["partnership", "number", "kind", "start", "end", "status"]
    list_filter = ["status", "kind"]
    inlines = [CriterionInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "date", "registry_number"]
    search_fields = ["title", "registry_number"]


admin.site.register(ReferringUnit)
admin.site.register(ReportedFigure)
