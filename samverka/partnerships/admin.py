from django.contrib import admin

from samverka.accounts.admin import ReadOnlyAdmin, ReadOnlyStackedInline, ReadOnlyTabularInline

from .models import (
    AgreementVersion,
    CriterionAssessment,
    Decision,
    Partnership,
    Party,
    ReferringUnit,
    ReportedFigure,
)


class PartyInline(ReadOnlyTabularInline):
    model = Party
    extra = 0


class VersionInline(ReadOnlyStackedInline):
    model = AgreementVersion
    extra = 0
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyAdmin):
    list_display = ["name", "form", "committee", "places", "capacity", "municipality"]
    list_filter = ["form", "municipality"]
    search_fields = ["name"]
    inlines = [PartyInline, VersionInline]
    filter_horizontal = ["referral_routes"]


class CriterionInline(ReadOnlyTabularInline):
    model = CriterionAssessment
    extra = 0


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["partnership", "number", "kind", "start", "end", "status"]
    list_filter = ["status", "kind"]
    inlines = [CriterionInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "partnership", "date", "registry_number"]
    search_fields = ["title", "registry_number"]


admin.site.register(ReferringUnit, ReadOnlyAdmin)
admin.site.register(ReportedFigure, ReadOnlyAdmin)
