"""Users and roles are managed in the app, by administrators, in their own municipality only,
and every change is audited."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.accounts import actions
from samverka.accounts.login import LOGIN_SUCCEEDED
from samverka.accounts.models import Profile
from samverka.audit.models import AuditEvent

USERS = "/anvandare/"
STRONG = "Blå-fågel-sjunger-42"


def new_user(**changes):
    return {"username": "greta", "first_name": "Greta", "last_name": "Garbo",
            "email": "greta@example.se", "role": "officer", "organisation": "",
            "referring_unit": "", "password1": STRONG, "password2": STRONG, **changes}


def change_data(profile, **changes):
    values = actions.values_of(profile)
    data = {"first_name": values["first_name"], "last_name": values["last_name"],
            "email": values["email"], "role": values["role"],
            "organisation": values["organisation_id"] or "",
            "referring_unit": values["referring_unit_id"] or "",
            "stamp": actions.stamp(profile)}
    if values["is_active"]:
        data["is_active"] = "on"
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["officer", "case_worker", "partner_staff", "committee"])
def test_only_administrators_reach_the_page(world, client, role):
    client.force_login(world.users[role])
    response = client.get(USERS)
    assert response.status_code == 403
    assert "Bara administratörer kan hantera användare" in response.content.decode()
    assert client.post(USERS + "ny/", new_user()).status_code == 403
    target = world.users["committee"].profile
    assert client.post(f"{USERS}{target.pk}/", change_data(target, role="admin")
                       ).status_code == 403
    assert not get_user_model().objects.filter(username="greta").exists()
    assert Profile.objects.get(pk=target.pk).role == "committee"
    assert not AuditEvent.objects.exclude(action=LOGIN_SUCCEEDED).exists()  # signing in is audited
    assert reverse("accounts:users") not in client.get("/").content.decode()


def test_the_menu_links_administrators_to_the_page(world, client):
    client.force_login(world.users["admin"])
    assert f'href="{USERS}"' in client.get("/").content.decode()


def test_an_administrator_sees_and_edits_only_their_own_municipality(world, client):
    client.force_login(world.users["admin"])
    page = client.get(USERS).content.decode()
    assert "cecilia" in page and "xena" not in page
    outsider = world.users["outsider"].profile
    assert client.get(f"{USERS}{outsider.pk}/").status_code == 404
    response = client.post(f"{USERS}{outsider.pk}/", change_data(outsider, role="committee"))
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.role == "officer" and outsider.user.is_active
    assert not AuditEvent.objects.exclude(action=LOGIN_SUCCEEDED).exists()  # signing in is audited


def test_create_a_user_with_a_validated_password(world, client):
    client.force_login(world.users["admin"])
    weak = client.post(USERS + "ny/", new_user(password1="greta", password2="greta"))
    assert weak.status_code == 400
    assert weak.context["form"].errors["password1"]
    assert not get_user_model().objects.filter(username="greta").exists()
    response = client.post(USERS + "ny/", new_user())
    assert response.status_code == 302
    user = get_user_model().objects.get(username="greta")
    assert user.check_password(STRONG)
    assert (user.profile.municipality, user.profile.role) == (world.town, "officer")
    event = AuditEvent.objects.get(action="user.create")
    assert event.user == world.users["admin"] and event.object_id == str(user.profile.pk)
    assert STRONG not in str(event.changes)


def test_a_case_worker_needs_a_unit_of_the_own_municipality(world, client):
    client.force_login(world.users["admin"])
    response = client.post(USERS + "ny/", new_user(role="case_worker"))
    assert response.status_code == 400
    assert "anvisande enhet" in str(response.context["form"].errors["referring_unit"])
    assert not get_user_model().objects.filter(username="greta").exists()


def test_role_change_and_deactivation_are_audited(world, client):
    client.force_login(world.users["admin"])
    profile = world.users["case_worker"].profile
    response = client.post(f"{USERS}{profile.pk}/",
                           change_data(profile, role="officer", referring_unit=""))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.role == "officer" and profile.referring_unit_id is None
    event = AuditEvent.objects.get(action="user.update")
    assert event.changes["role"] == "case_worker → officer"
    data = change_data(profile)
    del data["is_active"]
    assert client.post(f"{USERS}{profile.pk}/", data).status_code == 302
    profile.user.refresh_from_db()
    assert not profile.user.is_active
    assert AuditEvent.objects.get(action="user.deactivate").changes == {
        "is_active": "True → False"}


def test_a_stale_form_gets_a_conflict_and_changes_nothing(world, client):
    client.force_login(world.users["admin"])
    profile = world.users["committee"].profile
    read = change_data(profile, role="officer")
    actions.change_user(world.users["admin"], profile.pk, actions.stamp(profile),
                        first_name="Nisse")
    response = client.post(f"{USERS}{profile.pk}/", read)
    assert response.status_code == 409
    assert "Någon annan ändrade kontot" in response.content.decode()
    profile.refresh_from_db()
    assert (profile.role, profile.user.first_name) == ("committee", "Nisse")


def test_an_administrator_cannot_remove_their_own_rights(world, client):
    admin = world.users["admin"]
    client.force_login(admin)
    response = client.post(f"{USERS}{admin.profile.pk}/",
                           change_data(admin.profile, role="committee"))
    assert response.status_code == 400
    assert Profile.objects.get(pk=admin.profile.pk).role == "admin"
