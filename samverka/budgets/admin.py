from django.contrib import admin

from samverka.accounts.admin import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import Budget, BudgetLine


class LineInline(ReadOnlyTabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ["version", "first_year", "last_year", "indexation_percent"]
    inlines = [LineInline]
