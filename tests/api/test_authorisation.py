"""The web's authorisation, repeated through the API (issue 17, "What it must show" 2)."""

import json
import re
from datetime import date, timedelta

import pytest

from samverka.api import actions
from samverka.audit.models import AuditEvent
from samverka.participants.models import AccessLogEntry

NUMBERS = ["198001019820", "198502029815", "199003039808", "197004049883", "199505059809"]


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def _monday_after(day):
    return day + timedelta(days=(7 - day.weekday()) % 7)


# --- Tokens and scopes -------------------------------------------------------------------------

@pytest.mark.parametrize("header", [None, "Bearer smv_wrong", "Bearer", "Basic abc", "Bearer å"])
def test_an_absent_or_wrong_token_is_401_in_swedish(api, api_clients, header):
    response = api(None, "GET", "/api/v1/partnerships/", token=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["fel"]
    assert AccessLogEntry.objects.count() == 0


def test_an_inactive_client_is_401_and_a_rotated_token_stops_working(api, api_clients, world):
    admin = world.users["admin"]
    treserva = api_clients["treserva"]
    assert api(treserva, "GET", "/api/v1/partnerships/").status_code == 200
    model, new_token = actions.rotate_token(admin, treserva.model.pk, treserva.model.version)
    assert api(treserva, "GET", "/api/v1/partnerships/").status_code == 401
    treserva.token = new_token
    assert api(treserva, "GET", "/api/v1/partnerships/").status_code == 200
    actions.set_active(admin, model.pk, model.version, False)
    assert api(treserva, "GET", "/api/v1/partnerships/").status_code == 401


def test_only_a_hash_of_the_token_is_stored(api_clients):
    treserva = api_clients["treserva"]
    treserva.model.refresh_from_db()
    stored = [str(value) for value in treserva.model.__dict__.values()]
    assert treserva.token not in stored
    assert treserva.model.token_hash and treserva.model.token_hash != treserva.token


@pytest.mark.parametrize("who, method, path", [
    ("site", "GET", "/api/v1/referrals/"),
    ("site", "GET", "/api/v1/placements/"),
    ("diary", "GET", "/api/v1/referrals/"),
    ("mission", "POST", "/api/v1/referrals/"),
    ("treserva", "POST", "/api/v1/placements/1/exit/"),
    ("treserva", "POST", "/api/v1/referrals/1/decision/"),
    ("mission", "POST", "/api/v1/referrals/1/withdraw/"),
    ("mission", "GET", "/api/v1/statistics/portfolio/?period=2024"),
    ("treserva", "POST", "/api/v1/partnerships/"),
    ("mission", "PUT", "/api/v1/organisations/1/"),
])
def test_a_missing_scope_is_403(api, api_clients, who, method, path):
    response = api(api_clients[who], method, path, json={} if method != "GET" else None)
    assert response.status_code == 403, response.content
    assert response.json()["fel"] == "Klienten saknar behörighet för detta."


def test_a_refused_personal_data_call_writes_one_denied_entry_naming_the_client(api,
                                                                                 api_clients):
    before = AccessLogEntry.objects.count()
    assert api(api_clients["site"], "GET", "/api/v1/referrals/").status_code == 403
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.outcome, entry.api_client) == ("denied", "Webbplatsen")


# --- Own organisation, own unit ----------------------------------------------------------------

def test_a_partner_system_reads_only_its_own_organisations_placements(api, api_clients, world):
    mission, ikf = api_clients["mission"], api_clients["ikf"]
    assert _ids(api(mission, "GET", "/api/v1/placements/")) == {world.anna_placement.pk}
    assert _ids(api(ikf, "GET", "/api/v1/placements/")) == {world.bo_placement.pk}
    assert api(mission, "GET", f"/api/v1/placements/{world.bo_placement.pk}/").status_code == 404
    assert api(mission, "GET", f"/api/v1/placements/{world.dora_placement.pk}/"
               ).status_code == 404
    own = api(mission, "GET", f"/api/v1/placements/{world.anna_placement.pk}/")
    assert own.status_code == 200 and own.json()["participant"]["first_name"] == "Anna"


