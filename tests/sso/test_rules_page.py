"""The sign-in rules page: administrators of a municipality list, create, change and delete its
rules; everything audited; other municipalities' rules are out of reach; others get 403."""

import pytest

from samverka.accounts.models import Role, SignInRule
from samverka.audit.models import AuditEvent
from tests.factories import make_user

RULES = "/anvandare/inloggningsregler/"


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    settings.SAMVERKA_REQUIRE_2FA = False  # force_login; the code page is tested elsewhere


@pytest.fixture
def admin(municipality):
    return make_user("adm", Role.ADMIN, municipality)


def rule_data(**changes):
    return {"provider": "oidc", "claim": "groups", "value": "samverka-handlaggare",
            "role": "officer", "organisation": "", "referring_unit": "", **changes}


def test_user_page_links_to_the_rules(client, admin):
    client.force_login(admin)
    assert RULES in client.get("/anvandare/").content.decode()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.CASE_WORKER, Role.COMMITTEE])
def test_only_administrators_reach_the_rules(client, municipality, role):
    client.force_login(make_user("someone", role, municipality))
    assert client.get(RULES).status_code == 403
    assert client.post(RULES + "ny/", rule_data()).status_code == 403
    assert not SignInRule.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="sign_in_rule").exists()


def test_administrator_creates_changes_and_deletes_a_rule(client, admin, municipality, unit):
    client.force_login(admin)
    assert client.post(RULES + "ny/", rule_data()).status_code == 302
    rule = SignInRule.objects.get()
    assert (rule.municipality, rule.role) == (municipality, Role.OFFICER)
    assert "samverka-handlaggare" in client.get(RULES).content.decode()
    response = client.post(f"{RULES}{rule.pk}/", rule_data(
        role="case_worker", referring_unit=unit.pk, version=rule.version))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.role, rule.referring_unit, rule.version) == (Role.CASE_WORKER, unit, 2)
    assert client.post(f"{RULES}{rule.pk}/ta-bort/", {"version": 2}).status_code == 302
    assert not SignInRule.objects.exists()
    actions = list(AuditEvent.objects.filter(user=admin, action__startswith="sign_in_rule")
                   .order_by("pk").values_list("action", flat=True))
    assert actions == ["sign_in_rule.create", "sign_in_rule.update", "sign_in_rule.delete"]


def test_bad_input_gets_swedish_messages_and_saves_nothing(client, admin):
    client.force_login(admin)
    response = client.post(RULES + "ny/", rule_data(value="", role="case_worker"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ange värdet som ska matcha." in page
    response = client.post(RULES + "ny/", rule_data(role="case_worker"))
    assert "En handläggare behöver en anvisande enhet." in response.content.decode()
    assert not SignInRule.objects.exists()


def test_a_stale_edit_is_refused(client, admin):
    client.force_login(admin)
    client.post(RULES + "ny/", rule_data())
    rule = SignInRule.objects.get()
    client.post(f"{RULES}{rule.pk}/", rule_data(role="committee", version=1))
    response = client.post(f"{RULES}{rule.pk}/", rule_data(role="admin", version=1))
    assert response.status_code == 409
    assert SignInRule.objects.get().role == Role.COMMITTEE


def test_rules_of_another_municipality_are_out_of_reach(client, admin, other_municipality):
    other = SignInRule.objects.create(provider="oidc", claim="groups", value="norrkoping",
                                      municipality=other_municipality, role=Role.ADMIN)
    client.force_login(admin)
    assert "norrkoping" not in client.get(RULES).content.decode()
    assert client.get(f"{RULES}{other.pk}/").status_code == 404
    assert client.post(f"{RULES}{other.pk}/ta-bort/", {"version": 1}).status_code == 404
    assert SignInRule.objects.filter(pk=other.pk).exists()
