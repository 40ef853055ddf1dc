"""A walk over every view that renders participant data, for GET and for each POST outcome
(success, validation error, conflict, refusal): each response writes exactly one complete
access-log entry. The same walk with the log write failing finds no personal data in any
response: every one is a 503.

The URL list comes from the resolver: a new URL of the participants or impact app, or any view
wrapped in accesslog.guarded, fails test_every_participant_url_is_walked until it is walked
here (CASES) or listed, with the reason, as showing no participant data (NO_PARTICIPANT_DATA).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import DatabaseError
from django.urls import URLResolver, get_resolver, reverse

from samverka.accounts import policy
from samverka.participants import accesslog
from samverka.participants.models import AccessLogEntry
from tests.impact.conftest import instrument  # noqa: F401 - shared fixture

# URLs of the two apps that show no individual's data: group figures (small counts suppressed,
# tests/impact/test_small_counts_parties.py), instruments, proxies and SROI/account forms.
NO_PARTICIPANT_DATA = {
    "impact:index", "impact:partnership", "impact:proxies", "impact:proxy_create",
    "impact:proxy_edit", "impact:instrument_create", "impact:version_activate",
    "impact:version_retire", "impact:sroi_edit", "impact:account_edit",
}

FORM_OUTCOMES = {"get", "success", "invalid", "denied"}
LOCKED_OUTCOMES = FORM_OUTCOMES | {"conflict"}
REQUIRED = {
    "participants:list": {"get", "denied"},
    "participants:search": {"success", "invalid", "denied"},
    "participants:export": {"get", "denied"},
    "participants:access_log": {"get", "denied"},
    "participants:access_log_export": {"get", "denied"},
    "participants:detail": {"get", "denied"},
    "participants:reveal": {"get", "denied"},
    "participants:right_of_access": {"get", "denied"},
    "participants:referral_create": FORM_OUTCOMES,
    "participants:referral_edit": LOCKED_OUTCOMES,
    "participants:referral_decide": LOCKED_OUTCOMES,
    "participants:placement_exit": LOCKED_OUTCOMES,
    "participants:placement_correct_exit": LOCKED_OUTCOMES,
    "participants:referral_withdraw": LOCKED_OUTCOMES,
    "participants:placement_week": FORM_OUTCOMES,
    "participants:placement_create": FORM_OUTCOMES,
    "impact:participant": {"get", "denied"},
    "impact:assessment_create": FORM_OUTCOMES,
    "start": {"get"},  # the start page's worklist (samverka.worklist)
}

NEW_PERSON = {"kind": "personnummer", "number": "19700101-9806", "first_name": "Nyanvisad",
              "last_name": "Personsson"}


@dataclass
class Case:
    name: str  # the URL name
    outcome: str  # get, success, invalid, conflict, denied
    user: str  # a key of world.users
    method: str
    target: Callable | None = None  # world -> the URL's argument
    data: Callable = field(default=lambda world: {})
    status: int = 200
    action: str = "view"
    allowed: bool = True
    person: Callable | None = None  # world -> the participant the entry names (None: none)
    logged: bool = True  # False: the response shows only what the user typed (see below)
    fixtures: tuple = ()

    @property
    def id(self):
        return f"{self.name}-{self.outcome}-{self.user}-{self.method}"


def anna(world):
    return world.anna


def cilla(world):
    return world.cilla


def new_person(world):
    return world.anna.__class__.objects.get(last_name=NEW_PERSON["last_name"])


def _edit(version, **changes):
    def data(world):
        return {"version": version, "partnership": world.p_mission.pk,
                "requested_on": "2024-01-10", "planned_hours_per_week": "30",
                "action_plan_reference": "HP-ANNA", "consent_to_share": "on", "note": "",
                **changes}
    return data


def _referral(world, **changes):
    return {**NEW_PERSON, "partnership": world.p_ikf.pk, "referring_unit": world.amc.pk,
            "requested_on": "2024-03-01", **changes}


def _assessment(**changes):
    def data(world):
        from samverka.impact.models import InstrumentVersion

        version = InstrumentVersion.objects.get(instrument__municipality=world.town)
        values = {"partnership": world.p_mission.pk, "date": "2024-03-01", "stage": "start",
                  "assessor": "Petra och Anna"}
        for dimension in version.dimensions.all():
            values[f"score_{dimension.pk}"] = dimension.scale_min + 1
        return {**values, **changes}
    return data


def _cases():
    P, IMP = "participants", "impact"  # noqa: N806
    referral = lambda world: world.anna_referral.pk  # noqa: E731
    open_referral = lambda world: world.cilla_referral.pk  # noqa: E731
    placement = lambda world: world.anna_placement.pk  # noqa: E731
    person = lambda world: world.anna.pk  # noqa: E731
    assess = ("instrument",)
    exited = ("exited_placement",)
    return [
        Case(f"{P}:list", "get", "admin", "get", action="list"),
        Case(f"{P}:list", "denied", "committee", "get", status=403, action="list",
             allowed=False),
        Case(f"{P}:search", "success", "admin", "post", data=lambda w: {"term": "Alfqvist"},
             action="search"),
        Case(f"{P}:search", "invalid", "admin", "post", data=lambda w: {"term": ""},
             action="search"),
        Case(f"{P}:search", "denied", "committee", "post", data=lambda w: {"term": "Alfqvist"},
             status=403, action="search", allowed=False),
        Case(f"{P}:export", "get", "admin", "get", action="export"),
        Case(f"{P}:export", "denied", "committee", "get", status=403, action="export",
             allowed=False),
        Case(f"{P}:access_log", "get", "admin", "get", action="list"),
        Case(f"{P}:access_log", "denied", "officer", "get", status=403, action="list",
             allowed=False),
        Case(f"{P}:access_log_export", "get", "admin", "get", action="export"),
        Case(f"{P}:access_log_export", "denied", "officer", "get", status=403, action="export",
             allowed=False),
        Case(f"{P}:detail", "get", "case_worker", "get", person, person=anna),
        Case(f"{P}:detail", "denied", "other_partner_staff", "get", person, status=404,
             allowed=False, person=anna),
        Case(f"{P}:detail", "denied", "committee", "get", person, status=403, allowed=False,
             person=anna),
        Case(f"{P}:reveal", "get", "admin", "get", person, action="reveal", person=anna),
        Case(f"{P}:reveal", "denied", "partner_staff", "get", person, status=403,
             action="reveal", allowed=False, person=anna),
        Case(f"{P}:right_of_access", "get", "admin", "get", person, action="export",
             person=anna),
        Case(f"{P}:right_of_access", "denied", "officer", "get", person, status=403,
             action="export", allowed=False, person=anna),
        # A blank form and a form showing back what the user typed: no stored person's data.
        Case(f"{P}:referral_create", "get", "case_worker", "get", logged=False),
        Case(f"{P}:referral_create", "invalid", "case_worker", "post",
             data=lambda w: _referral(w, requested_on=""), logged=False),
        Case(f"{P}:referral_create", "success", "case_worker", "post", data=_referral,
             status=302, action="create", person=new_person),
        Case(f"{P}:referral_create", "denied", "committee", "post", data=_referral,
             status=403, action="create", allowed=False),
        Case(f"{P}:referral_create", "denied", "partner_staff", "get", status=403,
             action="create", allowed=False),
        Case(f"{P}:referral_edit", "get", "case_worker", "get", referral, person=anna),
        Case(f"{P}:referral_edit", "success", "case_worker", "post", referral, _edit(1),
             status=302, action="change", person=anna),
        Case(f"{P}:referral_edit", "invalid", "case_worker", "post", referral,
             _edit(1, requested_on=""), person=anna),
        Case(f"{P}:referral_edit", "invalid", "case_worker", "post", referral,
             _edit(1, requested_on="2999-01-01"), person=anna),
        Case(f"{P}:referral_edit", "conflict", "case_worker", "post", referral, _edit(0),
             status=409, person=anna),
        Case(f"{P}:referral_edit", "denied", "committee", "post", referral, _edit(1),
             status=403, allowed=False, person=anna),
        Case(f"{P}:referral_edit", "denied", "other_case_worker", "post", referral, _edit(1),
             status=404, allowed=False, person=anna),
        Case(f"{P}:referral_edit", "denied", "other_case_worker", "get", referral,
             status=404, allowed=False, person=anna),
        Case(f"{P}:referral_decide", "get", "officer", "get", open_referral, person=cilla),
        Case(f"{P}:referral_decide", "success", "officer", "post", open_referral,
             lambda w: {"version": 1, "decision": "wait"}, status=302, action="change",
             person=cilla),
        Case(f"{P}:referral_decide", "invalid", "officer", "post", open_referral,
             lambda w: {"version": 1}, person=cilla),
        Case(f"{P}:referral_decide", "invalid", "officer", "post", open_referral,
             lambda w: {"version": 1, "decision": "decline", "reason": ""}, person=cilla),
        Case(f"{P}:referral_decide", "conflict", "officer", "post", open_referral,
             lambda w: {"version": 0, "decision": "wait"}, status=409, person=cilla),
        Case(f"{P}:referral_decide", "denied", "case_worker", "post", open_referral,
             lambda w: {"version": 1, "decision": "wait"}, status=403, allowed=False,
             person=cilla),
        Case(f"{P}:referral_decide", "denied", "partner_staff", "post", open_referral,
             lambda w: {"version": 1, "decision": "wait"}, status=404, allowed=False,
             person=cilla),  # no consent to share with Stadsmissionen
        Case(f"{P}:placement_exit", "get", "partner_staff", "get", placement, person=anna),
        Case(f"{P}:placement_exit", "success", "partner_staff", "post", placement,
             lambda w: {"version": 1, "end": "2024-06-03", "outcome": "work"}, status=302,
             action="change", person=anna),
        Case(f"{P}:placement_exit", "invalid", "partner_staff", "post", placement,
             lambda w: {"version": 1}, person=anna),
        Case(f"{P}:placement_exit", "conflict", "partner_staff", "post", placement,
             lambda w: {"version": 0, "end": "2024-06-03", "outcome": "work"}, status=409,
             person=anna),
        Case(f"{P}:placement_exit", "denied", "case_worker", "post", placement,
             lambda w: {"version": 1, "end": "2024-06-03", "outcome": "work"}, status=403,
             allowed=False, person=anna),
        Case(f"{P}:placement_exit", "denied", "other_partner_staff", "post", placement,
             lambda w: {"version": 1, "end": "2024-06-03", "outcome": "work"}, status=404,
             allowed=False, person=anna),
        Case(f"{P}:referral_withdraw", "get", "case_worker", "get", open_referral,
             person=cilla),
        Case(f"{P}:referral_withdraw", "success", "case_worker", "post", open_referral,
             lambda w: {"version": 1, "reason": "Fel enhet"}, status=302, action="change",
             person=cilla),
        Case(f"{P}:referral_withdraw", "invalid", "case_worker", "post", open_referral,
             lambda w: {"version": 1, "reason": ""}, person=cilla),
        Case(f"{P}:referral_withdraw", "conflict", "case_worker", "post", open_referral,
             lambda w: {"version": 0, "reason": "Fel enhet"}, status=409, person=cilla),
        Case(f"{P}:referral_withdraw", "denied", "committee", "post", open_referral,
             lambda w: {"version": 1, "reason": "x"}, status=403, allowed=False,
             person=cilla),
        Case(f"{P}:referral_withdraw", "denied", "other_case_worker", "post", open_referral,
             lambda w: {"version": 1, "reason": "x"}, status=404, allowed=False,
             person=cilla),
        Case(f"{P}:placement_correct_exit", "get", "partner_staff", "get", placement,
             person=anna, fixtures=exited),
        Case(f"{P}:placement_correct_exit", "success", "partner_staff", "post", placement,
             lambda w: {"version": 1, "end": "2024-06-03", "outcome": "studies"}, status=302,
             action="change", person=anna, fixtures=exited),
        Case(f"{P}:placement_correct_exit", "invalid", "partner_staff", "post", placement,
             lambda w: {"version": 1, "outcome": "work"}, person=anna, fixtures=exited),
        Case(f"{P}:placement_correct_exit", "conflict", "partner_staff", "post", placement,
             lambda w: {"version": 0, "end": "2024-06-03", "outcome": "work"}, status=409,
             person=anna, fixtures=exited),
        Case(f"{P}:placement_correct_exit", "denied", "case_worker", "post", placement,
             lambda w: {"version": 1, "end": "2024-06-03", "outcome": "work"}, status=403,
             allowed=False, person=anna, fixtures=exited),
        Case(f"{P}:placement_correct_exit", "denied", "other_partner_staff", "post",
             placement, lambda w: {"version": 1, "end": "2024-06-03", "outcome": "work"},
             status=404, allowed=False, person=anna, fixtures=exited),
        Case(f"{P}:placement_week", "get", "partner_staff", "get", placement, person=anna),
        Case(f"{P}:placement_week", "success", "partner_staff", "post", placement,
             lambda w: {"week_start": "2024-02-05", "hours": "10"}, status=302,
             action="change", person=anna),
        Case(f"{P}:placement_week", "invalid", "partner_staff", "post", placement,
             lambda w: {"week_start": "2024-02-06", "hours": "10"}, person=anna),
        Case(f"{P}:placement_week", "denied", "case_worker", "post", placement,
             lambda w: {"week_start": "2024-02-05", "hours": "10"}, status=403,
             allowed=False, person=anna),
        Case(f"{P}:placement_week", "denied", "other_partner_staff", "post", placement,
             lambda w: {"week_start": "2024-02-05", "hours": "10"}, status=404,
             allowed=False, person=anna),
        Case(f"{P}:placement_create", "get", "officer", "get", person, person=anna),
        Case(f"{P}:placement_create", "success", "officer", "post", person,
             lambda w: {"partnership": w.p_ikf.pk, "start": "2024-03-04"}, status=302,
             action="create", person=anna),
        Case(f"{P}:placement_create", "invalid", "officer", "post", person, person=anna),
        Case(f"{P}:placement_create", "invalid", "officer", "post", person,
             lambda w: {"partnership": w.p_mission.pk, "start": "2024-03-04"}, person=anna),
        Case(f"{P}:placement_create", "denied", "committee", "post", person,
             lambda w: {"partnership": w.p_ikf.pk, "start": "2024-03-04"}, status=403,
             allowed=False, person=anna),
        Case(f"{P}:placement_create", "denied", "other_partner_staff", "post", person,
             lambda w: {"partnership": w.p_ikf.pk, "start": "2024-03-04"}, status=404,
             allowed=False, person=anna),
        Case(f"{P}:placement_create", "denied", "case_worker", "get", person, status=403,
             allowed=False, person=anna),
        Case("start", "get", "partner_staff", "get", action="list"),
        Case("start", "get", "case_worker", "get", action="list"),
        Case("start", "get", "committee", "get", logged=False),  # published figures only
        Case("start", "get", "officer", "get", logged=False),  # register items only
        Case(f"{IMP}:participant", "get", "partner_staff", "get", person, person=anna),
        Case(f"{IMP}:participant", "denied", "committee", "get", person, status=403,
             allowed=False, person=anna),
        Case(f"{IMP}:participant", "denied", "other_partner_staff", "get", person, status=404,
             allowed=False, person=anna),
        Case(f"{IMP}:assessment_create", "get", "partner_staff", "get", person, person=anna,
             fixtures=assess),
        Case(f"{IMP}:assessment_create", "success", "partner_staff", "post", person,
             _assessment(), status=302, action="create", person=anna, fixtures=assess),
        Case(f"{IMP}:assessment_create", "invalid", "partner_staff", "post", person,
             _assessment(assessor=""), person=anna, fixtures=assess),
        Case(f"{IMP}:assessment_create", "invalid", "partner_staff", "post", person,
             _assessment(partnership=""), person=anna, fixtures=assess),
        Case(f"{IMP}:assessment_create", "denied", "committee", "post", person, _assessment(),
             status=403, allowed=False, person=anna, fixtures=assess),
        Case(f"{IMP}:assessment_create", "denied", "other_partner_staff", "post", person,
             _assessment(), status=404, allowed=False, person=anna, fixtures=assess),
        Case(f"{IMP}:assessment_create", "denied", "other_partner_staff", "get", person,
             status=404, allowed=False, person=anna, fixtures=assess),
    ]


CASES = _cases()


@pytest.fixture
def exited_placement(world):
    """Anna's placement ended (written directly: no log entry of its own)."""
    from samverka.participants.models import Placement

    Placement.objects.filter(pk=world.anna_placement.pk).update(end="2024-06-30",
                                                                 outcome="work")
