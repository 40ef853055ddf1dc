"""The committee's cost and the total value beside the follow-up figures, for many partnerships.

Same rules as `budgets.selectors.budget_for_year` (the latest-starting budget that covers the
year, indexed per calendar year), but read in three queries for any number of partnerships.
A period shorter than a year gets the year's amount pro rata by days, rounded half up.

The whole country has some 10 000 budgets and 20 000 lines, so they stay the plain rows
values_list reads (no object per budget or line), and only what the period needs is computed
from them (`Economics`): which budget covers a year (the model's own `Budget.covers`, once per
distinct set of the fields it reads), each line's base amount (the model's own
`BudgetLine.base_amount`), its indexed amount (`money.indexed_amount`, once per distinct
amount, rate and year) and the two totals of the year's statement, summed as
`budgets.statement.build_statement` sums them (without building it).
tests/followup/test_economics_fast.py holds the results to `build_statement`'s.
"""

from decimal import Decimal

from django.db.models import Q

from samverka.budgets.models import Budget, BudgetLine
from samverka.budgets.money import indexed_amount, round_kronor
from samverka.organisations.models import Organisation
from samverka.partnerships.dates import latest_possible_end

from .periods import Period, year_period

MUNICIPAL = Organisation.Kind.MUNICIPAL_BODY.value

# A budget row: row[1:6] is what `Budget.covers` reads (first and last year, the version's end
# and extensions), row[6] the indexation, row[7] the partnership.
BUDGET_FIELDS = ["pk", "first_year", "last_year", "version__end", "version__extensions_used",
                 "version__extension_years", "indexation_percent", "version__partnership_id"]
COVERS_FIELDS = slice(1, 6)
LINE_FIELDS = ["budget_id", "party__organisation_id", "hours_per_week", "weeks_per_year",
               "hourly_rate", "lump_sum"]
# Reading the organisations apart costs less than joining them to 20 000 lines. With ids, only
# those the lines name, unless they are many (a long IN list costs more than reading them all).
FEW_ORGANISATIONS = 500


class _Version:
    __slots__ = ("current_end",)

    def __init__(self, current_end):
        self.current_end = current_end


class _Budget:
    """A budget's COVERS_FIELDS under the names `Budget.covers` reads."""

    __slots__ = ("first_year", "last_year", "version")
    covers = Budget.covers

    def __init__(self, first_year, last_year, end, extensions_used, extension_years):
        self.first_year = first_year
        self.last_year = last_year
        self.version = _Version(latest_possible_end(end, extensions_used, extension_years))


class _Line:
    """Holds a line row's amount fields for the model's own `base_amount`."""

    __slots__ = ("hours_per_week", "weeks_per_year", "hourly_rate", "lump_sum")
    uses_hours = BudgetLine.uses_hours
    base_amount = BudgetLine.base_amount


_base_amount = BudgetLine.base_amount.fget


def _scoped(queryset, prefix: str, partnership_ids, municipality_ids):
    if partnership_ids is not None:
        queryset = queryset.filter(**{f"{prefix}partnership_id__in": list(partnership_ids)})
    if municipality_ids is not None:
        queryset = queryset.filter(
            **{f"{prefix}partnership__municipality_id__in": list(municipality_ids)})
    return queryset


def _touching(period: Period | None) -> Q:
    """Budgets that can cover a year of PERIOD (a necessary condition of `Budget.covers`)."""
    if period is None:
        return Q()
    return Q(first_year__lte=period.end.year) & (
        Q(last_year__isnull=True) | Q(last_year__gte=period.start.year))


def _ranges(rows: list[tuple]) -> dict[int, tuple[int, int]]:
    """Per value of row[0] the range of ROWS (sorted by it) holding it: a pair of ints per
    budget rather than a list keeps 10 000 small lists from the garbage collector."""
    ranges: dict[int, tuple[int, int]] = {}
    start, current = 0, None
    for index, row in enumerate(rows):
        if row[0] != current:
            if current is not None:
                ranges[current] = (start, index)
            start, current = index, row[0]
    if current is not None:
        ranges[current] = (start, len(rows))
    return ranges


def read_budgets(partnership_ids=None, municipality_ids=None, period: Period | None = None):
    """The rows `Economics` works on: (budget rows (BUDGET_FIELDS) by partnership, the latest
    first year then the latest version first; line rows (LINE_FIELDS) by budget in the order
    of their ids; per organisation of the lines its (name, is municipal)). Without ids: the
    whole country. With PERIOD: only the budgets that can cover one of its years."""
    budgets = list(
        _scoped(Budget.objects.filter(_touching(period)), "version__", partnership_ids,
                municipality_ids)
        .order_by("version__partnership_id", "-first_year", "-version__number")
        .values_list(*BUDGET_FIELDS))
    # Every line in scope: those of a budget left out above are never looked up, which costs
    # less than joining the budgets to leave them out.
    lines = list(
        _scoped(BudgetLine.objects.all(), "budget__version__", partnership_ids,
                municipality_ids).order_by("budget_id", "id").values_list(*LINE_FIELDS))
    organisations = Organisation.objects.order_by()
    if partnership_ids is not None or municipality_ids is not None:
        named = {row[1] for row in lines}
        if len(named) <= FEW_ORGANISATIONS:
            organisations = organisations.filter(pk__in=named)
    kinds = {pk: (name, kind == MUNICIPAL)
             for pk, name, kind in organisations.values_list("pk", "name", "kind")}
    return budgets, lines, kinds


