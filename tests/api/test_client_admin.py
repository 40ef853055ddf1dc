"""The administrator's page of API clients: the token shown once, only a hash kept, audit rows."""

from samverka.api.models import ApiClient, token_hash
from samverka.audit.models import AuditEvent


def test_the_administrator_creates_a_client_and_sees_the_token_once(login, world, api):
    alice = login(world.users["admin"])
    form = alice.get("/api-klienter/ny/")
    assert form.status_code == 200 and "Behörigheter" in form.content.decode()
    created = alice.post("/api-klienter/ny/", {
        "name": "Treserva", "scopes": ["referrals:write", "register:read"],
        "referring_unit": world.amc.pk})
    assert created.status_code == 200, created.content.decode()[:3000]
    client = ApiClient.objects.get(name="Treserva")
    page = created.content.decode()
    token = page.split('id="api-token" type="text" readonly value="')[1].split('"')[0]
    assert client.token_hash == token_hash(token)
    assert token not in alice.get(f"/api-klienter/{client.pk}/").content.decode()
    assert token not in alice.get("/api-klienter/").content.decode()
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.user) == ("api_client.create", world.users["admin"])
    assert token not in str(event.changes)
    assert api(None, "GET", "/api/v1/referrals/",
               token=f"Bearer {token}").status_code == 200
    # The service account is not among the people on the user page.
    assert client.user.username not in alice.get("/anvandare/").content.decode()

    deactivated = alice.post(f"/api-klienter/{client.pk}/", {"do": "deactivate",
                                                              "version": client.version})
    assert deactivated.status_code == 200 and "Inaktiverad" in deactivated.content.decode()
    assert AuditEvent.objects.latest("pk").action == "api_client.deactivate"
    assert api(None, "GET", "/api/v1/referrals/",
               token=f"Bearer {token}").status_code == 401


def test_a_referrals_client_needs_a_referring_unit_and_one_role_scope(login, world):
    alice = login(world.users["admin"])
    response = alice.post("/api-klienter/ny/", {
        "name": "Utan enhet", "scopes": ["referrals:write", "placements:write"]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "bara ha en av behörigheterna" in page
    assert "måste höra till en anvisande enhet" in page
    assert "måste höra till en organisation" in page
    assert not ApiClient.objects.filter(name="Utan enhet").exists()


def test_only_administrators_manage_clients(login, world, api_clients):
    for role in ("officer", "case_worker", "partner_staff", "committee"):
        person = login(world.users[role])
        assert person.get("/api-klienter/").status_code == 403, role
        assert person.post("/api-klienter/ny/", {"name": "X", "scopes": ["register:read"]}
                           ).status_code == 403
    outsider = login(world.users["outsider"])
    assert outsider.get(f"/api-klienter/{api_clients['mission'].model.pk}/").status_code == 403


def test_an_administrator_of_another_municipality_does_not_find_the_client(login, world,
                                                                          api_clients):
    from tests.participants.factories import make_user

    stranger = make_user("sigge", "admin", world.other_town, None)
    page = login(stranger).get(f"/api-klienter/{api_clients['mission'].model.pk}/")
    assert page.status_code == 404
    assert "Missionens system" not in page.content.decode()