def test_a_partner_system_writes_only_its_own_organisations_placements(api, api_clients, world):
    mission = api_clients["mission"]
    week = {"week_start": _monday_after(date(2024, 2, 5)).isoformat(), "hours": "12.5"}
    other = api(mission, "POST", f"/api/v1/placements/{world.bo_placement.pk}/weeks/", week)
    assert other.status_code == 404
    assert not world.bo_placement.weeks.exists()
    exit_other = api(mission, "POST", f"/api/v1/placements/{world.bo_placement.pk}/exit/",
                     {"version": world.bo_placement.version, "end": "2024-03-01",
                      "outcome": "work"})
    assert exit_other.status_code == 404
    world.bo_placement.refresh_from_db()
    assert world.bo_placement.end is None
    own = api(mission, "POST", f"/api/v1/placements/{world.anna_placement.pk}/weeks/", week)
    assert own.status_code == 200, own.content
    assert [w["hours"] for w in own.json()["weeks"]] == ["12.5"]


def test_a_partner_system_sees_only_consented_referrals_of_its_partnerships(api, api_clients,
                                                                             world):
    mission = api_clients["mission"]
    assert _ids(api(mission, "GET", "/api/v1/referrals/")) == {world.anna_referral.pk}
    hidden = api(mission, "GET", f"/api/v1/referrals/{world.cilla_referral.pk}/")
    assert hidden.status_code == 404
    answer = api(mission, "POST", f"/api/v1/referrals/{world.cilla_referral.pk}/decision/",
                 {"version": world.cilla_referral.version, "decision": "decline",
                  "reason": "Ingen plats"})
    assert answer.status_code == 404
    world.cilla_referral.refresh_from_db()
    assert world.cilla_referral.status == "requested"


def test_a_referring_units_system_reads_only_its_units_referrals(api, api_clients, world):
    treserva, lifecare = api_clients["treserva"], api_clients["lifecare"]
    assert _ids(api(treserva, "GET", "/api/v1/referrals/")) == {
        world.anna_referral.pk, world.cilla_referral.pk}
    assert _ids(api(lifecare, "GET", "/api/v1/referrals/")) == {world.bo_referral.pk}
    assert api(treserva, "GET", f"/api/v1/referrals/{world.bo_referral.pk}/").status_code == 404
    withdraw = api(lifecare, "POST", f"/api/v1/referrals/{world.cilla_referral.pk}/withdraw/",
                   {"version": world.cilla_referral.version})
    assert withdraw.status_code == 404
    world.cilla_referral.refresh_from_db()
    assert world.cilla_referral.status == "requested"


def test_a_referring_units_system_refers_only_from_its_own_unit(api, api_clients, world):
    body = {"partnership": world.p_ikf.pk, "requested_on": "2024-05-02",
            "person": {"kind": "personnummer", "number": "19900303-9808"},
            "referring_unit": world.utreda.pk}
    response = api(api_clients["treserva"], "POST", "/api/v1/referrals/", body)
    assert response.status_code == 201, response.content
    assert response.json()["referring_unit"] == world.amc.pk


def test_withdrawing_an_unanswered_referral(api, api_clients, world):
    treserva = api_clients["treserva"]
    path = f"/api/v1/referrals/{world.cilla_referral.pk}/withdraw/"
    stale = api(treserva, "POST", path, {"version": world.cilla_referral.version + 5})
    assert stale.status_code == 409
    done = api(treserva, "POST", path, {"version": world.cilla_referral.version})
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    again = api(treserva, "POST", path, {"version": done.json()["version"]})
    assert again.status_code == 400 and "återtas" in again.json()["fel"]


# --- No personnummer; one access-log entry per call naming the client --------------------------

def _personal_calls(world):
    week = _monday_after(date(2024, 2, 5)).isoformat()
    return [
        ("treserva", "GET", "/api/v1/referrals/", None),
        ("treserva", "GET", f"/api/v1/referrals/{world.anna_referral.pk}/", None),
        ("treserva", "GET", f"/api/v1/referrals/{world.bo_referral.pk}/", None),
        ("treserva", "GET", "/api/v1/placements/", None),
        ("treserva", "GET", f"/api/v1/placements/{world.anna_placement.pk}/", None),
        ("treserva", "POST", "/api/v1/referrals/", {
            "partnership": world.p_mission.pk, "requested_on": "2024-05-02",
            "person": {"kind": "personnummer", "number": "198502029815",
                       "first_name": "Bosse", "last_name": "B"}}),
        ("treserva", "POST", "/api/v1/referrals/", {"partnership": "x"}),
        ("treserva", "POST", "/api/v1/referrals/999999/withdraw/", {"version": 1}),
        ("lifecare", "POST", f"/api/v1/referrals/{world.cilla_referral.pk}/withdraw/",
         {"version": world.cilla_referral.version}),
        ("mission", "GET", "/api/v1/referrals/", None),
        ("mission", "GET", f"/api/v1/referrals/{world.anna_referral.pk}/", None),
        ("mission", "GET", "/api/v1/placements/?page=1", None),
        ("mission", "GET", "/api/v1/placements/?page=zero", None),
        ("mission", "GET", f"/api/v1/placements/{world.anna_placement.pk}/", None),
        ("mission", "GET", f"/api/v1/placements/{world.bo_placement.pk}/", None),
        ("mission", "POST", f"/api/v1/placements/{world.anna_placement.pk}/exit/",
         {"version": 99, "end": "2024-03-01", "outcome": "work"}),
        ("mission", "POST", f"/api/v1/referrals/{world.anna_referral.pk}/decision/",
         {"version": world.anna_referral.version, "decision": "decline", "reason": "x"}),
        ("ikf", "POST", f"/api/v1/placements/{world.anna_placement.pk}/weeks/",
         {"week_start": week, "hours": "8"}),
        ("mission", "POST", f"/api/v1/placements/{world.anna_placement.pk}/weeks/",
         {"week_start": week, "hours": "8"}),
        ("site", "GET", "/api/v1/placements/", None),
        ("diary", "GET", f"/api/v1/referrals/{world.anna_referral.pk}/", None),
    ]


