"""Reads of the impact app: SROI and socio-economic results with every assumption, group
progression (aggregates, small groups suppressed) and, through the participants selectors
(scoped and logged), one participant's progression."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from samverka.accounts import policy
from samverka.budgets.selectors import budget_for_year
from samverka.followup.periods import Period, year_period
from samverka.followup.suppression import DEFAULT_THRESHOLD, is_small, suppress
from samverka.participants import selectors as participant_selectors
from samverka.participants.accesslog import Purpose

from . import progression_stats, socioeconomic, sroi
from .models import (
    Assessment,
    InstrumentVersion,
    QuantitySource,
    Score,
    SocioeconomicAccount,
    SroiCalculation,
)

# The publication layer's cells (followup/publication.py) each follow-up quantity is read from.
PUBLISHED_CELLS = {
    QuantitySource.EXITS_WORK: [("outcome", "work")],
    QuantitySource.EXITS_STUDIES: [("outcome", "studies")],
    QuantitySource.EXITS_WORK_OR_STUDIES: [("work_or_studies",)],
    QuantitySource.PARTICIPANTS: [("participants",)],
}
FOLLOWUP_KEYS = {
    QuantitySource.EXITS_WORK: ("work",),
    QuantitySource.EXITS_STUDIES: ("studies",),
    QuantitySource.EXITS_WORK_OR_STUDIES: ("work", "studies"),
}


def suppression_threshold() -> int:
    try:
        from samverka.followup.published import threshold
    except ImportError:  # pragma: no cover - the follow-up app always provides it today
        return DEFAULT_THRESHOLD
    return threshold()


_UNREAD = object()


class YearInputs:
    """What the SROI calculation and the socio-economic account of PARTNERSHIP in YEAR take from
    the budget and the follow-up, each read at most once however many outcomes ask for it."""

    def __init__(self, partnership, year: int):
        self.partnership, self.year = partnership, year
        self._statement = self._stats = _UNREAD

    @property
    def statement(self):
        if self._statement is _UNREAD:
            self._statement = budget_for_year(self.partnership, self.year)
        return self._statement

    def followup_quantity(self, source: str) -> int | None:
        """The follow-up count for SOURCE in the year: exits by outcome, or participants."""
        if source == QuantitySource.MANUAL:
            return None
        if self._stats is _UNREAD:
            from samverka.followup.stats import partnership_stats

            self._stats = partnership_stats(self.partnership, year_period(self.year))
        stats = self._stats
        if source == QuantitySource.PARTICIPANTS:
            return stats.flow.get("participants", 0)
        return sum(stats.outcomes.get(key, 0) for key in FOLLOWUP_KEYS[source])


# --- SROI -------------------------------------------------------------------------------------


@dataclass
class OutcomeRow:
    outcome: object  # SroiOutcome
    quantity: Decimal | None
    quantity_source: str
    indexed_proxy: int
    result: sroi.OutcomeResult | None
    small: bool = False  # a follow-up count of 1…threshold−1 persons, hidden from the viewer


@dataclass
class SroiView:
    calculation: SroiCalculation
    inputs: int | None
    inputs_in_kind: int | None
    rows: list[OutcomeRow] = field(default_factory=list)
    result: sroi.Result | None = None
    sensitivity: list = field(default_factory=list)
    problem: str = ""


def _in_kind_total(statement) -> int | None:
    return sum(line.amount or 0 for line in statement.lines if line.in_kind)


def sroi_view(calculation: SroiCalculation, year_inputs: YearInputs | None = None) -> SroiView:
    """The calculation with quantities resolved, proxies indexed, results and sensitivity.
    YEAR_INPUTS, the budget and follow-up of the calculation's partnership and year, may be
    shared with the socio-economic account."""
    year = calculation.year
    year_inputs = year_inputs or YearInputs(calculation.partnership, year)
    statement = year_inputs.statement
    inputs = statement.total if statement else None
    view = SroiView(calculation, inputs, _in_kind_total(statement) if statement else None)
    pure = []
    for outcome in calculation.outcomes.select_related("proxy"):
        if outcome.quantity_source == QuantitySource.MANUAL:
            quantity = outcome.quantity
        else:
            counted = year_inputs.followup_quantity(outcome.quantity_source)
            quantity = Decimal(counted) if counted is not None else outcome.quantity
        proxy = outcome.proxy
        indexed = sroi.indexed_proxy(proxy.amount, proxy.year, year, calculation.index_percent)
        row = OutcomeRow(outcome, quantity, outcome.quantity_source, indexed, None)
        view.rows.append(row)
        if quantity is not None:
            pure.append(sroi.Outcome(
                outcome.name, quantity, Decimal(indexed), outcome.duration,
                outcome.deadweight, outcome.displacement, outcome.attribution, outcome.drop_off,
            ))
    if inputs is None:
        view.problem = "no_budget"
        return view
    if len(pure) != len(view.rows):
        view.problem = "no_quantity"
        return view
    view.result = sroi.calculate(pure, inputs, calculation.discount_rate)
    for row, result in zip(view.rows, view.result.outcomes, strict=True):
        row.result = result
    view.sensitivity = sroi.sensitivity(pure, inputs, calculation.discount_rate)
    return view


# --- Socio-economic account -------------------------------------------------------------------


@dataclass
class AccountView:
    account: SocioeconomicAccount
    persons: int | None
    investment: int | None
    municipal_investment: int | None
    result: socioeconomic.Account | None = None

    @property
    def horizon_rows(self) -> list[dict]:
        if self.result is None:
            return []
        result = self.result
        return [
            {"years": h, "per_person": result.per_person_total(h), "group": result.group_total(h),
             "break_even": result.break_even_persons(h),
             "municipal_break_even": result.municipal_break_even_persons(h)}
            for h in result.horizons
        ]


def account_view(account: SocioeconomicAccount,
                 year_inputs: YearInputs | None = None) -> AccountView:
    year_inputs = year_inputs or YearInputs(account.partnership, account.year)
    statement = year_inputs.statement
    if account.persons_source == QuantitySource.MANUAL:
        persons = account.persons
    else:
        persons = year_inputs.followup_quantity(account.persons_source)
    investment = statement.total if statement else None
    municipal = statement.municipality_total if statement else None
    view = AccountView(account, persons, investment, municipal)
    if persons is None or investment is None:
        return view
    actors = [
        socioeconomic.ActorCost(line.actor, line.exclusion_cost, line.after_cost, line.municipal)
        for line in account.actor_costs.all()
    ]
    view.result = socioeconomic.account(
        actors, persons, investment, municipal_investment=municipal,
        discount_rate=account.discount_rate, drop_off=account.drop_off,
    )
    return view


# --- Group progression ------------------------------------------------------------------------


@dataclass
class DimensionRow:
    key: str
    name: str
    scale: str
    summary: progression_stats.DimensionSummary
    threshold: int = DEFAULT_THRESHOLD

    @property
    def shares_shown(self) -> dict | None:
        """Improved / stayed / declined counts with small cells (and their complements) hidden."""
        shares = self.summary.shares
        if shares is None:
            return None
        return suppress({"improved": shares.improved, "stayed": shares.stayed,
                         "declined": shares.declined}, total=shares.total,
                        threshold=self.threshold).cells

    def share_percent(self, key) -> int | None:
        cells = self.shares_shown
        if not cells or cells[key] is None:
            return None
        return round(100 * cells[key] / self.summary.shares.total)

    @property
    def percents(self) -> dict:
        return {key: self.share_percent(key) for key in ("improved", "stayed", "declined")}


def _pairs_by_dimension(assessments) -> tuple[dict, dict]:
    """Per dimension key, one (first, latest) pair per participant with at least two scores."""
    scores = (
        Score.objects.filter(assessment__in=assessments)
        .select_related("dimension")
        .order_by("assessment__date", "assessment_id")
        .values_list("assessment__participant_id", "dimension__key", "dimension__name",
                     "dimension__scale_min", "dimension__scale_max", "value")
    )
    series = defaultdict(lambda: defaultdict(list))
    names = {}
    for participant_id, key, name, low, high, value in scores:
        series[key][participant_id].append(value)
        names.setdefault(key, (name, f"{low}–{high}"))
    pairs = {
        key: [(values[0], values[-1]) for values in people.values() if len(values) >= 2]
        for key, people in series.items()
    }
    return pairs, names


def group_progression(partnership, period: Period, threshold: int | None = None):
    """Per dimension the group's change between each person's first and latest assessment in
    PERIOD; groups under the threshold show only that they are too small. No personal data."""
    threshold = suppression_threshold() if threshold is None else threshold
    assessments = Assessment.objects.filter(
        partnership=partnership, date__gte=period.start, date__lte=period.end,
    )
    pairs, names = _pairs_by_dimension(assessments)
    persons = assessments.values("participant_id").distinct().count()
    order = _dimension_order(assessments) if pairs else {}
    rows = [
        DimensionRow(key, names[key][0], names[key][1],
                     progression_stats.summarise(pairs[key], threshold), threshold)
        for key in sorted(pairs, key=lambda k: order.get(k, 999) if order is not None else 0)
    ]
    return {"rows": rows, "persons": persons, "threshold": threshold,
            "persons_shown": None if 0 < persons < threshold else persons}


def _dimension_order(assessments) -> dict[str, int] | None:
    """The place of each dimension key in the highest-numbered instrument version used by
    ASSESSMENTS (keys it lacks go last); None when no version is used (no order at all)."""
    version = InstrumentVersion.objects.filter(assessments__in=assessments).order_by(
        "-number").first()
    if version is None:
        return None
    order: dict[str, int] = {}
    for dimension in version.dimensions.all():
        order.setdefault(dimension.key, dimension.order)
    return order


# --- One participant --------------------------------------------------------------------------


@dataclass
class Journey:
    key: str
    name: str
    scale_min: int
    scale_max: int
    points: list  # (date, value, stage label, version number)

    @property
    def change(self) -> int | None:
        if len(self.points) < 2:
            return None
        return self.points[-1][1] - self.points[0][1]


def participant_progression(user, participant_id):
    """One participant's assessments in the partnerships USER may see; logged as a view."""
    view = participant_selectors.get_participant_for_user(user, participant_id, Purpose.FOLLOW_UP)
    assessments = (
        Assessment.objects.filter(participant=view.participant)
        .filter(policy.related_scope(user, model="assessment"))
        .select_related("partnership", "version__instrument", "assessed_by")
        .prefetch_related("scores__dimension__steps")
        .order_by("date", "pk")
    )
    journeys: dict[str, Journey] = {}
    for assessment in assessments:
        for score in assessment.scores.all():
            dimension = score.dimension
            journey = journeys.setdefault(dimension.key, Journey(
                dimension.key, dimension.name, dimension.scale_min, dimension.scale_max, []))
            label = next((s.label for s in dimension.steps.all() if s.value == score.value), "")
            journey.points.append((assessment.date, score.value, label,
                                   assessment.get_stage_display(), assessment.version.number))
    return view, list(assessments), list(journeys.values())


