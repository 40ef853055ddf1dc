"""Reads of participant data: scoped to the user by the policy module, and every one logged."""

from dataclasses import dataclass, field
from datetime import UTC, date

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from samverka.accounts import policy
from samverka.core import numbers

from . import accesslog, identity
from .accesslog import DENIED
from .models import AccessLogEntry, Gender, Participant, Placement, Referral

Action = AccessLogEntry.Action
PAGE_SIZE = 50


def _deny(user, purpose, action=Action.VIEW, obj=None, requested_id=None) -> None:
    """The denied entry of a refused access to OBJ (a participant, referral, placement or None);
    users without a profile see nothing anyway and are not logged."""
    if policy.profile_of(user) is None:
        return
    participant = obj if isinstance(obj, Participant) else getattr(obj, "participant", None)
    detail = {"requested_id": requested_id} if obj is None and requested_id is not None else {}
    accesslog.write(user, action, purpose, participant=participant, obj=obj, outcome=DENIED,
                    detail=detail)


def _require(user, permission, purpose, participant=None, action=Action.VIEW, obj=None):
    """403, with a denied entry in the log, when USER's role may not do PERMISSION at all."""
    if not policy.can(user, permission):
        _deny(user, purpose, action, obj if obj is not None else participant)
        raise PermissionDenied


def require(user, permission, purpose, action=Action.VIEW) -> None:
    """For views: 403 with a denied entry when USER's role may not do PERMISSION at all."""
    _require(user, permission, purpose, action=action)


def log_view(user, purpose, participant, obj=None, detail=None) -> None:
    """The one entry of a page that shows PARTICIPANT's data again after a POST that changed
    nothing (a validation error or a conflict): the action's own entry was rolled back."""
    accesslog.write(user, Action.VIEW, purpose, participant=participant, obj=obj,
                    detail=detail)


def visible_participants(user):
    """Participants USER may see (not logged: for the callers below to narrow and log). The
    scope is a semi-join, so each participant comes once without DISTINCT."""
    return Participant.objects.filter(policy.participant_scope(user))


def visible_referrals(user):
    referrals = Referral.objects.filter(
        policy.participant_scope(user, "participant__"),
        policy.related_scope(user, model="referral"),
        policy.referral_consent_scope(user),
    )
    return referrals


def visible_placements(user):
    return Placement.objects.filter(
        policy.participant_scope(user, "participant__"),
        policy.related_scope(user, model="placement"),
    )


@dataclass
class ParticipantView:
    """What a user may see of one participant; fields outside their role are left out."""

    participant: Participant
    referrals: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    masked_number: str = ""
    show_assistance: bool = False
    can_reveal: bool = False


def _scoped(user, participant_id, purpose, action):
    """The participant with ID if USER may see it; log a denial and raise 404 otherwise."""
    participant = visible_participants(user).filter(pk=participant_id).first()
    if participant is None:
        existing = Participant.objects.filter(pk=participant_id).first()
        accesslog.write(user, action, purpose, participant=existing, outcome=DENIED,
                        detail={} if existing else {"requested_id": participant_id})
        raise Http404
    return participant


def _participant_view(user, participant) -> ParticipantView:
    participant = as_seen_by(user, [participant])[0]
    view = ParticipantView(
        participant=participant,
        referrals=list(
            visible_referrals(user).filter(participant=participant)
            .select_related("partnership", "referring_unit", "case_worker")
        ),
        placements=list(
            visible_placements(user).filter(participant=participant)
            .select_related("partnership").prefetch_related("weeks")
        ),
        show_assistance=policy.can(user, policy.VIEW_ASSISTANCE_DETAILS),
        can_reveal=policy.can(user, policy.VIEW_PERSONAL_NUMBER),
    )
    if view.can_reveal:
        view.masked_number = identity.mask(participant.personal_number)
    return view


def get_participant_for_user(user, participant_id, purpose, action=Action.VIEW,
                             obj=None) -> ParticipantView:
    """One participant with the referrals and placements USER may see; logged once."""
    _require(user, policy.VIEW_PARTICIPANTS, purpose, action=action,
             obj=Participant.objects.filter(pk=participant_id).first())
    participant = _scoped(user, participant_id, purpose, action)
    view = _participant_view(user, participant)
    accesslog.write(user, action, purpose, participant=participant, obj=obj)
    return view


