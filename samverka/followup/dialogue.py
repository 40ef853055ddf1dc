"""Dialogue meetings per calendar year and the reminders built from the register."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.partnerships.dates import latest_possible_end
from samverka.partnerships.models import AgreementVersion

from . import reminders as rules
from .models import DialogueMeeting
from .periods import Period, year_period


def counts_toward_required(meeting, today: dt.date) -> bool:
    """A meeting counts toward the two a year when held, or planned for today or later; a
    planned meeting whose day has passed without being marked held no longer counts."""
    if meeting.status == DialogueMeeting.Status.HELD:
        return True
    return meeting.status == DialogueMeeting.Status.PLANNED and meeting.date >= today


def counting_filter(today: dt.date) -> Q:
    """counts_toward_required() as a filter over DialogueMeeting."""
    return Q(status=DialogueMeeting.Status.HELD) | Q(status=DialogueMeeting.Status.PLANNED,
                                                     date__gte=today)


def meeting_years(partnership, meetings, period: Period, today: dt.date | None = None
                  ) -> list[dict]:
    """Per calendar year of PERIOD: held and planned meetings, and whether fewer than two count
    (held ones and those still planned ahead)."""
    today = today or timezone.localdate()
    result = []
    for year in period.calendar_years:
        in_year = [m for m in meetings if m.date.year == year]
        held = sum(1 for m in in_year if m.status == DialogueMeeting.Status.HELD)
        planned = sum(1 for m in in_year if m.status == DialogueMeeting.Status.PLANNED)
        counted = sum(1 for m in in_year if counts_toward_required(m, today))
        result.append({"year": year, "held": held, "planned": planned,
                       "overdue": planned - (counted - held),
                       "warning": rules.dialogue_missing(counted)})
    return result


MEETING_FIELDS = ("date", "status", "participants", "topic_participants", "topic_flow",
                  "topic_next_steps", "topic_development", "minutes")


class MeetingConflict(Exception):
    """Someone else saved the meeting after it was read: nothing was changed. CURRENT is the
    meeting as saved now."""

    def __init__(self, current: DialogueMeeting):
        self.current = current
        super().__init__(_("Någon annan har ändrat dialogmötet medan du redigerade det."))


def _editable_partnership(user, partnership_id):
    from samverka.partnerships.models import Partnership

    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None:
        raise Http404
    policy.require(user, policy.EDIT_REGISTER, partnership.municipality_id)
    return partnership


def _fields(values: dict) -> dict:
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    return values


def create_meeting(user, partnership_id, **values) -> DialogueMeeting:
    """Record a dialogue meeting of a partnership, with its audit row."""
    partnership = _editable_partnership(user, partnership_id)
    _check_held(values, timezone.localdate())
    with transaction.atomic():
        meeting = DialogueMeeting.objects.create(
            partnership=partnership, municipality_id=partnership.municipality_id,
            **_fields(values))
        record(user, "dialogue_meeting.create", meeting,
               {name: getattr(meeting, name) for name in MEETING_FIELDS})
    return meeting


def _check_held(values: dict, today: dt.date) -> None:
    if values.get("status") == DialogueMeeting.Status.HELD and values.get("date") \
            and values["date"] > today:
        raise ValidationError({"date": _(
            "Ett möte kan inte vara genomfört ett datum som inte har kommit än.")})


def update_meeting(user, meeting_id, expected_version: int, action="update",
                   **values) -> DialogueMeeting:
    """Change a dialogue meeting if nobody else has since EXPECTED_VERSION (optimistic locking);
    otherwise raise MeetingConflict and change nothing."""
    meeting = DialogueMeeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    _editable_partnership(user, meeting.partnership_id)
    values = _fields(values)
    _check_held({"date": meeting.date, "status": meeting.status, **values},
                timezone.localdate())
    with transaction.atomic():
        updated = DialogueMeeting.objects.filter(pk=meeting.pk, version=expected_version).update(
            **values, version=F("version") + 1)
        if updated != 1:
            raise MeetingConflict(DialogueMeeting.objects.get(pk=meeting.pk))
        changes = {name: {"before": getattr(meeting, name), "after": value}
                   for name, value in values.items() if getattr(meeting, name) != value}
        saved = DialogueMeeting.objects.get(pk=meeting.pk)
        record(user, f"dialogue_meeting.{action}", saved,
               {**changes, "version": saved.version})
    return saved


TOPIC_FIELDS = ("topic_participants", "topic_flow", "topic_next_steps", "topic_development")


def hold_meeting(user, meeting_id, expected_version: int, *, minutes: str, participants: str,
                 topics: dict) -> DialogueMeeting:
    """Mark a meeting held, with its minutes (required), who took part and the topics covered."""
    meeting = DialogueMeeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    if meeting.status == DialogueMeeting.Status.CANCELLED:
        raise ValidationError({"minutes": _("Mötet är inställt; lägg till ett nytt möte.")})
    if not (minutes or "").strip():
        raise ValidationError({"minutes": _("Skriv minnesanteckningarna från mötet.")})
    values = {"status": DialogueMeeting.Status.HELD, "minutes": minutes.strip(),
              "participants": (participants or "").strip(),
              **{name: bool(topics.get(name)) for name in TOPIC_FIELDS}}
    return update_meeting(user, meeting_id, expected_version, action="hold", **values)


def cancel_meeting(user, meeting_id, expected_version: int, *, reason: str) -> DialogueMeeting:
    """Cancel a planned meeting; the reason is kept in its notes. It no longer counts."""
    meeting = DialogueMeeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    if meeting.status != DialogueMeeting.Status.PLANNED:
        raise ValidationError({"reason": _("Bara ett planerat möte kan ställas in.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ange varför mötet ställs in.")})
    note = _("Inställt: %(reason)s") % {"reason": reason.strip()}
    minutes = f"{meeting.minutes}\n{note}".strip()
    return update_meeting(user, meeting_id, expected_version, action="cancel",
                          status=DialogueMeeting.Status.CANCELLED, minutes=minutes)


def reminders_for(municipality, today: dt.date, months: int | None = None,
                  occupancy: dict | None = None) -> list:
    """Everything due for MUNICIPALITY's running partnerships, soonest first. OCCUPANCY, the
    published year-to-date occupancy per partnership id (the dashboard's snapshot), saves
    computing it again."""
    months = months or getattr(settings, "FOLLOWUP_REMIND_MONTHS", 6)
    latest = _latest_versions(municipality)
    closed = {AgreementVersion.Status.DRAFT, AgreementVersion.Status.ENDED,
              AgreementVersion.Status.TERMINATED}
    open_versions = {pid: v for pid, v in latest.items() if v.status not in closed}
    running = {pid: v for pid, v in open_versions.items()
               if rules.active_on(v.start, v.current_end, today)}
    meetings = dict(
        DialogueMeeting.objects.filter(partnership_id__in=running, date__year=today.year)
        .values("partnership_id")
        .annotate(n=Count("id", filter=counting_filter(today)))
        .values_list("partnership_id", "n")
    )
    found = [
        rules.Reminder("expired", pid, v.name, v.current_end,
                       _("Överenskommelsen löpte ut %(date)s men är inte registrerad som "
                         "avslutad eller förlängd.") % {"date": f"{v.current_end:%Y-%m-%d}"})
        for pid, v in open_versions.items()
        if v.current_end is not None and v.current_end < today
    ]
    report_due = rules.yearly_report_due(today)
    for pid, version in running.items():
        name = version.name
        end = version.current_end
        if rules.agreement_ending(end, today, months):
            found.append(rules.Reminder("ending", pid, name, end,
                                        _("Överenskommelsen löper ut %(date)s.")
                                        % {"date": f"{end:%Y-%m-%d}"}))
        left = version.extension_count - version.extensions_used
        if rules.extension_decision_due(version.extension_decision_due, left, today, months):
            found.append(rules.Reminder(
                "extension", pid, name, version.extension_decision_due,
                _("Beslut om förlängning senast %(date)s.")
                % {"date": f"{version.extension_decision_due:%Y-%m-%d}"}))
        count = meetings.get(pid, 0)
        if rules.dialogue_missing(count):
            found.append(rules.Reminder(
                "dialogue", pid, name, dt.date(today.year, 12, 31),
                _("%(count)s dialogmöten hållna eller planerade framåt %(year)s; minst två "
                  "krävs.")
                % {"count": count, "year": today.year}))
        if report_due:
            found.append(rules.Reminder(
                "report", pid, name, report_due,
                _("Årsrapporten för %(year)s till nämnden ska lämnas senast %(date)s.")
                % {"year": today.year - 1, "date": f"{report_due:%Y-%m-%d}"}))
    if occupancy is None:
        found += _under_occupied(municipality, today, running)
    else:
        found += _under_occupied_from(occupancy, today, running)
    return sorted(found, key=lambda r: (r.due or dt.date.max, r.partnership))


@dataclass(frozen=True, slots=True)
class _Version:
    """What the reminders read of a partnership's latest agreement version."""

    partnership_id: int
    name: str
    status: str
    start: dt.date | None
    current_end: dt.date | None
    extension_count: int
    extensions_used: int
    extension_decision_due: dt.date | None


def _latest_versions(municipality) -> dict[int, _Version]:
    """Per partnership of MUNICIPALITY its latest agreement version, read as plain values (the
    dashboard asks on every request; a thousand model instances cost it a fifth of a second)."""
    rows = (AgreementVersion.objects.filter(partnership__municipality=municipality)
            .order_by("partnership_id", "number")
            .values_list("partnership_id", "partnership__name", "status", "start", "end",
                         "extensions_used", "extension_years", "extension_count",
                         "extension_decision_due"))
    latest = {}
    for pid, name, status, start, end, used, years, count, due in rows:
        latest[pid] = _Version(pid, name, status, start, latest_possible_end(end, used, years),
                               count, used, due)
    return latest


def _reminder_text(rate) -> str:
    from .stats import under_occupancy_threshold

    return _("Beläggningsgraden är %(rate)s %% (under %(threshold)s %%).") % {
        "rate": formats.number_format(rate), "threshold": formats.number_format(
            under_occupancy_threshold())}


def _under_occupied_from(occupancy: dict, today, running) -> list:
    return [
        rules.Reminder("occupancy", pid, version.name, today,
                       _reminder_text(Decimal(str(occupancy[pid]["rate_percent"]))))
        for pid, version in running.items()
        if pid in occupancy and occupancy[pid]["under_occupied"]
    ]


def _under_occupied(municipality, today, running) -> list:
    from .stats import portfolio_stats

    if not running:
        return []
    period = Period(year_period(today.year).start, today, f"{today.year} hittills")
    rows, _total = portfolio_stats(period, municipality_ids=[municipality.pk],
                                   partnership_ids=list(running), economics=False,
                                   detail=False)
    return [
        rules.Reminder("occupancy", row.partnership_id, row.name, today,
                       _reminder_text(row.occupancy))
        for row in rows if row.under_occupied
    ]
