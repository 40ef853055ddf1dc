from django.contrib import admin

from .models import Budget, BudgetLine


class LineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["version", "first_year", "last_year", "indexation_percent"]
    inlines = [LineInline]
