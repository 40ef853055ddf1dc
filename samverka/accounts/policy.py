"""The one place that says who may do what. Deny by default."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Role

VIEW_REGISTER = "view_register"
EDIT_REGISTER = "edit_register"
EXPORT_REGISTER = "export_register"

RULES = {
    Role.ADMIN: {VIEW_REGISTER, EDIT_REGISTER, EXPORT_REGISTER},
    Role.OFFICER: {VIEW_REGISTER, EDIT_REGISTER, EXPORT_REGISTER},
    Role.CASE_WORKER: {VIEW_REGISTER},
    Role.PARTNER_STAFF: {VIEW_REGISTER},
    Role.COMMITTEE: {VIEW_REGISTER, EXPORT_REGISTER},
}


def profile_of(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "profile", None)


def role_of(user) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


def can(user, action: str, municipality_id: int | None = None) -> bool:
    """Whether USER may do ACTION, in the municipality MUNICIPALITY_ID when one is given."""
    profile = profile_of(user)
    if profile is None or not user.is_active:
        return False
    if municipality_id is not None and profile.municipality_id != municipality_id:
        return False
    return action in RULES.get(profile.role, set())


def require(user, action: str, municipality_id: int | None = None) -> None:
    """Raise 404 for objects of another municipality, 403 for a forbidden action."""
    profile = profile_of(user)
    if profile is None:
        raise PermissionDenied
    if municipality_id is not None and profile.municipality_id != municipality_id:
        raise Http404
    if not can(user, action):
        raise PermissionDenied


# --- Participants (personal data under socialtjänstsekretess) -------------------------------
# Permissions say what a role may do at all; participant_scope() says on whose data.

VIEW_PARTICIPANTS = "view_participants"
VIEW_PERSONAL_NUMBER = "view_personal_number"
VIEW_ASSISTANCE_DETAILS = "view_assistance_details"  # action plan, consent, case worker, notes
REFER_PARTICIPANTS = "refer_participants"
EDIT_REFERRALS = "edit_referrals"
DECIDE_REFERRALS = "decide_referrals"  # accept, decline, waiting list
MANAGE_PLACEMENTS = "manage_placements"  # placement, weekly hours, exit
EXPORT_PARTICIPANTS = "export_participants"
RIGHT_OF_ACCESS_EXPORT = "right_of_access_export"
REVIEW_ACCESS_LOG = "review_access_log"
VIEW_PARTICIPANT_STATISTICS = "view_participant_statistics"

PARTICIPANT_RULES = {
    Role.ADMIN: {
        VIEW_PARTICIPANTS, VIEW_PERSONAL_NUMBER, VIEW_ASSISTANCE_DETAILS, REFER_PARTICIPANTS,
        EDIT_REFERRALS, DECIDE_REFERRALS, MANAGE_PLACEMENTS, EXPORT_PARTICIPANTS,
        RIGHT_OF_ACCESS_EXPORT, REVIEW_ACCESS_LOG, VIEW_PARTICIPANT_STATISTICS,
    },
    Role.OFFICER: {
        VIEW_PARTICIPANTS, VIEW_PERSONAL_NUMBER, VIEW_ASSISTANCE_DETAILS, REFER_PARTICIPANTS,
        EDIT_REFERRALS, DECIDE_REFERRALS, MANAGE_PLACEMENTS, EXPORT_PARTICIPANTS,
        VIEW_PARTICIPANT_STATISTICS,
    },
    Role.CASE_WORKER: {
        VIEW_PARTICIPANTS, VIEW_PERSONAL_NUMBER, VIEW_ASSISTANCE_DETAILS, REFER_PARTICIPANTS,
        EDIT_REFERRALS, EXPORT_PARTICIPANTS, VIEW_PARTICIPANT_STATISTICS,
    },
    Role.PARTNER_STAFF: {
        VIEW_PARTICIPANTS, DECIDE_REFERRALS, MANAGE_PLACEMENTS, EXPORT_PARTICIPANTS,
    },
    Role.COMMITTEE: {VIEW_PARTICIPANT_STATISTICS},
}
for _role, _permissions in PARTICIPANT_RULES.items():
    RULES[_role] = RULES[_role] | _permissions

# Party roles through which a partner organisation's staff take part in a partnership.
PARTNER_PARTY_ROLES = ("partner", "co_party")


def participant_scope(user, prefix: str = ""):
    """A Q over Participant (or over a model reaching it through PREFIX, e.g. "participant__")
    for the participants USER may see; an empty match when none. Deny by default.

    Restricted roles are scoped by semi-joins (participant id IN a subquery over the referrals
    or placements that give access), never by joins: a join over the to-many relations would
    multiply the rows, need DISTINCT, and make the cost grow with every row outside the scope."""
    from django.db.models import Q

    nothing = Q(pk__in=[])
    profile = profile_of(user)
    if profile is None or not user.is_active or not can(user, VIEW_PARTICIPANTS):
        return nothing
    in_municipality = Q(**{f"{prefix}municipality_id": profile.municipality_id})
    if profile.role in (Role.ADMIN, Role.OFFICER):
        return in_municipality
    if profile.role == Role.CASE_WORKER:
        if profile.referring_unit_id is None:
            return nothing
        return in_municipality & Q(**{f"{prefix}pk__in": unit_participant_ids(
            profile.referring_unit_id)})
    if profile.role == Role.PARTNER_STAFF:
        if profile.organisation_id is None:
            return nothing
        return in_municipality & Q(**{f"{prefix}pk__in": partner_participant_ids(profile)})
    return nothing


def unit_referral_scope(user):
    """For a case worker: a Q over Referral for the referrals through which USER sees
    participants (their unit's referrals of participants of their municipality), so that
    participant_scope(USER) is exactly the participants of these referrals; an empty match when
    USER sees none, None for the roles not scoped by a unit. A page driven by these referrals
    (the case worker's participant list, ordered by their unit's recorded names) needs no second
    semi-join over the same referrals."""
    from django.db.models import Q

    if own_unit_view(user) is None:
        return None
    profile = profile_of(user)
    if (not user.is_active or not can(user, VIEW_PARTICIPANTS)
            or profile.referring_unit_id is None):
        return Q(pk__in=[])
    return Q(referring_unit_id=profile.referring_unit_id,
             participant__municipality_id=profile.municipality_id)


def unit_participant_ids(unit_id):
    """The ids of the participants referred by the referring unit UNIT_ID (a subquery)."""
    from samverka.participants.models import Referral

    return Referral.objects.filter(referring_unit_id=unit_id).order_by().values("participant_id")


def partner_participant_ids(profile):
    """The ids of the participants PROFILE's organisation may see (a subquery): placed in one
    of its partnerships, or referred to one with consent to share."""
    from samverka.participants.models import Placement, Referral

    partnerships = partner_partnerships(profile)
    placed = Placement.objects.filter(partnership__in=partnerships)
    referred = Referral.objects.filter(partnership__in=partnerships, consent_to_share=True)
    return (placed.order_by().values("participant_id")
            .union(referred.order_by().values("participant_id")))


def partner_partnerships(profile):
    """The partnerships in which PROFILE's organisation is a civil-society party (a subquery)."""
    from samverka.partnerships.models import Party

    return Party.objects.filter(
        organisation_id=profile.organisation_id, role__in=PARTNER_PARTY_ROLES,
        partnership__municipality_id=profile.municipality_id,
    ).values("partnership_id")


def related_scope(user, prefix: str = "", model: str | None = None):
    """A Q over Referral, Placement or Assessment (MODEL: "referral", "placement",
    "assessment"; PREFIX for deeper models) for the rows about a participant that USER may see:
    partner staff only their own partnerships' rows, with consent for referrals; case workers
    only what stems from their own unit's referrals (another unit's referral, placement or
    progression of the same person stays hidden); officers and admins all rows of the
    participants in participant_scope()."""
    from django.db.models import Q

    profile = profile_of(user)
    if profile is not None and profile.role == Role.PARTNER_STAFF:
        return Q(**{f"{prefix}partnership__in": partner_partnerships(profile)})
    if profile is not None and profile.role == Role.CASE_WORKER:
        return unit_scope(profile.referring_unit_id, model, prefix)
    return Q()


def unit_scope(unit_id, model: str | None, prefix: str = ""):
    """A Q over MODEL for the rows that stem from referrals of the referring unit UNIT_ID."""
    from django.db.models import Exists, OuterRef, Q

    if unit_id is None:
        return Q(pk__in=[])
    if model == "referral":
        return Q(**{f"{prefix}referring_unit_id": unit_id})
    if model == "placement":
        return Q(**{f"{prefix}referral__referring_unit_id": unit_id})
    if model == "assessment":
        # An assessment belongs to the unit when it falls in the time of a placement that
        # came from the unit's referral, from the referral date to the placement's end.
        from samverka.participants.models import Placement

        own = Placement.objects.filter(
            participant_id=OuterRef(f"{prefix}participant_id"),
            partnership_id=OuterRef(f"{prefix}partnership_id"),
            referral__referring_unit_id=unit_id,
            referral__requested_on__lte=OuterRef(f"{prefix}date"),
        ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef(f"{prefix}date")))
        return Q(Exists(own))
    return Q(pk__in=[])  # an unknown kind of row: deny by default