# --- For the partnership page and the yearly report -------------------------------------------


def impact_summary(partnership, year: int) -> dict:
    """What the register's partnership page and the yearly report show about impact in YEAR."""
    calculation = SroiCalculation.objects.filter(partnership=partnership, year=year).first()
    account = SocioeconomicAccount.objects.filter(partnership=partnership, year=year).first()
    year_inputs = YearInputs(partnership, year)
    return {
        "year": year,
        "partnership": partnership,
        "sroi": sroi_view(calculation, year_inputs) if calculation else None,
        "account": account_view(account, year_inputs) if account else None,
        "progression": group_progression(partnership, year_period(year)),
    }


def for_viewer(impact: dict, user) -> dict:
    """IMPACT as USER may see it. Quantities taken from the follow-up are counts of persons: for
    a viewer who may not see them unsuppressed (policy.may_see_unsuppressed_counts: the
    committee, partner staff of other partnerships, the published report), a quantity is
    withheld when the publication layer withholds its follow-up cell (a small count, or one
    that would give a small count away; followup/publication.py), and a manual quantity when
    it is 1…threshold−1. Then no per-outcome quantity or value is shown, nor the sensitivity
    analysis, nor PV, NPV, ratio and payback: with the published proxies and assumptions the
    method's formula would give the withheld count back. The socio-economic account's persons
    and group totals are withheld in the same way."""
    from samverka.core.numbers import SUPPRESSED

    threshold = suppression_threshold()
    shown = dict(impact, sroi_detail_hidden=False, sroi_totals_hidden=False,
                 account_persons_hidden=False, threshold=threshold, small=SUPPRESSED)
    if user is not None and policy.may_see_unsuppressed_counts(user, impact.get("partnership")):
        return shown
    withheld = _withheld(impact, threshold)
    view = impact.get("sroi")
    if view is not None:
        for row in view.rows:
            row.small = withheld(row.quantity_source, row.quantity)
        if any(row.small for row in view.rows):
            shown["sroi_detail_hidden"] = shown["sroi_totals_hidden"] = True
    account = impact.get("account")
    if account is not None and withheld(account.account.persons_source, account.persons):
        shown["account_persons_hidden"] = True
    return shown


def _withheld(impact: dict, threshold: int):
    """A test (source, quantity) -> withheld, reading the publication layer's pattern once."""
    found = {}

    def withheld(source, quantity) -> bool:
        if source == QuantitySource.MANUAL or source not in PUBLISHED_CELLS:
            return is_small(quantity, threshold)
        if "mask" not in found:
            from samverka.followup import publication

            found["mask"] = publication.mask(impact["partnership"], year_period(impact["year"]))
        return any(found["mask"].hides(*cell) for cell in PUBLISHED_CELLS[source])

    return withheld
