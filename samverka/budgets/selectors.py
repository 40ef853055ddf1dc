"""Reads of budgets: which budget applies in a year, and its statement."""

from samverka.partnerships.models import ReportedFigure

from .models import Budget
from .statement import LineInput, Statement, build_statement


def budget_in_force(partnership, year: int) -> Budget | None:
    """The budget that applies to YEAR: the latest-starting one that covers it."""
    budgets = (
        Budget.objects.filter(version__partnership=partnership, first_year__lte=year)
        .select_related("version")
        .order_by("-first_year", "-version__number")
    )
    return next((budget for budget in budgets if budget.covers(year)), None)


def _line_inputs(budget: Budget) -> list[LineInput]:
    lines = budget.lines.select_related("party__organisation").order_by("id")
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
    figure = partnership.reported_figures.filter(
        year=year, key=ReportedFigure.Key.PARTICIPANTS
    ).first()
    return figure.number if figure else None


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