def own_unit_view(user) -> int | None:
    """The referring unit through whose own records USER sees participants (case workers): the
    name and gender shown are those the unit recorded, never another unit's. None for roles
    that see the participant's register identity."""
    profile = profile_of(user)
    if profile is not None and profile.role == Role.CASE_WORKER:
        return profile.referring_unit_id or 0
    return None


def within_own_scope(user, participant, obj=None) -> bool:
    """Whether the access to PARTICIPANT (through OBJ: a referral, placement or week, when given)
    is within USER's own unit or organisation (for the log report). A case worker's scope is
    their unit's referrals and what came of them, not their organisation (the whole
    administration); partner staff's scope is their organisation's partnerships."""
    from django.db.models import Q

    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.CASE_WORKER:
        return _within_unit(profile.referring_unit_id, participant, obj)
    if profile.referring_unit_id and participant.referrals.filter(
        referring_unit_id=profile.referring_unit_id
    ).exists():
        return True
    if profile.organisation_id:
        from samverka.partnerships.models import Partnership

        partnerships = Partnership.objects.filter(
            Q(parties__organisation_id=profile.organisation_id)
            | Q(administration_id=profile.organisation_id)
        ).values("pk")
        return (
            participant.placements.filter(partnership__in=partnerships).exists()
            or participant.referrals.filter(partnership__in=partnerships).exists()
        )
    return False