def reveal_personal_number(user, participant_id, purpose) -> tuple[Participant, str]:
    """The full number, for the one page that shows it; logged as its own access."""
    _require(user, policy.VIEW_PERSONAL_NUMBER, purpose, action=Action.REVEAL,
             obj=Participant.objects.filter(pk=participant_id).first())
    participant = as_seen_by(user, [_scoped(user, participant_id, purpose, Action.REVEAL)])[0]
    accesslog.write(user, Action.REVEAL, purpose, participant=participant)
    number = participant.personal_number or ""
    return participant, (f"{number[:8]}-{number[8:]}" if number else "")


def get_referral_for_user(user, referral_id, purpose, permission) -> Referral:
    """A referral USER may see and act on with PERMISSION; the view is logged once."""
    referral = referral_for_change(user, referral_id, purpose, permission)
    accesslog.write(user, Action.VIEW, purpose, participant=referral.participant, obj=referral)
    return referral


def get_placement_for_user(user, placement_id, purpose, permission) -> Placement:
    placement = placement_for_change(user, placement_id, purpose, permission)
    accesslog.write(user, Action.VIEW, purpose, participant=placement.participant, obj=placement)
    return placement


def _for_change(user, visible, model, pk, purpose, permission):
    """For a POST: the object with PK among VISIBLE if USER may act on it with PERMISSION. Not
    logged when allowed (the action, or log_view() on a re-rendered form, writes the response's
    one entry); a refusal writes its denied entry and raises 403 or 404."""
    if not policy.can(user, permission):
        _deny(user, purpose, obj=model.objects.filter(pk=pk).first(), requested_id=pk)
        raise PermissionDenied
    found = visible.filter(pk=pk).first()
    if found is None:
        _deny(user, purpose, obj=model.objects.filter(pk=pk).first(), requested_id=pk)
        raise Http404
    as_seen_by(user, [found.participant])
    return found


def referral_for_change(user, referral_id, purpose, permission) -> Referral:
    visible = visible_referrals(user).select_related("participant", "partnership",
                                                     "referring_unit")
    return _for_change(user, visible, Referral, referral_id, purpose, permission)


def placement_for_change(user, placement_id, purpose, permission) -> Placement:
    visible = visible_placements(user).select_related("participant", "partnership")
    return _for_change(user, visible, Placement, placement_id, purpose, permission)


def participant_for_change(user, participant_id, purpose, permission) -> ParticipantView:
    """For a POST about one participant: what USER may see of them, unlogged when allowed."""
    if not policy.can(user, permission) or not policy.can(user, policy.VIEW_PARTICIPANTS):
        _deny(user, purpose, obj=Participant.objects.filter(pk=participant_id).first(),
              requested_id=participant_id)
        raise PermissionDenied
    participant = visible_participants(user).filter(pk=participant_id).first()
    if participant is None:
        _deny(user, purpose, obj=Participant.objects.filter(pk=participant_id).first(),
              requested_id=participant_id)
        raise Http404
    return _participant_view(user, participant)


@dataclass
class ListRow:
    participant: Participant
    partnerships: str
    status: str


def _rows(user, participants) -> list[ListRow]:
    participants = as_seen_by(user, list(participants))
    placements = visible_placements(user).filter(participant__in=participants).select_related(
        "partnership"
    )
    referrals = visible_referrals(user).filter(participant__in=participants).select_related(
        "partnership"
    )
    names: dict[int, set] = {}
    active: dict[int, bool] = {}
    for placement in placements:
        names.setdefault(placement.participant_id, set()).add(placement.partnership.name)
        if placement.end is None:
            active[placement.participant_id] = True
    for referral in referrals:
        names.setdefault(referral.participant_id, set()).add(referral.partnership.name)
    return [
        ListRow(p, ", ".join(sorted(names.get(p.pk, ()))),
                "active" if active.get(p.pk) else "")
        for p in participants
    ]


