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
from samverka.partnerships.dates import latest_possible_end

from .periods import Period, year_period


class _Row:
    """A budget or a budget line read with values_list: the model's own properties (covers,
    base_amount, hours_per_year) run on it without instantiating 30 000 model objects."""

    def __init__(self, **values):
        self.__dict__.update(values)


def _line_input(line) -> LineInput:
    return LineInput(
        description=line.description,
        party=line.party_name,
        is_municipal=line.party_kind == Organisation.Kind.MUNICIPAL_BODY,
        kind=line.kind,
        in_kind=line.in_kind,
        base_amount=BudgetLine.base_amount.fget(line),
        hours_per_year=BudgetLine.hours_per_year.fget(line),
        hourly_rate=line.hourly_rate,
        at_least=line.at_least,
        derived=line.derived,
    )


def _scoped(queryset, prefix: str, partnership_ids, municipality_ids):
    if partnership_ids is not None:
        queryset = queryset.filter(**{f"{prefix}partnership_id__in": list(partnership_ids)})
    if municipality_ids is not None:
        queryset = queryset.filter(
            **{f"{prefix}partnership__municipality_id__in": list(municipality_ids)})
    return queryset


LINE_FIELDS = ["budget_id", "description", "party__organisation__name",
               "party__organisation__kind", "kind", "in_kind", "hours_per_week",
               "weeks_per_year", "hourly_rate", "lump_sum", "at_least", "derived"]


def budgets_by_partnership(partnership_ids=None, municipality_ids=None) -> dict[int, list]:
    """Per partnership its budgets, latest first year (then latest version) first, each with
    `line_inputs`. Without ids: every partnership's (the whole country)."""
    by_budget: dict[int, list] = {}
    lines = _scoped(BudgetLine.objects.all(), "budget__version__", partnership_ids,
                    municipality_ids).order_by("id")
    names = ["budget_id", "description", "party_name", "party_kind", *LINE_FIELDS[4:]]
    for values in lines.values_list(*LINE_FIELDS):
        line = _Row(**dict(zip(names, values, strict=True)))
        line.uses_hours = BudgetLine.uses_hours.fget(line)
        by_budget.setdefault(line.budget_id, []).append(_line_input(line))
    budgets = _scoped(Budget.objects.all(), "version__", partnership_ids, municipality_ids) \
        .order_by("-first_year", "-version__number")
    result: dict[int, list] = {}
    for pk, first_year, last_year, indexation, pid, end, used, years in budgets.values_list(
        "pk", "first_year", "last_year", "indexation_percent", "version__partnership_id",
        "version__end", "version__extensions_used", "version__extension_years",
    ):
        budget = _Row(pk=pk, first_year=first_year, last_year=last_year,
                      indexation_percent=indexation,
                      version=_Row(current_end=latest_possible_end(end, used, years)),
                      line_inputs=by_budget.get(pk, []))
        budget.covers = Budget.covers.__get__(budget)
        result.setdefault(pid, []).append(budget)
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


def add_economics(rows: list, period: Period, partnership_ids=None,
                  municipality_ids=None) -> None:
    """Set committee_cost and value on each Stats row (ROWS lie in the scope given)."""
    budgets = budgets_by_partnership(partnership_ids, municipality_ids)
    for row in rows:
        row.committee_cost, row.value = period_amounts(
            budgets.get(row.partnership_id, []), period, row.places
        )