def _within_unit(unit_id, participant, obj) -> bool:
    """Whether OBJ (or, without one, PARTICIPANT) stems from a referral of unit UNIT_ID."""
    if unit_id is None:
        return False
    label = obj._meta.label_lower if obj is not None else ""
    if label == "participants.referral":
        return obj.referring_unit_id == unit_id
    if label == "participants.placement":
        return obj.referral_id is not None and obj.referral.referring_unit_id == unit_id
    if label == "participants.weeklyactivity":
        return _within_unit(unit_id, participant, obj.placement)
    return participant.referrals.filter(referring_unit_id=unit_id).exists()


# --- Impact: progression, SROI and the socio-economic account --------------------------------
# Individual progression is participant data: it is read through the participants selectors and
# participant_scope(). Group figures (suppressed), SROI and the account need only VIEW_REGISTER.

RECORD_ASSESSMENTS = "record_assessments"
MANAGE_IMPACT = "manage_impact"  # instruments, financial proxies, SROI and account assumptions

IMPACT_RULES = {
    Role.ADMIN: {RECORD_ASSESSMENTS, MANAGE_IMPACT},
    Role.OFFICER: {RECORD_ASSESSMENTS, MANAGE_IMPACT},
    Role.CASE_WORKER: {RECORD_ASSESSMENTS},
    Role.PARTNER_STAFF: {RECORD_ASSESSMENTS},
    Role.COMMITTEE: set(),
}
for _role, _permissions in IMPACT_RULES.items():
    RULES[_role] = RULES[_role] | _permissions


# --- Small counts: who may see a partnership's follow-up counts unsuppressed ------------------