def list_participants(user, purpose, page: int = 1, partnership_id=None):
    """One page of the participants USER may see; logged once with the ids shown."""
    _require(user, policy.VIEW_PARTICIPANTS, purpose, action=Action.LIST)
    wanted = Participant.objects.filter(anonymised_at__isnull=True)  # the list's own filters
    if partnership_id:
        wanted = wanted.filter(pk__in=_in_partnership(partnership_id))
    participants = wanted.filter(policy.participant_scope(user))
    total = participants.count()
    start = (max(page, 1) - 1) * PAGE_SIZE
    if policy.own_unit_view(user) is None:
        shown = list(participants[start:start + PAGE_SIZE])
    else:
        shown = _unit_page(user, wanted, participants, start, PAGE_SIZE)
    accesslog.write(user, Action.LIST, purpose, detail={
        "count": total, "page": page, "participant_ids": [p.pk for p in shown],
        "partnership_id": partnership_id,
    })
    return _rows(user, shown), total


def _in_partnership(partnership_id):
    """The ids of the participants placed in or referred to PARTNERSHIP_ID (a subquery)."""
    placed = Placement.objects.filter(partnership_id=partnership_id).order_by()
    referred = Referral.objects.filter(partnership_id=partnership_id).order_by()
    return placed.values("participant_id").union(referred.values("participant_id"))


def search_participants(user, purpose, term: str):
    """Participants matching a name or, for roles that may see it, a personnummer.

    The term itself is never logged (it may be a personnummer): only how it was matched and
    which participants were found.
    """
    _require(user, policy.VIEW_PARTICIPANTS, purpose, action=Action.SEARCH)
    participants = visible_participants(user).filter(anonymised_at__isnull=True)
    term = term.strip()
    by = "name"
    try:
        number = identity.normalise(term, timezone.localdate())
    except identity.IdentityError:
        number = None
    if number is not None:
        by = "personal_number"
        if policy.can(user, policy.VIEW_PERSONAL_NUMBER):
            participants = participants.filter(personal_number=number)
        else:
            participants = participants.none()
    elif term:
        participants = _ordered(user, _by_name(user, participants, term.split()))
    else:
        participants = participants.none()
    shown = list(participants[:PAGE_SIZE])
    accesslog.write(user, Action.SEARCH, purpose, detail={
        "matched_by": by, "count": len(shown), "participant_ids": [p.pk for p in shown],
    })
    return _rows(user, shown)


def _logged_page(user, purpose, rows, page: int, ids_key: str):
    """One page of ROWS (referrals or placements USER may see), logged once with the ids."""
    _require(user, policy.VIEW_PARTICIPANTS, purpose, action=Action.LIST)
    total = rows.count()
    start = (max(page, 1) - 1) * PAGE_SIZE
    shown = list(rows[start:start + PAGE_SIZE])
    as_seen_by(user, [row.participant for row in shown])
    accesslog.write(user, Action.LIST, purpose, detail={
        "count": total, "page": page, ids_key: [row.pk for row in shown],
        "participant_ids": sorted({row.participant_id for row in shown}),
    })
    return shown, total


def list_referrals(user, purpose, page: int = 1, status: str = ""):
    """One page of the referrals USER may see (newest first), logged once."""
    rows = visible_referrals(user).filter(participant__anonymised_at__isnull=True) \
        .select_related("participant").order_by("-requested_on", "-pk")
    if status:
        rows = rows.filter(status=status)
    return _logged_page(user, purpose, rows, page, "referral_ids")


def list_placements(user, purpose, page: int = 1, active: bool = False):
    """One page of the placements USER may see (newest first), logged once."""
    rows = visible_placements(user).filter(participant__anonymised_at__isnull=True) \
        .select_related("participant").order_by("-start", "-pk")
    if active:
        rows = rows.filter(end__isnull=True)
    return _logged_page(user, purpose, rows, page, "placement_ids")


# The export's header row: words a reader understands (issue #14: no field name in a cell)
PARTNER_EXPORT_COLUMNS = [
    "Deltagare (nr)", "Förnamn", "Efternamn", "Kön", "Födelseår", "Partnerskap", "Startdatum",
    "Slutdatum", "Timmar per vecka", "Avslutsorsak",
]
EXPORT_COLUMNS = PARTNER_EXPORT_COLUMNS + [
    "Anvisningsväg", "Individuellt avtal", "Kostnad för individuellt avtal (kr)",
]