IDS = [f"{index:02d}-{case.id}" for index, case in enumerate(CASES)]


def _urls(resolver=None, namespace=""):
    """(namespaced name, view) of every named URL the site answers."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _urls(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_participant_url_is_walked():
    found = {
        name for name, view in _urls()
        if name.split(":")[0] in ("participants", "impact")
        or getattr(view, "access_logged", False)
        or view.__module__.startswith(("samverka.participants", "samverka.impact"))
    }
    walked = {case.name for case in CASES}
    assert found - NO_PARTICIPANT_DATA == walked, (
        "walk these URLs in CASES or list them in NO_PARTICIPANT_DATA: "
        f"{sorted(found - NO_PARTICIPANT_DATA - walked)}; gone: {sorted(walked - found)}")
    assert set(REQUIRED) == walked
    for name, outcomes in REQUIRED.items():
        covered = {case.outcome for case in CASES if case.name == name}
        assert outcomes <= covered, (name, sorted(outcomes - covered))


def _request(case, world, login, request):
    for fixture in case.fixtures:
        request.getfixturevalue(fixture)
    client = login(world.users[case.user])
    args = [case.target(world)] if case.target else []
    url = reverse(case.name, args=args)
    return getattr(client, case.method)(url, case.data(world))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_exactly_one_complete_entry(world, login, request, case):
    for fixture in case.fixtures:
        request.getfixturevalue(fixture)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = _request(case, world, login, request)
    assert response.status_code == case.status, response.content.decode()[:2000]
    entries = list(AccessLogEntry.objects.filter(pk__gt=before))
    if not case.logged:
        assert entries == []
        return
    assert len(entries) == 1, [(e.action, e.outcome, e.object_type) for e in entries]
    [entry] = entries
    user = world.users[case.user]
    profile = policy.profile_of(user)
    assert entry.user == user and entry.username == user.username
    assert entry.role == profile.role and entry.municipality_id == profile.municipality_id
    assert entry.organisation_name and entry.purpose and entry.object_type and entry.at
    assert entry.action == case.action
    assert entry.outcome == ("allowed" if case.allowed else "denied")
    expected = case.person(world) if case.person else None
    assert entry.participant == expected
    if expected is not None:
        assert entry.within_own_scope is policy.within_own_scope(user, expected)
    else:
        assert entry.within_own_scope is True


# --- The same walk with the log write failing ----------------------------------------------


def _personal_data(world):
    texts = []
    for person in (world.anna, world.bo, world.cilla):
        number = person.personal_number
        texts += [person.last_name, person.display_name, number, number[-4:],
                  f"{number[:8]}-{number[8:]}", f"{number[2:8]}-{number[8:]}"]
    texts += ["HP-ANNA", "HP-BO", "HP-CILLA", NEW_PERSON["last_name"], "9806"]
    return texts


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _fail_in_create(monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("could not write")

    monkeypatch.setattr(AccessLogEntry.objects, "create", fail)


def _fail_in_write(monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("could not write")

    monkeypatch.setattr(accesslog, "write", fail)


@pytest.mark.parametrize("failure", [_fail_in_create, _fail_in_write],
                         ids=["insert-fails", "log-function-fails"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_personal_data_when_the_log_fails(world, login, request, monkeypatch, case,
                                             failure):
    for fixture in case.fixtures:
        request.getfixturevalue(fixture)
    failure(monkeypatch)
    response = _request(case, world, login, request)
    body = CSRF.sub("", response.content.decode())
    if case.logged:
        assert response.status_code == 503
    else:
        assert response.status_code == case.status
    found = [text for text in _personal_data(world) if text in body]
    if not case.logged and case.outcome == "invalid":
        # The user's own input comes back in the form; no one else's data.
        found = [text for text in found if text not in (NEW_PERSON["last_name"], "9806")]
    assert found == []
