"""The follow-up figures as they may be published: small cells suppressed, plain JSON types.

Every view a committee member or the public sees – the web pages, the yearly report (DOCX, PDF),
the XLSX export and `samverka followup --format json` – renders from `published(stats)`, so the
numbers are the same everywhere. Counts and kronor are integers; rates are numbers with one
decimal; a suppressed cell is None (shown as "<5").
"""

from django.conf import settings
from django.utils.translation import gettext_noop

from samverka.core import numbers

from .individual import Route
from .stats import (
    AGE_BAND_LABELS,
    GENDER_LABELS,
    OUTCOME_LABELS,
    OUTCOMES,
    SPLIT_KEYS,
    WORK_OR_STUDIES,
    Stats,
    under_occupancy_threshold,
)
from .suppression import show, suppress

REFERRAL_CELLS = ["accepted", "declined", "waiting", "withdrawn"]
SINGLE_FLOW = ["started", "ended", "active_at_start", "active_at_end", "participants"]


def threshold() -> int:
    return int(getattr(settings, "FOLLOWUP_SMALL_CELL", 5))


def _num(value):
    return numbers.json_number(value)


def _share(count, total):
    """COUNT of TOTAL in percent: half up to one decimal (5 of 80 is 6.3), as a JSON number."""
    return numbers.json_number(numbers.percent(count, total))


def published(stats: Stats) -> dict:
    """STATS as a JSON-ready dict with small cells suppressed."""
    limit = threshold()
    flow = stats.flow
    referrals = suppress({key: flow[key] for key in REFERRAL_CELLS}, flow["referred"], limit)
    outcomes = suppress(stats.outcomes, stats.exits, limit)
    work_or_studies = show(stats.exits_to_work_or_studies, limit)
    participants = show(flow["participants"], limit)

    def distribution(dist):
        visible = dist.count >= limit
        return {"count": show(dist.count, limit),
                "mean_days": _num(dist.mean) if visible else None,
                "median_days": _num(dist.median) if visible else None}

    return {
        "partnership": stats.name,
        "period": {"label": stats.period.label, "start": stats.period.start.isoformat(),
                   "end": stats.period.end.isoformat(), "days": stats.period.days},
        "small_cell_threshold": limit,
        "period_known": stats.period_known,
        "occupancy": {
            "places": stats.places,
            "occupied_place_days": stats.occupied,
            "available_place_days": stats.available,
            "rate_percent": _num(stats.occupancy),
            "threshold_percent": _num(under_occupancy_threshold()),
            "under_occupied": stats.under_occupied,
            # Portfolio: the partnerships left out of the rate (and of the cost per place).
            "partnerships_without_places": list(stats.without_places),
            "months": [
                {"month": month.label, "occupied_place_days": month.occupied,
                 "available_place_days": month.available, "rate_percent": _num(month.rate)}
                for month in stats.months
            ],
        },
        "flow": {
            "referred": referrals.total,
            **referrals.cells,
            **{key: show(flow[key], limit) for key in SINGLE_FLOW},
            "days_from_referral_to_start": distribution(stats.days_to_start),
            "length_of_stay_days": distribution(stats.stay_days),
        },
        "outcomes": {
            "exits": outcomes.total,
            "by_outcome": [
                {"outcome": key, "label": str(OUTCOME_LABELS[key]),
                 "count": outcomes.cells[key],
                 "share_percent": _share(outcomes.cells[key], outcomes.total)}
                for key in OUTCOMES
            ],
            "to_work_or_studies": work_or_studies,
            "to_work_or_studies_share_percent": _share(work_or_studies, outcomes.total),
        },
        "splits": {dimension: _split(cells, dimension, limit)
                   for dimension, cells in stats.splits.items()},
        "economics": {
            "value": stats.value,
            "committee_cost": stats.committee_cost,
            "committee_cost_per_place": stats.cost_per_place,
            "committee_cost_per_participant":
                stats.cost_per_participant if participants is not None else None,
            "committee_cost_per_exit_to_work_or_studies":
                stats.cost_per_exit_to_work_or_studies if work_or_studies is not None else None,
        },
        "individual_agreements": _routes(stats, referrals.total, limit),
    }


def _route(route, limit: int) -> dict:
    """One route's persons, cost and cost per person; the cost hidden with a hidden count."""
    persons = show(route.persons or 0, limit) if route.source else 0
    return {"persons": persons,
            "cost": route.cost if persons else None,
            "cost_per_person": route.cost_per_person if persons else None,
            "source": route.source, "source_document": route.source_document}


def _routes(stats: Stats, referred: int | None, limit: int) -> dict:
    """Individual agreements beside the partnership (seed 002): persons and cost per person by
    each route, from placements or, where none are recorded, from the reported figures (marked
    with their source)."""
    recorded = Route(stats.individual_persons, stats.individual_cost,
                     "placements" if stats.individual_persons else None)
    individual = _route(stats.individual_route or recorded, limit)
    own = _route(stats.partnership_route or Route(), limit)
    own["committee_cost"] = own.pop("cost")
    return {**individual, "referred_under_partnership": referred, "partnership": own}


def _label(dimension: str, key: str) -> str:
    if dimension == "gender":
        return GENDER_LABELS.get(key, key)
    if dimension == "age_band":
        return AGE_BAND_LABELS.get(key, key)
    return key


def _split(cells: dict, dimension: str, limit: int) -> list[dict]:
    """One row per group; each column suppressed against its own total."""
    groups = sorted(cells)
    columns = {}
    for key in SPLIT_KEYS:
        values = {group: cells[group][key] for group in groups}
        columns[key] = suppress(values, sum(values.values()), limit)
    rows = [{"group": group, "label": _label(dimension, group),
             **{key: columns[key].cells[group] for key in SPLIT_KEYS}} for group in groups]
    rows.append({"group": "total", "label": gettext_noop("Totalt"),
                 **{key: columns[key].total for key in SPLIT_KEYS}})
    return rows


def portfolio_published(rows: list[Stats], total: Stats) -> dict:
    """The dashboard: one published dict per partnership plus the portfolio total.

    A column summed over partnerships could give a suppressed cell away (total − the others),
    so each count column is suppressed against the portfolio total as well.
    """
    items = [published(row) for row in rows]
    limit = threshold()
    for path in (("flow", "participants"), ("flow", "started"), ("flow", "ended"),
                 ("outcomes", "exits"), ("outcomes", "to_work_or_studies")):
        raw = {index: _raw(row, path) for index, row in enumerate(rows)}
        column = suppress(raw, sum(raw.values()), limit)
        for index, item in enumerate(items):
            if column.cells[index] is None:
                item[path[0]][path[1]] = None
    return {"partnerships": items, "total": published(total)}


def _raw(stats: Stats, path: tuple) -> int:
    section, key = path
    if section == "flow":
        return stats.flow[key]
    if key == "exits":
        return stats.exits
    return sum(stats.outcomes[k] for k in WORK_OR_STUDIES)