def export_placements(user, purpose) -> tuple[list[str], list[list]]:
    """Placements USER may see, one row each; no personnummer in any export. Logged once."""
    _require(user, policy.EXPORT_PARTICIPANTS, purpose, action=Action.EXPORT)
    placements = list(
        visible_placements(user).filter(participant__anonymised_at__isnull=True)
        .select_related("participant", "partnership", "referral__referring_unit")
        .order_by("participant_id", "start")
    )
    partner = not policy.may_see_referral_origin(user)
    columns = PARTNER_EXPORT_COLUMNS if partner else EXPORT_COLUMNS
    as_seen_by(user, [placement.participant for placement in placements])
    rows = []
    for placement in placements:
        person = placement.participant
        row = [
            person.pk, person.first_name, person.last_name, person.get_gender_display(),
            person.birth_year or "", placement.partnership.name, _iso(placement.start),
            _iso(placement.end), _hours(placement.hours_per_week),
            placement.get_outcome_display() if placement.outcome else "",
        ]
        if not partner:
            unit = placement.referral.referring_unit.name if placement.referral else ""
            row += [unit, "ja" if placement.is_individual_agreement else "nej",
                    placement.individual_cost or ""]
        rows.append(row)
    accesslog.write(user, Action.EXPORT, purpose, detail={
        "rows": len(rows), "participant_ids": sorted({p.participant_id for p in placements}),
        "columns": columns,
    })
    return columns, rows


def _hours(value) -> str:
    """Hours per week as Calc and Excel in Swedish read a number: "30", "12,5"."""
    return "" if value is None else numbers.trimmed(value)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def right_of_access_export(user, participant_id) -> dict:
    """Everything about one participant, including who accessed their data and when."""
    purpose = accesslog.Purpose.RIGHT_OF_ACCESS
    _require(user, policy.RIGHT_OF_ACCESS_EXPORT, purpose, action=Action.EXPORT,
             obj=Participant.objects.filter(pk=participant_id).first())
    participant = _scoped(user, participant_id, purpose, Action.EXPORT)
    entries = AccessLogEntry.objects.filter(participant=participant).order_by("at", "pk")
    data = {
        "deltagare": {
            "id": participant.pk,
            "identitet": participant.get_identity_kind_display(),
            "personnummer": participant.personal_number or "",
            "skäl_utan_nummer": participant.identity_reason,
            "förnamn": participant.first_name, "efternamn": participant.last_name,
            "kön": participant.get_gender_display(), "födelseår": participant.birth_year,
            "registrerad": participant.created_at.isoformat(),
        },
        "anvisningar": [
            {
                "id": r.pk, "partnerskap": r.partnership.name,
                "anvisningsväg": r.referring_unit.name, "anvisad": _iso(r.requested_on),
                "namn_enligt_anvisningen": f"{r.recorded_first_name} {r.recorded_last_name}"
                .strip(),
                "planerade_timmar_per_vecka": str(r.planned_hours_per_week or ""),
                "handlingsplan": r.action_plan_reference,
                "samtycke": r.consent_to_share, "status": r.get_status_display(),
                "besvarad": _iso(r.decided_on), "skäl": r.decline_reason, "anteckning": r.note,
            }
            for r in participant.referrals.select_related("partnership", "referring_unit")
        ],
        "placeringar": [
            {
                "id": p.pk, "partnerskap": p.partnership.name, "start": _iso(p.start),
                "planerat_slut": _iso(p.planned_end), "slut": _iso(p.end),
                "avslutsorsak": p.get_outcome_display() if p.outcome else "",
                "timmar_per_vecka": str(p.hours_per_week or ""),
                "individuellt_avtal": p.is_individual_agreement,
                "kostnad_kr": p.individual_cost,
                "veckor": [
                    {"vecka": _iso(w.week_start), "timmar": str(w.hours)} for w in p.weeks.all()
                ],
            }
            for p in participant.placements.select_related("partnership")
        ],
        "åtkomster": [
            {
                "tid_utc": e.at.astimezone(UTC).isoformat(), "användare": e.username,
                "organisation": e.organisation_name, "roll": e.role,
                "åtgärd": e.get_action_display(), "ändamål": e.purpose,
                "utfall": e.get_outcome_display(),
            }
            for e in entries
        ],
    }
    accesslog.write(user, Action.EXPORT, purpose, participant=participant,
                    detail={"kind": "right_of_access"})
    return data