def may_see_unsuppressed_counts(user, partnership) -> bool:
    """Whether USER may see PARTNERSHIP's small counts of persons (1…threshold−1) as they are.

    The municipality's own social-services staff (administrators, officers, case workers) may;
    partner staff only for a partnership their organisation is a party to. Everyone else – the
    committee, partner staff of other partnerships, other municipalities, anonymous readers and
    the published report (user None) – gets the suppressed view."""
    profile = profile_of(user) if user is not None else None
    if profile is None or not user.is_active or partnership is None:
        return False
    if not can(user, VIEW_PARTICIPANTS, partnership.municipality_id):
        return False
    if profile.role != Role.PARTNER_STAFF:
        return True
    if profile.organisation_id is None:
        return False
    from samverka.partnerships.models import Partnership

    return Partnership.objects.filter(
        pk=partnership.pk, pk__in=partner_partnerships(profile)
    ).exists()

def may_choose_any_period(user, municipality_id: int | None, partnership=None) -> bool:
    """Whether USER may ask the follow-up for an arbitrary date range (2024-03-01..2024-03-02).

    Adjacent ranges can be differenced down to one person, so a role that sees only published
    aggregates – the committee, partner staff outside their own partnership, anonymous readers –
    gets the published standard periods (followup/periods.published). Who may see the participants
    anyway may choose any range: for PARTNERSHIP, who may see its counts unsuppressed; for the
    whole portfolio, the municipality's social-services staff."""
    if partnership is not None:
        return may_see_unsuppressed_counts(user, partnership)
    profile = profile_of(user) if user is not None else None
    if profile is None or profile.role == Role.PARTNER_STAFF:
        return False
    return can(user, VIEW_PARTICIPANTS, municipality_id)


# --- Register writes and their change history (partnerships, organisations, budgets) ---------
# Every register action asks one of these with the object it changes; a new object (no pk yet)
# is judged by the municipality it is being created in.

VIEW_CHANGE_HISTORY = "view_change_history"

HISTORY_RULES = {
    Role.ADMIN: {VIEW_CHANGE_HISTORY},
    Role.OFFICER: {VIEW_CHANGE_HISTORY},
    Role.COMMITTEE: {VIEW_CHANGE_HISTORY},  # oversight: who changed the register, and what
    Role.CASE_WORKER: set(),
    Role.PARTNER_STAFF: set(),  # a party must not read the municipality's internal edits
}
for _role, _permissions in HISTORY_RULES.items():
    RULES[_role] = RULES[_role] | _permissions


def may_edit_organisation(user, organisation) -> bool:
    """Whether USER may create or change ORGANISATION (of their own municipality)."""
    return can(user, EDIT_REGISTER, organisation.municipality_id)


def may_edit_partnership(user, partnership) -> bool:
    """Whether USER may create or change PARTNERSHIP or anything under it: parties, agreement
    versions, decisions, criteria assessments, budgets and budget lines."""
    return can(user, EDIT_REGISTER, partnership.municipality_id)


def may_view_change_history(user, partnership) -> bool:
    """Whether USER may read who changed what in PARTNERSHIP (the audit rows, with old values)."""
    return can(user, VIEW_CHANGE_HISTORY, partnership.municipality_id)

def may_view_attachment(user, attachment) -> bool:
    """Whether USER may download ATTACHMENT (a signed agreement, decision extract or minutes of
    a partnership): the municipality's register readers; partner staff only for partnerships
    their organisation is a party to."""
    partnership = attachment.partnership
    profile = profile_of(user)
    if profile is None or not can(user, VIEW_REGISTER, partnership.municipality_id):
        return False
    if profile.role != Role.PARTNER_STAFF:
        return True
    return partner_partnerships(profile).filter(partnership_id=partnership.pk).exists()


def may_withdraw_referral(user, referral) -> bool:
    """Whether USER may withdraw REFERRAL: a case worker only a referral of their own unit;
    officers and administrators any referral of their municipality; nobody else."""
    profile = profile_of(user)
    if profile is None or referral is None or not can(user, EDIT_REFERRALS):
        return False
    if referral.municipality_id != profile.municipality_id:
        return False
    if profile.role == Role.CASE_WORKER:
        return referral.referring_unit_id == profile.referring_unit_id
    return True


# --- Rules that used to live beside the code that applies them -------------------------------
# Each is a function of (user, object) so that every access rule is read here and nowhere else.