def _answered_calls(world):
    """Calls that succeed and change data, so that every personal-data operation is walked
    with an answer (2xx) as well as refused: a fresh consented referral to IKF is answered by
    IKF's system, Cilla's unanswered referral withdrawn by AMC's, Anna's placement ended."""
    from tests.participants.factories import ParticipantFactory, ReferralFactory

    eva = ParticipantFactory(municipality=world.town, first_name="Eva", last_name="Ekqvist",
                             personal_number="199505059809")
    fresh = ReferralFactory(participant=eva, partnership=world.p_ikf,
                            referring_unit=world.utreda, consent_to_share=True,
                            requested_on=date(2024, 4, 2))
    return [
        ("mission", "POST", f"/api/v1/referrals/{fresh.pk}/decision/",
         {"version": fresh.version, "decision": "wait"}),
        ("ikf", "POST", f"/api/v1/referrals/{fresh.pk}/decision/",
         {"version": fresh.version, "decision": "accept", "start": "2024-05-06",
          "hours_per_week": "10"}),
        ("treserva", "POST", f"/api/v1/referrals/{world.cilla_referral.pk}/withdraw/",
         {"version": world.cilla_referral.version}),
        ("ikf", "POST", f"/api/v1/placements/{world.anna_placement.pk}/exit/",
         {"version": world.anna_placement.version, "end": "2024-03-01", "outcome": "work"}),
        ("mission", "POST", f"/api/v1/placements/{world.anna_placement.pk}/exit/",
         {"version": world.anna_placement.version, "end": "2024-03-01", "outcome": "work"}),
    ]


def _template(path: str) -> str:
    return re.sub(r"/\d+/", "/{id}/", path.split("?")[0])


def test_every_personal_data_call_writes_exactly_one_entry_naming_the_client(api, api_clients,
                                                                              world):
    answered = set()
    for who, method, path, body in _personal_calls(world) + _answered_calls(world):
        before = AccessLogEntry.objects.count()
        response = api(api_clients[who], method, path, body)
        assert response.status_code < 500, (path, response.content)
        after = list(AccessLogEntry.objects.order_by("pk")[before:])
        assert len(after) == 1, (who, method, path, response.status_code, len(after))
        assert after[0].api_client == api_clients[who].name
        assert after[0].username == api_clients[who].model.user.username
        if response.status_code < 300:
            answered.add((method.lower(), _template(path)))
    personal = {(method, path) for path, methods in _served_schema(api)["paths"].items()
                for method in methods
                if path.startswith(("/api/v1/referrals/", "/api/v1/placements/"))}
    assert len(personal) == 9
    assert personal - answered == set(), "personal-data operations not walked with a 2xx"


def _served_schema(api):
    response = api(None, "GET", "/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_partner_system_answers_only_its_own_organisations_referrals(api, api_clients,
                                                                        world):
    calls = _answered_calls(world)
    refused = api(api_clients["mission"], *calls[0][1:])
    assert refused.status_code == 404
    accepted = api(api_clients["ikf"], *calls[1][1:])
    assert accepted.status_code == 200, accepted.content.decode()
    assert accepted.json()["status"] == "accepted"
    other_exit = api(api_clients["ikf"], *calls[3][1:])
    assert other_exit.status_code == 404
    world.anna_placement.refresh_from_db()
    assert world.anna_placement.end is None