# --- One identity, many units: what a case worker sees of a person ----------------------------
# A personnummer known in the municipality is one participant row (one identity). A case worker
# sees it only through their own unit's referrals: the name and gender their unit recorded, and
# (policy.related_scope) only their unit's referrals, placements and progression. Nothing shows
# that another unit knows the person.


def _own_referrals(unit_id):
    return Referral.objects.filter(referring_unit_id=unit_id)


def as_seen_by(user, participants: list) -> list:
    """PARTICIPANTS with, for a case worker, the name and gender from their own unit's latest
    referral instead of the register's (which another unit may have recorded). The instances
    so changed refuse to be saved."""
    unit_id = policy.own_unit_view(user)
    if unit_id is None or not participants:
        return participants
    recorded = {}
    rows = _own_referrals(unit_id).filter(participant__in=[p.pk for p in participants]) \
        .order_by("participant_id", "-requested_on", "-pk") \
        .values("participant_id", "recorded_first_name", "recorded_last_name",
                "recorded_gender")
    for row in rows:
        recorded.setdefault(row["participant_id"], row)
    for person in participants:
        row = recorded.get(person.pk, {})
        person.first_name = row.get("recorded_first_name", "")
        person.last_name = row.get("recorded_last_name", "")
        person.gender = row.get("recorded_gender") or Gender.UNKNOWN
        person.seen_by_unit = True
    return participants


def _unit_page(user, wanted, participants, start: int, size: int = PAGE_SIZE) -> list:
    """SIZE of PARTICIPANTS from START for a case worker, in the order of _ordered() (their
    unit's latest recorded name, then the id), read from the unit's latest referral of each
    person: with the index referral_unit_seen_name the page walks the unit's referrals in name
    order and stops after START + SIZE, instead of two look-ups per participant in scope and a
    sort of them all.

    The referrals walked are policy.unit_referral_scope(), whose participants are exactly
    participant_scope(USER), narrowed to the participants in WANTED (the list's filters without
    the scope): the scope's semi-join over the same referrals is not repeated for every one of
    them. The page found is read through PARTICIPANTS (WANTED within the scope) all the same,
    so nothing outside the scope is ever shown."""
    unit_id = policy.own_unit_view(user)
    later = _own_referrals(unit_id).filter(participant_id=OuterRef("participant_id")).filter(
        Q(requested_on__gt=OuterRef("requested_on"))
        | Q(requested_on=OuterRef("requested_on"), pk__gt=OuterRef("pk")))
    ids = list(
        Referral.objects.filter(policy.unit_referral_scope(user), ~Exists(later),
                                participant__in=wanted.values("pk"))
        .order_by("recorded_last_name", "recorded_first_name", "participant_id")
        .values_list("participant_id", flat=True)[start:start + size]
    )
    found = participants.order_by().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _latest_own(unit_id, field):
    return Subquery(
        _own_referrals(unit_id).filter(participant_id=OuterRef("pk"))
        .order_by("-requested_on", "-pk").values(field)[:1]
    )


def _ordered(user, participants):
    """PARTICIPANTS ordered by the names USER sees (their unit's, for a case worker). The search
    reads this order; the participant list reads the same order through _unit_page()."""
    unit_id = policy.own_unit_view(user)
    if unit_id is None:
        return participants
    return participants.annotate(
        seen_last=_latest_own(unit_id, "recorded_last_name"),
        seen_first=_latest_own(unit_id, "recorded_first_name"),
    ).order_by("seen_last", "seen_first", "pk")


def _by_name(user, participants, words):
    """PARTICIPANTS whose name, as USER sees it, contains every word of WORDS."""
    unit_id = policy.own_unit_view(user)
    for word in words:
        if unit_id is None:
            participants = participants.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word))
        else:
            named = _own_referrals(unit_id).filter(
                Q(recorded_first_name__icontains=word) | Q(recorded_last_name__icontains=word))
            participants = participants.filter(pk__in=named.values("participant_id"))
    return participants