def year_shares(period: Period) -> list[tuple[int, Decimal | None]]:
    """Each calendar year PERIOD touches, with the share of its days inside PERIOD (None: the
    whole year, its amounts as they are)."""
    shares = []
    for year in period.calendar_years:
        whole = year_period(year)
        start, end = max(whole.start, period.start), min(whole.end, period.end)
        days = (end - start).days + 1
        shares.append((year, None if days == whole.days
                       else Decimal(days) / Decimal(whole.days)))
    return shares


def pro_rata(amount: int | None, share: Decimal) -> int | None:
    """AMOUNT × SHARE rounded half up to whole kronor (None: unknown)."""
    return None if amount is None else round_kronor(Decimal(amount) * share)


class Economics:
    """Committee cost and value for PERIOD from the rows `read_budgets` reads, remembering
    what the partnerships have in common: whether a budget covers a year, per distinct
    COVERS_FIELDS, and indexed amounts, per distinct base amount, rate and year."""

    def __init__(self, period: Period, lines: list[tuple],
                 organisations: dict[int, tuple[str, bool]]):
        self.shares = year_shares(period)
        self.lines = lines
        self.line_ranges = _ranges(lines)
        # build_statement totals per party *name*, the party municipal if its first line's
        # organisation is: that can differ from a line's own organisation only where
        # organisations of both kinds bear the same name.
        self.municipal = {pk: is_municipal for pk, (_name, is_municipal) in organisations.items()}
        kinds_of_name: dict[str, set] = {}
        for name, is_municipal in organisations.values():
            kinds_of_name.setdefault(name, set()).add(is_municipal)
        self.shared_names = {pk: name for pk, (name, _kind) in organisations.items()
                             if len(kinds_of_name[name]) > 1}
        self._indexed: dict[tuple[str, int], dict[int, int]] = {}
        self._line = _Line()

    def by_partnership(self, budgets: list[tuple]) -> dict[int, tuple[int | None, int | None]]:
        """(committee cost, value) per partnership that has a budget for a year of the
        period (BUDGETS: rows by partnership, latest first): whole years as budgeted, parts
        pro rata. A year's budget is a partnership's first that covers it."""
        result: dict[int, tuple[int | None, int | None]] = {}
        totals = self.totals
        for year, share in self.shares:
            covered: dict[tuple, bool] = {}
            served = None  # the partnership whose budget for YEAR is found
            for budget in budgets:
                if budget[7] == served or budget[1] > year:
                    continue
                fields = budget[COVERS_FIELDS]
                covers = covered.get(fields)
                if covers is None:
                    covers = covered[fields] = _Budget(*fields).covers(year)
                if not covers:
                    continue
                served = budget[7]
                municipal, total = totals(budget, year)
                if share is not None:
                    municipal, total = pro_rata(municipal, share), pro_rata(total, share)
                cost, value = result.get(served, (None, None))
                if municipal is not None:
                    cost = (cost or 0) + municipal
                if total is not None:
                    value = (value or 0) + total
                result[served] = (cost, value)
        return result

    def totals(self, budget: tuple, year: int) -> tuple[int | None, int | None]:
        """(municipality_total, total) of `build_statement` for BUDGET in YEAR: each line
        indexed by `money.indexed_amount`, totalled per party name (the party municipal if its
        first line's organisation is); a party, and so every total holding it, is unknown
        (None) as soon as one of its lines is."""
        rate, steps = budget[6], year - budget[1]
        key = (str(rate), steps)  # str: exact (2 and 2.00 apart), cheaper than a new hash
        amounts = self._indexed.get(key)
        if amounts is None:
            amounts = self._indexed[key] = {}
        municipal = total = 0
        parties: dict[str, bool] = {}  # of a shared name, whether its first line's is municipal
        municipal_organisation, shared_names = self.municipal, self.shared_names
        line = self._line
        start, stop = self.line_ranges.get(budget[0], (0, 0))
        for _budget, organisation, line.hours_per_week, line.weeks_per_year, line.hourly_rate, \
                line.lump_sum in self.lines[start:stop]:
            is_municipal = municipal_organisation.get(organisation)
            if is_municipal is None:  # deleted with its line between the queries
                continue
            if shared_names and organisation in shared_names:
                is_municipal = parties.setdefault(shared_names[organisation], is_municipal)
            base = _base_amount(line)
            if base is None:
                total = None
                if is_municipal:
                    municipal = None
            elif total is not None or (is_municipal and municipal is not None):
                amount = amounts.get(base)
                if amount is None:
                    amount = amounts[base] = indexed_amount(base, rate, steps)
                if total is not None:
                    total += amount
                if is_municipal and municipal is not None:
                    municipal += amount
        return municipal, total


def add_economics(rows: list, period: Period, partnership_ids=None,
                  municipality_ids=None) -> None:
    """Set committee_cost and value on each Stats row (ROWS lie in the scope given)."""
    budgets, lines, organisations = read_budgets(partnership_ids, municipality_ids, period)
    amounts = Economics(period, lines, organisations).by_partnership(budgets)
    none = (None, None)
    for row in rows:
        row.committee_cost, row.value = amounts.get(row.partnership_id, none)