def test_no_personnummer_in_any_response(api, api_clients, world):
    variants = [v for n in NUMBERS for v in (n, f"{n[:8]}-{n[8:]}", f"{n[2:8]}-{n[8:]}",
                                             n[2:])]
    paths = ["/api/v1/referrals/", "/api/v1/placements/", "/api/v1/partnerships/",
             "/api/v1/organisations/", f"/api/v1/referrals/{world.anna_referral.pk}/",
             f"/api/v1/placements/{world.anna_placement.pk}/"]
    seen = 0
    for who in api_clients:
        for path in paths:
            response = api(api_clients[who], "GET", path)
            text = response.content.decode()
            assert not [v for v in variants if v in text], (who, path)
            seen += response.status_code == 200
    for who, method, path, body in _personal_calls(world) + _answered_calls(world):
        text = api(api_clients[who], method, path, body).content.decode()
        assert not [v for v in variants if v in text], (who, path)
    assert seen > 10  # the clients did read data


# --- The register and the audit ----------------------------------------------------------------

def test_a_register_client_writes_through_the_actions_and_the_audit_names_it(api, api_clients,
                                                                             world):
    diary = api_clients["diary"]
    created = api(diary, "POST", "/api/v1/organisations/",
                  {"name": "Ny förening", "kind": "civil_society", "idea_register": "yes"})
    assert created.status_code == 201, created.content
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.api_client, event.role) == (
        "organisation.create", "Diariet", "officer")
    pk, lock = created.json()["id"], created.json()["lock_version"]
    changed = api(diary, "PUT", f"/api/v1/organisations/{pk}/",
                  {"name": "Ny förening ideell", "kind": "civil_society",
                   "idea_register": "yes", "lock_version": lock})
    assert changed.status_code == 200 and changed.json()["name"] == "Ny förening ideell"
    stale = api(diary, "PUT", f"/api/v1/organisations/{pk}/",
                {"name": "Krock", "kind": "civil_society", "idea_register": "no",
                 "lock_version": lock})
    assert stale.status_code == 409
    missing = api(diary, "PUT", f"/api/v1/organisations/{pk}/", {"name": "Utan version"})
    assert missing.status_code == 400 and missing.json()["fel"]


def test_the_register_is_the_clients_municipality_only(api, api_clients, world):
    names = {row["name"] for row in
             api(api_clients["site"], "GET", "/api/v1/partnerships/").json()["results"]}
    assert names == {"Arbetsträning", "Hälsogrupper"}
    other = world.dora_placement.partnership_id
    assert api(api_clients["site"], "GET", f"/api/v1/partnerships/{other}/").status_code == 404


def test_published_statistics_through_the_publication_layer(api, api_clients, world):
    response = api(api_clients["site"], "GET",
                   f"/api/v1/statistics/partnerships/{world.p_mission.pk}/?period=2024")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["partnership"] == "Arbetsträning"
    assert data["flow"]["participants"] == ".."  # one person: below the threshold, withheld
    portfolio = api(api_clients["site"], "GET", "/api/v1/statistics/portfolio/?period=2024-H1")
    assert portfolio.status_code == 200
    assert {p["partnership"] for p in portfolio.json()["partnerships"]} == {
        "Arbetsträning", "Hälsogrupper"}
    bad = api(api_clients["site"], "GET", "/api/v1/statistics/portfolio/?period=2024-01-01..x")
    assert bad.status_code == 400 and "standardperiod" in bad.json()["fel"]
    # Quarters and months are not published (followup/periods.PUBLISHED_KINDS): a quarter
    # next to its half-year would give a withheld quarter away.
    for period in ("2024-Q2", "2024-05"):
        refused = api(api_clients["site"], "GET", f"/api/v1/statistics/portfolio/?period={period}")
        assert refused.status_code == 400
        assert "Välj ett år eller ett halvår" in refused.json()["fel"]


def test_the_api_works_with_the_second_factor_required_and_is_never_cached(api, api_clients,
                                                                          world, settings):
    """A token is the system's credential: the people's second factor does not apply to it,
    and the session-based sign-in pages are never reached."""
    settings.SAMVERKA_REQUIRE_2FA = True
    response = api(api_clients["mission"], "GET", "/api/v1/placements/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("body", [{"name": "X", "referral_routes": [2**70]},
                                  {"name": "X", "committee": 2**64}])
def test_an_id_no_database_can_hold_is_a_400_not_a_500(api, api_clients, body):
    """Found by the schemathesis run (negative mode): the form asked the database, which
    failed on the number (SQLite: OverflowError)."""
    response = api(api_clients["diary"], "POST", "/api/v1/partnerships/", body)
    assert response.status_code == 400, response.content
    field = next(iter(body.keys() - {"name"}))
    assert "giltigt alternativ" in response.json()["falt"][field][0]
