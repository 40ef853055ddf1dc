"""Which partnerships belong to a period: one definition for the portfolio and the follow-up.

A partnership belongs to a period (a calendar year for the portfolio, any period for the
follow-up) when at least one of these holds; each that holds is a basis of its membership:

- AGREEMENT: one of its agreement versions has a recorded period overlapping the period: from
  its start (a missing start is open towards the past) to its current end (with the
  extensions used); a missing end is open only while the version is still open (draft,
  decided, active) – an ended version without an end date records no period.
- BUDGET: one of its budgets covers a calendar year the period touches (`Budget.covers`).
- REPORTED: a source reports a figure for it for such a year (seed 002's 2018 figures).
- PARTICIPANTS: a placement overlaps the period, or a referral was made in it.

Without the AGREEMENT basis the partnership is still listed, with its period unknown ("period
okänd"). The version shown for the period is the version in force then: the latest version
whose recorded period overlaps it; else the version of the latest budget covering it; else the
latest version not starting after the period.
"""

import datetime as dt
from dataclasses import dataclass, field

from samverka.budgets.models import Budget
from samverka.participants.models import Placement, Referral

from .dates import latest_possible_end
from .models import AgreementVersion, ReportedFigure

AGREEMENT, BUDGET, REPORTED, PARTICIPANTS = "agreement", "budget", "reported", "participants"
OPEN_STATUSES = {AgreementVersion.Status.DRAFT, AgreementVersion.Status.DECIDED,
                 AgreementVersion.Status.ACTIVE}


@dataclass
class Membership:
    partnership_id: int
    basis: set = field(default_factory=set)
    version_id: int | None = None

    @property
    def period_known(self) -> bool:
        """Whether a recorded agreement period covers the period (else "period okänd")."""
        return AGREEMENT in self.basis


def _scoped(queryset, prefix: str, municipality_ids, partnership_ids):
    if municipality_ids is not None:
        queryset = queryset.filter(**{f"{prefix}municipality_id__in": list(municipality_ids)})
    if partnership_ids is not None:
        key = "id__in" if prefix == "" else f"{prefix}id__in"
        queryset = queryset.filter(**{key: list(partnership_ids)})
    return queryset


def version_overlaps(start, end, extensions_used, extension_years, status,
                     first: dt.date, last: dt.date) -> bool:
    """Whether a version's recorded period overlaps FIRST..LAST (the rule above)."""
    if start is None and end is None:
        return False
    current_end = latest_possible_end(end, extensions_used, extension_years)
    if current_end is None and status not in OPEN_STATUSES:
        return False
    return (start is None or start <= last) and (current_end is None or current_end >= first)


def budget_covers(first_year, last_year, version_end, year: int) -> bool:
    """`Budget.covers` on plain values: VERSION_END is the version's current end."""
    if year < first_year or (last_year is not None and year > last_year):
        return False
    return version_end is None or version_end.year >= year


def participant_partnerships(first: dt.date, last: dt.date, municipality_ids=None,
                             partnership_ids=None) -> set[int]:
    """Partnerships with a placement overlapping FIRST..LAST or a referral made in it."""
    placements = Placement.objects.filter(start__lte=last).exclude(end__lt=first)
    referrals = Referral.objects.filter(requested_on__gte=first, requested_on__lte=last)
    found = set()
    for queryset in (placements, referrals):
        queryset = _scoped(queryset, "", municipality_ids, None)
        if partnership_ids is not None:
            queryset = queryset.filter(partnership_id__in=list(partnership_ids))
        found |= set(queryset.order_by().values_list("partnership_id", flat=True).distinct())
    return found


def members(first: dt.date, last: dt.date, municipality_ids=None, partnership_ids=None,
            participants: set[int] | None = None) -> dict[int, Membership]:
    """{partnership id: Membership} of the partnerships that belong to FIRST..LAST.

    PARTICIPANTS: the partnerships with participants in the period when the caller has them
    already (the follow-up), else they are read here."""
    years = range(first.year, last.year + 1)
    found: dict[int, Membership] = {}

    def member(pid: int) -> Membership:
        return found.setdefault(pid, Membership(pid))

    versions = _scoped(AgreementVersion.objects.all(), "partnership__", municipality_ids, None)
    if partnership_ids is not None:
        versions = versions.filter(partnership_id__in=list(partnership_ids))
    rows = list(versions.order_by("partnership_id", "number").values_list(
        "id", "partnership_id", "number", "start", "end", "extensions_used", "extension_years",
        "status"))
    for vid, pid, _number, start, end, used, ext_years, status in rows:
        if version_overlaps(start, end, used, ext_years, status, first, last):
            member(pid).basis.add(AGREEMENT)
            found[pid].version_id = vid  # rows by number: the latest overlapping one wins

    budgets = _scoped(Budget.objects.filter(first_year__lte=last.year), "version__partnership__",
                      municipality_ids, None).exclude(last_year__lt=first.year)
    if partnership_ids is not None:
        budgets = budgets.filter(version__partnership_id__in=list(partnership_ids))
    budget_rows = budgets.order_by("first_year", "version__number").values_list(
        "version_id", "version__partnership_id", "first_year", "last_year", "version__end",
        "version__extensions_used", "version__extension_years")
    for vid, pid, first_year, last_year, end, used, ext_years in budget_rows:
        current_end = latest_possible_end(end, used, ext_years)
        if any(budget_covers(first_year, last_year, current_end, year) for year in years):
            entry = member(pid)
            entry.basis.add(BUDGET)
            if AGREEMENT not in entry.basis:
                entry.version_id = vid  # by first year and number: the latest budget wins

    reported = _scoped(ReportedFigure.objects.filter(year__in=list(years)), "partnership__",
                       municipality_ids, None)
    if partnership_ids is not None:
        reported = reported.filter(partnership_id__in=list(partnership_ids))
    for pid in reported.order_by().values_list("partnership_id", flat=True).distinct():
        member(pid).basis.add(REPORTED)

    if participants is None:
        participants = participant_partnerships(first, last, municipality_ids, partnership_ids)
    for pid in participants:
        member(pid).basis.add(PARTICIPANTS)

    for vid, pid, _number, start, _end, _used, _years, _status in rows:
        entry = found.get(pid)
        if entry is not None and entry.basis.isdisjoint({AGREEMENT, BUDGET}) and (
                start is None or start <= last):
            entry.version_id = vid  # the latest version not starting after the period
    return found


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
