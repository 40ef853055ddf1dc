"""What the committee role can read about the demo, as cells and relations for the LP audit.

Written independently of the publication layer's own cells and relations
(samverka/followup/publication.py), so that the audit checks the layer rather than repeating it.

A *cell* is one true quantity (scope, period label, quantity): scope a partnership id or
"portfolio". Its true value comes from the raw statistics (followup/stats.py); it is *shown*
when any output the committee can obtain prints it (the published dicts behind the dashboard
and its XLSX, a partnership's page, the CLI JSON, the API and the yearly reports). The relations
are what any reader knows about the definitions: parts sum to totals, the referral identity,
outcomes sum to exits, splits sum to their totals, the portfolio column sums the partnerships,
flows add up over the periods of a year, a month's place-days are the same figure in every
period's month table, persons at the start of periods starting on one day are one number,
published ratios (shares, cost per participant) pin their numerator to their denominator, and
place-days bound the participants. A relation that does not hold in the true figures is left
out (listed in ``dropped``): it would make the LP infeasible.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from samverka.followup.crossperiod import partitions
from samverka.followup.disclosure import Relation, at_least, total
from samverka.followup.stats import OUTCOMES, SPLIT_KEYS, WORK_OR_STUDIES

REFERRAL_PARTS = ["accepted", "declined", "waiting", "withdrawn"]
# Counted by the event's date: a year is the sum of its halves, quarters and months.
ADDITIVE = ["referred", *REFERRAL_PARTS, "started", "ended", "exits", "work_or_studies",
            *(f"outcome.{key}" for key in OUTCOMES)]
ADDITIVE_SPLIT_COLUMNS = ["started", "ended", "to_work_or_studies"]
SCALE = {"share": 1000}  # shares in tenths of a percent


def truth(stats) -> dict:
    """quantity -> true value of one Stats (the raw figures, nothing withheld)."""
    values = {key: value for key, value in stats.flow.items()}
    values["exits"] = stats.exits
    values["work_or_studies"] = stats.exits_to_work_or_studies
    values |= {f"outcome.{key}": value for key, value in stats.outcomes.items()}
    values["occupied"] = stats.occupied
    for month in stats.months:
        values[f"month.{month.label}.occupied"] = month.occupied
    for dimension, cells in stats.splits.items():
        for column in SPLIT_KEYS:
            for group, row in cells.items():
                values[f"split.{dimension}.{group}.{column}"] = row[column]
            values[f"split.{dimension}.total.{column}"] = sum(r[column] for r in cells.values())
    if stats.committee_cost is not None:
        values["committee_cost"] = stats.committee_cost
    return values


def _ratio(numerator, per: int, denominator, scale: int = 1) -> list[Relation]:
    """PER = numerator × SCALE / denominator rounded half up: (2·per − 1)·den ≤ 2·scale·num
    ≤ (2·per + 1)·den, linear because PER is a shown constant."""
    return [
        Relation(((denominator, 2 * per - 1), (numerator, -2 * scale)), "le", 0),
        Relation(((numerator, 2 * scale), (denominator, -(2 * per + 1))), "le", 0),
    ]


def _value(value):
    if value is None or value in ("..", "<5", "uppgift saknas"):
        return None
    return value


def shown_cells(published: dict) -> tuple[dict, list]:
    """(quantity -> shown value or None when withheld, derived figures) of one published dict.
    Derived figures are (numerator quantity, value, denominator quantity, scale)."""
    cells: dict = {}
    flow = published["flow"]
    for key in ["referred", *REFERRAL_PARTS, "started", "ended", "active_at_start",
                "active_at_end", "participants"]:
        cells[key] = _value(flow[key])
    outcomes = published["outcomes"]
    cells["exits"] = _value(outcomes["exits"])
    cells["work_or_studies"] = _value(outcomes["to_work_or_studies"])
    derived = []
    for row in outcomes["by_outcome"]:
        cells[f"outcome.{row['outcome']}"] = _value(row["count"])
        share = _value(row["share_percent"])
        if share is not None:
            derived.append((f"outcome.{row['outcome']}", _tenths(share), "exits", 1000))
    share = _value(outcomes["to_work_or_studies_share_percent"])
    if share is not None:
        derived.append(("work_or_studies", _tenths(share), "exits", 1000))
    occupancy = published["occupancy"]
    cells["occupied"] = _value(occupancy["occupied_place_days"])
    for month in occupancy["months"]:
        cells[f"month.{month['month']}.occupied"] = _value(month["occupied_place_days"])
    for dimension, rows in published["splits"].items():
        for row in rows:
            for column in SPLIT_KEYS:
                cells[f"split.{dimension}.{row['group']}.{column}"] = _value(row[column])
    economics = published["economics"]
    if economics["committee_cost"] is not None:
        cells["committee_cost"] = economics["committee_cost"]
    for key, denominator in (("committee_cost_per_participant", "participants"),
                             ("committee_cost_per_exit_to_work_or_studies", "work_or_studies")):
        per = _value(economics[key])
        if per is not None:
            derived.append(("committee_cost", int(per), denominator, 1))
    return cells, derived


def _key(scope, label, quantity) -> tuple:
    """A month row of a longer period's occupancy table is that month's own figure."""
    if quantity.startswith("month."):
        return (scope, quantity.split(".")[1], "occupied")
    return (scope, label, quantity)


def _tenths(share) -> int:
    return int(Decimal(str(share)) * 10)


@dataclass
class Audit:
    """Cells, which outputs show or withhold each, and the relations by family."""

    values: dict = field(default_factory=dict)
    shown_by: dict = field(default_factory=lambda: defaultdict(set))
    hidden_in: dict = field(default_factory=lambda: defaultdict(set))
    relations: dict = field(default_factory=lambda: defaultdict(list))
    dropped: list = field(default_factory=list)
    placed: set = field(default_factory=set)  # (scope, label) with a known number of places

    def add_truth(self, scope, label, stats) -> None:
        for quantity, value in truth(stats).items():
            key = _key(scope, label, quantity)
            if quantity.startswith("month.") and key in self.values:
                continue  # the month's own figure, already read
            self.values[key] = value
        if stats.places:
            self.placed.add((scope, label))

    def add_output(self, output, scope, label, published: dict) -> None:
        cells, derived = shown_cells(published)
        for quantity, value in cells.items():
            key = _key(scope, label, quantity)
            if key not in self.values:
                continue
            (self.hidden_in if value is None else self.shown_by)[key].add(output)
            if value is not None and value != self.values[key]:
                raise AssertionError(f"{output} prints {key} = {value}, true {self.values[key]}")
        for numerator, per, denominator, scale in derived:
            for relation in _ratio((scope, label, numerator), per, (scope, label, denominator),
                                   scale):
                self.relate("derived ratios", relation)

    def relate(self, family: str, relation: Relation) -> None:
        if any(key not in self.values for key, _coef in relation.terms):
            return
        lhs = sum(coef * self.values[key] for key, coef in relation.terms)
        holds = lhs == relation.constant if relation.kind == "eq" else lhs <= relation.constant
        (self.relations[family] if holds else self.dropped).append(relation)

    def hidden(self) -> set:
        """Cells withheld by some output and shown by none."""
        return {key for key in self.hidden_in if not self.shown_by.get(key)}

    def all_relations(self) -> list:
        return [relation for family in self.relations.values() for relation in family]


def add_relations(audit: Audit, scopes: list, year: int, periods: dict) -> None:
    """Every identity a reader knows for SCOPES (partnership ids and 'portfolio') in YEAR."""
    for scope in scopes:
        for label, period in periods.items():
            _within(audit, scope, label, period)
        for parent, parts in partitions(year):
            for quantity in ADDITIVE + _split_quantities(audit, scope, parent):
                audit.relate("across periods", total(
                    (scope, parent, quantity), [(scope, part, quantity) for part in parts]))
                pass
            audit.relate("across periods", total(
                (scope, parent, "occupied"), [(scope, part, "occupied") for part in parts]))
            for part in parts:
                audit.relate("across periods", at_least((scope, parent, "participants"),
                                                        (scope, part, "participants")))
        for measure, day in (("active_at_start", "start"), ("active_at_end", "end")):
            by_day = defaultdict(list)
            for label, period in periods.items():
                by_day[getattr(period, day)].append(label)
            for labels in by_day.values():
                for label in labels[1:]:
                    audit.relate("across periods", total((scope, labels[0], measure),
                                                         [(scope, label, measure)]))
    partnerships = [scope for scope in scopes if scope != "portfolio"]
    for label in periods:
        quantities = {q for (s, p, q) in audit.values if p == label and s == "portfolio"}
        for quantity in sorted(quantities - {"committee_cost"}):
            parts = partnerships
            if quantity == "occupied":
                parts = [s for s in partnerships if (s, label) in audit.placed]
            audit.relate("portfolio column", total(
                ("portfolio", label, quantity), [(scope, label, quantity) for scope in parts]))


def _split_quantities(audit, scope, label) -> list:
    return sorted({q for (s, p, q) in audit.values if s == scope and p == label
                   and q.startswith("split.") and q.split(".")[-1] in ADDITIVE_SPLIT_COLUMNS})


def _within(audit: Audit, scope, label, period) -> None:
    def key(quantity):
        return (scope, label, quantity)

    relate = audit.relate
    relate("within a table", total(key("referred"), [key(k) for k in REFERRAL_PARTS]))
    relate("within a table", total(key("exits"), [key(f"outcome.{k}") for k in OUTCOMES]))
    relate("within a table", total(key("work_or_studies"),
                                   [key(f"outcome.{k}") for k in WORK_OR_STUDIES]))
    splits = defaultdict(set)
    for s, p, q in audit.values:
        if s == scope and p == label and q.startswith("split."):
            _split, dimension, group, _column = q.split(".")
            if group != "total":
                splits[dimension].add(group)
    for dimension, groups in sorted(splits.items()):
        for column in SPLIT_KEYS:
            relate("within a table", total(
                key(f"split.{dimension}.total.{column}"),
                [key(f"split.{dimension}.{group}.{column}") for group in sorted(groups)]))
            flow = "work_or_studies" if column == "to_work_or_studies" else column
            relate("within a table", total(key(flow), [key(f"split.{dimension}.total.{column}")]))
    relate("within a table", total(key("participants"), [key("active_at_start"), key("started")]))
    relate("within a table", Relation(((key("active_at_end"), 1), (key("participants"), -1),
                                       (key("ended"), 1)), "eq", 0))
    relate("within a table", total(key("ended"), [key("exits")]))
    months = [m.label for m in period.months()]
    relate("within a table", total(key("occupied"), [(scope, m, "occupied") for m in months]))
    # Place-days: every participant occupies 1 to (days) place-days of the period.
    relate("place-days", at_least(key("occupied"), key("participants")))
    relate("place-days", Relation(((key("occupied"), 1), (key("participants"), -period.days)),
                                  "le", 0))