def may_refer_from_unit(user, unit) -> bool:
    """Whether USER may register a referral from referring UNIT: case workers only from their
    own unit (or the self-referral route); officers and administrators from any unit of their
    municipality; everyone else not at all."""
    profile = profile_of(user)
    if profile is None or unit is None or not can(user, REFER_PARTICIPANTS):
        return False
    if unit.municipality_id != profile.municipality_id:
        return False
    if profile.role == Role.CASE_WORKER:
        return unit.is_self_referral or unit.pk == profile.referring_unit_id
    return True


def may_place_in(user, partnership) -> bool:
    """Whether USER may place a participant in PARTNERSHIP: partner staff only in their own
    organisation's partnerships; others with MANAGE_PLACEMENTS in any of their municipality."""
    profile = profile_of(user)
    if profile is None or partnership is None or not can(user, MANAGE_PLACEMENTS):
        return False
    if partnership.municipality_id != profile.municipality_id:
        return False
    if profile.role == Role.PARTNER_STAFF:
        return partner_partnerships(profile).filter(partnership_id=partnership.pk).exists()
    return True


def needs_consent(user) -> bool:
    """Whether USER sees a referral only when the participant consented to share it with the
    partner organisation (partner staff); the referring side sees its referrals regardless."""
    return role_of(user) == Role.PARTNER_STAFF


def referral_consent_scope(user, prefix: str = ""):
    """A Q over Referral (PREFIX for deeper models): the consent rule of needs_consent()."""
    from django.db.models import Q

    if needs_consent(user):
        return Q(**{f"{prefix}consent_to_share": True})
    return Q()


def may_see_referral(user, referral) -> bool:
    """The consent rule for one REFERRAL already within USER's participant scope."""
    return referral.consent_to_share or not needs_consent(user)


def may_see_referral_origin(user, placement=None) -> bool:
    """Whether USER's exports (and lists) show where a PLACEMENT came from: the referring unit,
    whether it is an individual agreement and its cost. Partner staff see only their own part."""
    profile = profile_of(user)
    if profile is None or not can(user, EXPORT_PARTICIPANTS):
        return False
    return profile.role != Role.PARTNER_STAFF


REMINDER_ROLES = (Role.OFFICER,)


def reminder_recipients(municipality):
    """The active profiles of MUNICIPALITY that receive the e-mail reminders."""
    from .models import Profile

    return Profile.objects.filter(municipality=municipality, role__in=REMINDER_ROLES,
                                  user__is_active=True, user__api_client__isnull=True
                                  ).select_related("user")


def may_be_responsible(candidate, partnership) -> bool:
    """Whether user CANDIDATE may be PARTNERSHIP's responsible officer or deputy: an active
    officer of the partnership's municipality (the role that receives reminders)."""
    profile = getattr(candidate, "profile", None) if candidate is not None else None
    return bool(candidate is not None and candidate.is_active and profile is not None
                and profile.municipality_id == partnership.municipality_id
                and profile.role in REMINDER_ROLES)


def responsible_candidates(municipality):
    """The users who may be named responsible officer or deputy in MUNICIPALITY (a queryset)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True, profile__municipality=municipality, profile__role__in=REMINDER_ROLES)


def may_assign_responsible(user, partnership) -> bool:
    """Whether USER may name PARTNERSHIP's responsible officer and deputy."""
    return can(user, EDIT_REGISTER, partnership.municipality_id)


def reminder_recipients_of(partnership, officers) -> list:
    """Of OFFICERS (reminder_recipients() of the municipality), those who receive PARTNERSHIP's
    reminders: its responsible officer and deputy, or every officer when neither is set (or
    neither can receive them any more)."""
    named = {partnership.responsible_officer_id, partnership.deputy_officer_id} - {None}
    chosen = [profile for profile in officers if profile.user_id in named]
    return chosen or list(officers)


WORKLIST_KINDS = {
    Role.PARTNER_STAFF: "partner", Role.CASE_WORKER: "case_worker", Role.OFFICER: "officer",
    Role.ADMIN: "municipality", Role.COMMITTEE: "committee",
}


def worklist_kind(user) -> str | None:
    """Which start page USER gets: "partner", "case_worker", "officer" (the reminders they
    receive), "municipality" (all reminders of the municipality, for administrators) or
    "committee" (the published portfolio figures). None without a profile."""
    profile = profile_of(user)
    if profile is None or not user.is_active:
        return None
    return WORKLIST_KINDS.get(profile.role)


