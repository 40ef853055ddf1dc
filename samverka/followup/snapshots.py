"""Dashboard snapshots: a municipality's published dashboard figures, kept for a few minutes.

Computing a large municipality's portfolio (a thousand partnerships) takes longer than a page
should; the figures change slowly. The dashboard therefore reads a snapshot no older than
FOLLOWUP_DASHBOARD_MAX_AGE seconds (default 300), recomputes it when older or when asked
("Räkna om"), and always shows when the figures were computed. Exports and reports compute
live. `samverka followup --refresh-dashboards` recomputes every stored snapshot.
"""

import datetime as dt
import time

from django.conf import settings
from django.utils import timezone

from samverka.partnerships.models import AgreementVersion, Partnership

from . import publication
from .models import DashboardSnapshot
from .periods import Period, standard


def max_age_seconds() -> int:
    return int(getattr(settings, "FOLLOWUP_DASHBOARD_MAX_AGE", 300))


def _latest_versions(municipality) -> tuple[dict, dict]:
    """(latest version per partnership, every version by id)."""
    versions = AgreementVersion.objects.filter(partnership__municipality=municipality)
    latest, by_id = {}, {}
    for version in versions.order_by("partnership_id", "number"):
        latest[version.partnership_id] = version
        by_id[version.pk] = version
    return latest, by_id


# What the dashboard and its XLSX show per partnership; the rest (months, splits) stays out of
# the snapshot so that reading it back is cheap. The portfolio total is kept whole.
SHOWN = {"occupancy": ["places", "rate_percent", "under_occupied"],
         "flow": ["participants", "referred", "started", "ended"],
         "outcomes": ["to_work_or_studies"],
         "economics": ["value", "committee_cost", "committee_cost_per_place",
                       "committee_cost_per_participant"]}


def _shown(item: dict) -> dict:
    return {"partnership": item["partnership"],
            **{section: {key: item[section][key] for key in keys}
               for section, keys in SHOWN.items()}}


def compute(municipality, period: Period) -> dict:
    """The dashboard's published figures for every partnership, unfiltered, JSON-ready."""
    data, rows = publication.portfolio(period, [municipality.pk])
    forms_by_id = dict(Partnership.objects.filter(municipality=municipality)
                       .values_list("id", "form"))
    latest, by_id = _latest_versions(municipality)
    data["partnerships"] = [_shown(item) for item in data["partnerships"]]
    for stats, item in zip(rows, data["partnerships"], strict=True):
        # The version in force in the period (membership), else the latest.
        version = by_id.get(stats.version_id) or latest.get(stats.partnership_id)
        end = version.current_end if version else None
        item["id"] = stats.partnership_id
        item["form"] = forms_by_id.get(stats.partnership_id, "")
        item["status"] = str(version.get_status_display()) if version else ""
        item["status_key"] = version.status if version else ""
        item["period_end"] = end.isoformat() if end else None
        item["period_known"] = stats.period_known
    return data


def dashboard(municipality, period: Period, refresh: bool = False) -> tuple[dict, dt.datetime]:
    """(figures, computed at): the stored snapshot when fresh enough, else computed now."""
    snapshot = DashboardSnapshot.objects.filter(
        municipality=municipality, period_start=period.start, period_end=period.end).first()
    age_limit = dt.timedelta(seconds=max_age_seconds())
    if refresh or snapshot is None or timezone.now() - snapshot.computed_at > age_limit:
        snapshot = store(municipality, period)
    data = snapshot.data
    for item in data["partnerships"]:
        if item["period_end"]:
            item["period_end"] = dt.date.fromisoformat(item["period_end"])
    return data, snapshot.computed_at


def store(municipality, period: Period) -> DashboardSnapshot:
    started = time.perf_counter()
    data = compute(municipality, period)
    snapshot, _created = DashboardSnapshot.objects.update_or_create(
        municipality=municipality, period_start=period.start, period_end=period.end,
        defaults={"data": data, "computed_at": timezone.now(),
                  "seconds": time.perf_counter() - started})
    return snapshot


def refresh_all() -> int:
    """Recompute every stored snapshot; the number recomputed. A snapshot of a range that is
    no standard period and ended before today (yesterday's "year so far", a range somebody
    chose once) is deleted instead: nobody asks for it again, and recomputing it every time
    would make the refresh grow by a row per municipality and day."""
    today = timezone.localdate()
    count = 0
    for snapshot in DashboardSnapshot.objects.select_related("municipality"):
        period = Period(snapshot.period_start, snapshot.period_end)
        if period.end < today and standard(period) is None:
            snapshot.delete()
            continue
        store(snapshot.municipality, period)
        count += 1
    return count
