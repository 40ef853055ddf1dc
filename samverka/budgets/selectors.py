"""Reads of budgets: which budget applies in a year, and its statement."""

from django.db.models import Prefetch

from samverka.partnerships.models import ReportedFigure

from .models import Budget, BudgetLine
from .statement import LineInput, Statement, build_statement

# Prefetch for a Partnership queryset so that budget_for_year needs no further queries.
LINES = BudgetLine.objects.select_related("party__organisation").order_by("id")
BUDGET_PREFETCH = [
    Prefetch("versions__budgets__lines", queryset=LINES),
    "reported_figures",
]


def budget_in_force(partnership, year: int) -> Budget | None:
    """The budget that applies to YEAR: the latest-starting one that covers it."""
    candidates = [
        budget
        for version in partnership.versions.all()
        for budget in version.budgets.all()
        if budget.first_year <= year
    ]
    candidates.sort(key=lambda budget: (budget.first_year, budget.version.number), reverse=True)
    return next((budget for budget in candidates if budget.covers(year)), None)


def _line_inputs(budget: Budget) -> list[LineInput]:
    lines = sorted(budget.lines.all(), key=lambda line: line.id)
    return [
        LineInput(
            description=line.description,
            party=line.party.organisation.name,
            is_municipal=line.party.is_municipal,
            kind=line.kind,
            in_kind=line.in_kind,
            base_amount=line.base_amount,
            hours_per_year=line.hours_per_year,
            hourly_rate=line.hourly_rate,
            at_least=line.at_least,
            derived=line.derived,
        )
        for line in lines
    ]


def reported_participants(partnership, year: int) -> int | None:
    for figure in partnership.reported_figures.all():
        if figure.year == year and figure.key == ReportedFigure.Key.PARTICIPANTS:
            return figure.number
    return None


def budget_for_year(partnership, year: int) -> Statement | None:
    """The budget statement of PARTNERSHIP for calendar YEAR, or None when none applies."""
    budget = budget_in_force(partnership, year)
    if budget is None:
        return None
    return build_statement(
        year, budget.first_year, budget.indexation_percent, _line_inputs(budget),
        places=partnership.places or partnership.capacity,
        participants=reported_participants(partnership, year),
    )