# --- Document import and user administration -------------------------------------------------

IMPORT_DOCUMENTS = "import_documents"  # read a memo into the register (creates and updates rows)
MANAGE_USERS = "manage_users"  # create users, give roles, units and organisations, deactivate

ADMINISTRATION_RULES = {
    Role.ADMIN: {IMPORT_DOCUMENTS, MANAGE_USERS},
    Role.OFFICER: {IMPORT_DOCUMENTS},
    Role.CASE_WORKER: set(),
    Role.PARTNER_STAFF: set(),
    Role.COMMITTEE: set(),
}
for _role, _permissions in ADMINISTRATION_RULES.items():
    RULES[_role] = RULES[_role] | _permissions


def may_manage_user(user, profile) -> bool:
    """Whether USER may see and change the account of PROFILE: administrators, and only for
    accounts of their own municipality. Django superusers are managed outside the app."""
    own = profile_of(user)
    if own is None or profile is None or not can(user, MANAGE_USERS):
        return False
    if profile.user.is_superuser:
        return False
    return profile.municipality_id == own.municipality_id


def managed_profiles(user):
    """The profiles USER may manage (a queryset; empty when none)."""
    from .models import Profile

    own = profile_of(user)
    if own is None or not can(user, MANAGE_USERS):
        return Profile.objects.none()
    return Profile.objects.filter(municipality_id=own.municipality_id,
                                  user__is_superuser=False, user__api_client__isnull=True)


def may_use_django_admin(user) -> bool:
    """The Django admin is a read-only viewer for superusers; the app is where data changes."""
    return bool(user.is_active and user.is_superuser)


# --- API clients: systems, not people ------------------------------------------------------
# A client acts through a service account whose role follows from its scopes, so every rule
# above applies to it unchanged: a referrals client is a case worker of its one referring unit,
# a placements client partner staff of its one organisation, a register client an officer, and
# a client that only reads a reader like the committee. The scopes gate the API on top of that.

MANAGE_API_CLIENTS = "manage_api_clients"
RULES[Role.ADMIN] = RULES[Role.ADMIN] | {MANAGE_API_CLIENTS}

SCOPE_REGISTER_READ = "register:read"
SCOPE_REGISTER_WRITE = "register:write"
SCOPE_REFERRALS_WRITE = "referrals:write"
SCOPE_PLACEMENTS_WRITE = "placements:write"
SCOPE_STATISTICS_READ = "statistics:read"
API_SCOPES = (SCOPE_REGISTER_READ, SCOPE_REGISTER_WRITE, SCOPE_REFERRALS_WRITE,
              SCOPE_PLACEMENTS_WRITE, SCOPE_STATISTICS_READ)
# At most one of these per client: each makes the client act as another role.
API_ROLE_SCOPES = {
    SCOPE_REGISTER_WRITE: Role.OFFICER,
    SCOPE_REFERRALS_WRITE: Role.CASE_WORKER,
    SCOPE_PLACEMENTS_WRITE: Role.PARTNER_STAFF,
}


def api_client_role(scopes) -> str:
    """The role whose rules a client with SCOPES follows (a reader without a write scope)."""
    for scope, role in API_ROLE_SCOPES.items():
        if scope in scopes:
            return role
    return Role.COMMITTEE


def api_scope_errors(scopes, organisation=None, referring_unit=None) -> dict:
    """Why SCOPES (with the client's organisation and unit) cannot be given, per field."""
    from django.utils.translation import gettext as _

    errors = {}
    if not scopes or set(scopes) - set(API_SCOPES):
        errors["scopes"] = _("Välj minst en behörighet.")
    elif len(set(scopes) & set(API_ROLE_SCOPES)) > 1:
        errors["scopes"] = _("En klient kan bara ha en av behörigheterna att ändra registret, "
                             "att anvisa eller att placera.")
    if SCOPE_REFERRALS_WRITE in scopes and referring_unit is None:
        errors["referring_unit"] = _("En klient som anvisar måste höra till en anvisande enhet.")
    if SCOPE_PLACEMENTS_WRITE in scopes and organisation is None:
        errors["organisation"] = _("En klient som placerar måste höra till en organisation.")
    return errors


