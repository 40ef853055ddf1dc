"""The follow-up figures of one partnership (or the portfolio) in their published shape.

`shaped(stats, mask)` turns the statistics into the JSON-ready dict every output renders: the
web pages, the yearly report (DOCX, PDF), the XLSX export and `samverka followup --format json`.
Which cells are withheld is decided by the publication layer (followup/publication.py) for the
whole output set and handed in as MASK; a withheld figure is numbers.SUPPRESSED (".."), an
unknown one None, zero 0. Counts and kronor are integers; rates are numbers with one decimal.
"""

from django.conf import settings
from django.utils.translation import gettext_noop

from samverka.core import numbers
from samverka.core.numbers import SUPPRESSED

from .stats import (
    AGE_BAND_LABELS,
    GENDER_LABELS,
    OUTCOME_LABELS,
    OUTCOMES,
    SPLIT_KEYS,
    Stats,
    under_occupancy_threshold,
)

REFERRAL_CELLS = ["accepted", "declined", "waiting", "withdrawn"]
SINGLE_FLOW = ["started", "ended", "active_at_start", "active_at_end", "participants"]
SPLIT_TOTAL = "*"  # the key of a split's total row among its groups


def threshold() -> int:
    return int(getattr(settings, "FOLLOWUP_SMALL_CELL", 5))


def _num(value):
    return numbers.json_number(value)


def _share(count, total):
    """COUNT of TOTAL in percent: half up to one decimal (5 of 80 is 6.3), as a JSON number;
    withheld when either is."""
    if numbers.is_suppressed(count) or numbers.is_suppressed(total):
        return SUPPRESSED
    return numbers.json_number(numbers.percent(count, total))


class Mask:
    """The withheld cells of one partnership (or the total, PID "total") in one period."""

    def __init__(self, hidden: set, pid, label: str):
        self.hidden, self.pid, self.label = hidden, pid, label

    def hides(self, measure: str, *extra) -> bool:
        return (measure, self.pid, self.label, *extra) in self.hidden

    def count(self, value, measure: str, *extra):
        """VALUE, or SUPPRESSED when its cell is withheld."""
        return SUPPRESSED if self.hides(measure, *extra) else value


def shaped(stats: Stats, mask: Mask) -> dict:
    """STATS as a JSON-ready dict with MASK's cells (and what derives from them) withheld."""
    flow = stats.flow
    withheld = mask.hides("participants")
    ws = mask.count(stats.exits_to_work_or_studies, "work_or_studies")
    exits = mask.count(stats.exits, "exits")

    def distribution(dist, measure):
        hidden = mask.hides(measure)
        return {"count": SUPPRESSED if hidden else dist.count,
                "mean_days": SUPPRESSED if hidden else _num(dist.mean),
                "median_days": SUPPRESSED if hidden else _num(dist.median)}

    occupied = mask.count(stats.occupied, "occupied")
    return {
        "partnership": stats.name,
        "period": {"label": stats.period.label, "start": stats.period.start.isoformat(),
                   "end": stats.period.end.isoformat(), "days": stats.period.days},
        "small_cell_threshold": threshold(),
        "period_known": stats.period_known,
        "occupancy": {
            "places": stats.places,
            "occupied_place_days": occupied,
            "available_place_days": stats.available,
            "rate_percent": SUPPRESSED if numbers.is_suppressed(occupied)
            else _num(stats.occupancy),
            "threshold_percent": _num(under_occupancy_threshold()),
            "under_occupied": None if numbers.is_suppressed(occupied) else stats.under_occupied,
            # Portfolio: the partnerships left out of the rate (and of the cost per place).
            "partnerships_without_places": list(stats.without_places),
            "months": [_month(month, mask) for month in stats.months],
        },
        "flow": {
            "referred": mask.count(flow["referred"], "referred"),
            **{key: mask.count(flow[key], key) for key in REFERRAL_CELLS},
            **{key: mask.count(flow[key], key) for key in SINGLE_FLOW},
            "days_from_referral_to_start": distribution(stats.days_to_start, "to_start_n"),
            "length_of_stay_days": distribution(stats.stay_days, "stay_n"),
        },
        "outcomes": {
            "exits": exits,
            "by_outcome": [
                {"outcome": key, "label": str(OUTCOME_LABELS[key]),
                 "count": (count := mask.count(stats.outcomes[key], "outcome", key)),
                 "share_percent": _share(count, exits)}
                for key in OUTCOMES
            ],
            "to_work_or_studies": ws,
            "to_work_or_studies_share_percent": _share(ws, exits),
        },
        "splits": {dimension: _split(cells, dimension, mask)
                   for dimension, cells in stats.splits.items()},
        "economics": {
            "value": stats.value,
            "committee_cost": stats.committee_cost,
            "committee_cost_per_place": stats.cost_per_place,
            "committee_cost_per_participant":
                SUPPRESSED if withheld else stats.cost_per_participant,
            "committee_cost_per_exit_to_work_or_studies":
                SUPPRESSED if numbers.is_suppressed(ws)
                else stats.cost_per_exit_to_work_or_studies,
        },
        "individual_agreements": _routes(stats, mask),
    }


def _month(month, mask: Mask) -> dict:
    occupied = mask.count(month.occupied, "occupied", month.label)
    hidden = numbers.is_suppressed(occupied)
    return {"month": month.label, "occupied_place_days": occupied,
            "available_place_days": month.available,
            "rate_percent": SUPPRESSED if hidden else _num(month.rate)}


def _route(route, mask: Mask, name: str) -> dict:
    """One route's persons, cost and cost per person; the cost withheld with the count."""
    persons = (route.persons or 0) if route.source else 0
    hidden = mask.hides("route", name) and route.source
    return {"persons": SUPPRESSED if hidden else persons,
            "cost": SUPPRESSED if hidden else (route.cost if persons else None),
            "cost_per_person": SUPPRESSED if hidden
            else (route.cost_per_person if persons else None),
            "source": route.source, "source_document": route.source_document}


def _routes(stats: Stats, mask: Mask) -> dict:
    """Individual agreements beside the partnership (seed 002): persons and cost per person by
    each route, from placements or, where none are recorded, from the reported figures (marked
    with their source)."""
    from .publication import _route as route_of

    individual = _route(route_of(stats, "individual"), mask, "individual")
    own = _route(route_of(stats, "partnership"), mask, "partnership")
    own["committee_cost"] = own.pop("cost")
    referred = mask.count(stats.flow["referred"], "referred")
    return {**individual, "referred_under_partnership": referred, "partnership": own}


def _label(dimension: str, key: str) -> str:
    if dimension == "gender":
        return GENDER_LABELS.get(key, key)
    if dimension == "age_band":
        return AGE_BAND_LABELS.get(key, key)
    return key


def _split(cells: dict, dimension: str, mask: Mask) -> list[dict]:
    """One row per group and the total row, withheld cell by cell as MASK says."""
    groups = sorted(cells)
    rows = [{"group": group, "label": _label(dimension, group),
             **{key: mask.count(cells[group][key], "split", dimension, group, key)
                for key in SPLIT_KEYS}} for group in groups]
    rows.append({"group": "total", "label": gettext_noop("Totalt"),
                 **{key: mask.count(sum(cells[g][key] for g in groups), "split", dimension,
                                    SPLIT_TOTAL, key) for key in SPLIT_KEYS}})
    return rows
