"""The start pages' worklists of partner staff and case workers: logging selectors on top of
selectors.visible_referrals() and visible_placements(), so the worklist shows exactly the rows
the user may see elsewhere. One access-log entry per call that returns personal data, naming
every participant shown; worklist_count() returns a number only and is not logged (no person
is shown)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from samverka.accounts import policy

from . import accesslog
from .accesslog import Purpose
from .models import AccessLogEntry, Referral, WeeklyActivity
from .selectors import as_seen_by, require, visible_placements, visible_referrals

SHOWN = 25  # rows per section; the section says how many there are in all
WEEKS_BACK = 4  # weeks without hours: the last four finished weeks
ASSESSMENT_EVERY = dt.timedelta(days=182)  # a progression assessment at least twice a year
ANSWERED_WITHIN = dt.timedelta(days=30)  # case workers: answers of the last 30 days
OPEN = (Referral.Status.REQUESTED, Referral.Status.WAITING)


@dataclass
class Section:
    key: str
    rows: list = field(default_factory=list)
    total: int = 0


@dataclass
class Worklist:
    sections: dict[str, Section]
    by_status: list = field(default_factory=list)  # case workers: (label, count)

    @property
    def count(self) -> int:
        return sum(section.total for section in self.sections.values())


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _section(key, queryset, shown=SHOWN) -> Section:
    rows = list(queryset[:shown])
    return Section(key, rows, queryset.count() if len(rows) == shown else len(rows))


def _running(user, today):
    return visible_placements(user).filter(start__lte=today, end__isnull=True)


def _missing_weeks(user, today):
    """Running placements lacking hours for one of the last WEEKS_BACK finished weeks."""
    this_monday = monday_of(today)
    weeks = [this_monday - dt.timedelta(weeks=back) for back in range(1, WEEKS_BACK + 1)]
    placements = list(
        _running(user, today).filter(start__lt=this_monday)
        .select_related("participant", "partnership").order_by("start", "pk"))
    recorded = set(WeeklyActivity.objects.filter(placement__in=placements, week_start__in=weeks)
                   .values_list("placement_id", "week_start"))
    rows = []
    for placement in placements:
        due = [w for w in weeks if w >= monday_of(placement.start)
               and (placement.pk, w) not in recorded]
        if due:
            placement.missing_weeks = sorted(due)
            rows.append(placement)
    return Section("weeks", rows[:SHOWN], len(rows))


def _assessments_due(user, today):
    from samverka.impact.models import Assessment

    recent = Assessment.objects.filter(
        participant_id=OuterRef("participant_id"), partnership_id=OuterRef("partnership_id"),
        date__gt=today - ASSESSMENT_EVERY)
    due = (_running(user, today).filter(start__lte=today - dt.timedelta(days=28))
           .filter(~Exists(recent)).select_related("participant", "partnership")
           .order_by("start", "pk"))
    return _section("assessments", due, shown=10)


def _partner_sections(user, today) -> dict[str, Section]:
    monday = monday_of(today)
    referrals = (visible_referrals(user).filter(status=Referral.Status.REQUESTED)
                 .select_related("participant", "partnership", "referring_unit")
                 .order_by("requested_on", "pk"))
    starting = (visible_placements(user).filter(start__gte=monday,
                                                start__lte=monday + dt.timedelta(days=6))
                .select_related("participant", "partnership").order_by("start", "pk"))
    return {"referrals": _section("referrals", referrals),
            "starting": _section("starting", starting),
            "weeks": _missing_weeks(user, today),
            "assessments": _assessments_due(user, today)}


def _case_worker_sections(user, today) -> tuple[dict[str, Section], list]:
    own = visible_referrals(user).select_related("partnership", "participant")
    answered = (own.filter(decided_on__gte=today - ANSWERED_WITHIN, decided_on__lte=today)
                .exclude(status=Referral.Status.REQUESTED).order_by("-decided_on", "-pk"))
    waiting = own.filter(status__in=OPEN).order_by("requested_on", "pk")
    counts = {status: 0 for status in Referral.Status.values}
    for status in own.values_list("status", flat=True):
        counts[status] += 1
    by_status = [(label, counts[value]) for value, label in Referral.Status.choices]
    return {"answered": _section("answered", answered),
            "waiting": _section("waiting", waiting)}, by_status


def _participants_of(sections) -> list:
    """Every participant instance shown (one per row, so that each is seen as USER sees it)."""
    return [row.participant for section in sections.values() for row in section.rows]


def worklist_for(user, today: dt.date) -> Worklist:
    """USER's worklist on TODAY (partner staff or case worker), logged once with the ids of the
    participants shown; 403 (logged) for a role without participant access."""
    require(user, policy.VIEW_PARTICIPANTS, Purpose.CASEWORK, AccessLogEntry.Action.LIST)
    by_status = []
    if policy.worklist_kind(user) == "case_worker":
        sections, by_status = _case_worker_sections(user, today)
    else:
        sections = _partner_sections(user, today)
    people = as_seen_by(user, _participants_of(sections))
    ids = sorted({person.pk for person in people})
    if ids:
        accesslog.write(user, AccessLogEntry.Action.LIST, Purpose.CASEWORK, detail={
            "view": "worklist", "participant_ids": ids, "count": len(ids)})
    return Worklist(sections, by_status)


def worklist_count(user, today: dt.date) -> int:
    """How many items wait in USER's worklist (the navigation badge): a number, no person."""
    if not policy.can(user, policy.VIEW_PARTICIPANTS):
        return 0
    if policy.worklist_kind(user) == "case_worker":
        own = visible_referrals(user)
        return own.filter(decided_on__gte=today - ANSWERED_WITHIN, decided_on__lte=today) \
            .exclude(status=Referral.Status.REQUESTED).count()
    monday = monday_of(today)
    return (visible_referrals(user).filter(status=Referral.Status.REQUESTED).count()
            + visible_placements(user).filter(
                start__gte=monday, start__lte=monday + dt.timedelta(days=6)).count()
            + _missing_weeks(user, today).total + _assessments_due(user, today).total)

