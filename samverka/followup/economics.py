"""The committee's cost and the total value beside the follow-up figures, for many partnerships.

Same rules as `budgets.selectors.budget_for_year` (the latest-starting budget that covers the
year, indexed per calendar year), but fetched in three queries for any number of partnerships.
A period shorter than a year gets the year's amount pro rata by days, rounded half up.
"""

from decimal import Decimal

from samverka.budgets.models import Budget, BudgetLine
from samverka.budgets.money import round_kronor
from samverka.budgets.statement import LineInput, build_statement
from samverka.organisations.models import Organisation

from .periods import Period, year_period


def _line_input(line) -> LineInput:
    return LineInput(
        description=line.description,
        party=line.party.organisation.name,
        is_municipal=line.party.organisation.kind == Organisation.Kind.MUNICIPAL_BODY,
        kind=line.kind,
        in_kind=line.in_kind,
        base_amount=line.base_amount,
        hours_per_year=line.hours_per_year,
        hourly_rate=line.hourly_rate,
        at_least=line.at_least,
        derived=line.derived,
    )


def budgets_by_partnership(partnership_ids) -> dict[int, list]:
    budgets = (
        Budget.objects.filter(version__partnership_id__in=partnership_ids)
        .select_related("version")
        .order_by("-first_year", "-version__number")
    )
    by_budget: dict[int, list] = {}
    lines = (BudgetLine.objects.filter(budget__version__partnership_id__in=partnership_ids)
             .select_related("party__organisation").order_by("id"))
    for line in lines.iterator(chunk_size=5000):
        by_budget.setdefault(line.budget_id, []).append(_line_input(line))
    result: dict[int, list] = {}
    for budget in budgets:
        budget.line_inputs = by_budget.get(budget.pk, [])
        result.setdefault(budget.version.partnership_id, []).append(budget)
    return result


def statement_for_year(budgets: list, year: int, places=None):
    budget = next((b for b in budgets if b.first_year <= year and b.covers(year)), None)
    if budget is None:
        return None
    return build_statement(year, budget.first_year, budget.indexation_percent,
                           budget.line_inputs, places=places)


def period_amounts(budgets: list, period: Period, places=None) -> tuple[int | None, int | None]:
    """(committee cost, total value) for PERIOD: whole years as budgeted, parts pro rata."""
    cost = value = None
    for year in period.calendar_years:
        statement = statement_for_year(budgets, year, places)
        if statement is None:
            continue
        whole = year_period(year)
        start, end = max(whole.start, period.start), min(whole.end, period.end)
        share = Decimal((end - start).days + 1) / Decimal(whole.days)
        if statement.municipality_total is not None:
            cost = (cost or 0) + round_kronor(Decimal(statement.municipality_total) * share)
        if statement.total is not None:
            value = (value or 0) + round_kronor(Decimal(statement.total) * share)
    return cost, value


def add_economics(rows: list, period: Period) -> None:
    """Set committee_cost and value on each Stats row."""
    budgets = budgets_by_partnership([row.partnership_id for row in rows])
    for row in rows:
        row.committee_cost, row.value = period_amounts(
            budgets.get(row.partnership_id, []), period, row.places
        )