def acting_api_client(user):
    """The API client USER acts for (set by the API's authentication), or None for a person."""
    return getattr(user, "acting_api_client", None)


def api_client_may(user, scope) -> bool:
    """Whether the request of USER comes from an active API client holding SCOPE."""
    client = acting_api_client(user)
    return bool(client is not None and client.is_active and user.is_active
                and scope in client.scopes)


def api_client_may_read_register(user) -> bool:
    """Every client may read the register that its role may read (every role may today)."""
    return acting_api_client(user) is not None and can(user, VIEW_REGISTER)


def api_client_may_read_participants(user) -> bool:
    """Referrals and placements: the clients that refer or that place."""
    return api_client_may(user, SCOPE_REFERRALS_WRITE) or api_client_may(
        user, SCOPE_PLACEMENTS_WRITE)


def may_manage_api_client(user, client) -> bool:
    """Administrators manage the API clients of their own municipality."""
    own = profile_of(user)
    if own is None or client is None or not can(user, MANAGE_API_CLIENTS):
        return False
    return client.municipality_id == own.municipality_id


# --- What each permission means, for the role × action matrix in docs/threat-model.md --------
# `samverka policy_matrix` writes the matrix from RULES and these labels; a test keeps it current.

PERMISSION_LABELS = {
    VIEW_REGISTER: "See the register: partnerships, agreements, budgets, follow-up, impact figures",
    EDIT_REGISTER: "Change the register: partnerships, versions, parties, budgets, dialogue "
                   "meetings, memos",
    EXPORT_REGISTER: "Export the register and its reports (XLSX, DOCX, PDF)",
    VIEW_PARTICIPANTS: "See participants (within participant_scope)",
    VIEW_PERSONAL_NUMBER: "Reveal a participant's personnummer (logged)",
    VIEW_ASSISTANCE_DETAILS: "See action plan, consent, case worker and notes",
    REFER_PARTICIPANTS: "Register a referral (from a unit allowed by may_refer_from_unit)",
    EDIT_REFERRALS: "Change a referral",
    DECIDE_REFERRALS: "Accept, decline or wait-list a referral",
    MANAGE_PLACEMENTS: "Placements, weekly hours and exits (in partnerships allowed by "
                       "may_place_in)",
    EXPORT_PARTICIPANTS: "Export participant rows (columns by may_see_referral_origin)",
    RIGHT_OF_ACCESS_EXPORT: "Right-of-access export of one participant (GDPR art. 15)",
    REVIEW_ACCESS_LOG: "Review the access log",
    VIEW_PARTICIPANT_STATISTICS: "See participant statistics (small counts suppressed)",
    RECORD_ASSESSMENTS: "Record progression assessments",
    MANAGE_IMPACT: "Instruments, financial proxies, SROI and socio-economic accounts",
    IMPORT_DOCUMENTS: "Read a memo into the register (document import/confirm)",
    MANAGE_USERS: "Create accounts, give roles, units and organisations, deactivate (own "
                  "municipality)",
    MANAGE_API_CLIENTS: "Create, change and deactivate API clients and their tokens (own "
                        "municipality)",
}


# --- Public-sector papers (issue 17) ---------------------------------------------------------
# The record of processing lists every personal-data field and the security measures: for the
# people who answer for the processing, not for every reader of the register.

VIEW_PROCESSING_RECORD = "view_processing_record"

PAPERS_RULES = {
    Role.ADMIN: {VIEW_PROCESSING_RECORD},
    Role.OFFICER: {VIEW_PROCESSING_RECORD},
    Role.CASE_WORKER: set(),
    Role.PARTNER_STAFF: set(),
    Role.COMMITTEE: set(),
}
for _role, _permissions in PAPERS_RULES.items():
    RULES[_role] = RULES[_role] | _permissions
PERMISSION_LABELS[VIEW_PROCESSING_RECORD] = "Read the record of processing (GDPR art. 30)"


def may_view_processing_record(user) -> bool:
    """Whether USER may read the record of processing: administrators and officers."""
    return can(user, VIEW_PROCESSING_RECORD)
