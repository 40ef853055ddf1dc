"""Every participant page and export, for every role and for outsiders: nothing leaks."""

import pytest
from django.urls import reverse

from samverka.participants.identity import find_numbers

ROLES = ["admin", "officer", "case_worker", "other_case_worker", "partner_staff",
         "other_partner_staff", "committee", "outsider"]
# Which of the named participants each persona may see.
VISIBLE = {
    "admin": {"anna", "bo", "cilla"},
    "officer": {"anna", "bo", "cilla"},
    "case_worker": {"anna", "cilla"},
    "other_case_worker": {"bo"},
    "partner_staff": {"anna"},
    "other_partner_staff": {"bo"},
    "committee": set(),
    "outsider": set(),  # an officer of another municipality: sees only that one's (dora)
}
PEOPLE = ["anna", "bo", "cilla", "dora"]
NAMES = {"anna": "Alfqvist", "bo": "Betqvist", "cilla": "Gamqvist", "dora": "Delqvist"}
MAY_VIEW = {"admin", "officer", "case_worker", "other_case_worker", "partner_staff",
            "other_partner_staff", "outsider"}
MAY_SEE_NUMBER = {"admin", "officer", "case_worker", "other_case_worker", "outsider"}
MAY_EDIT_REFERRAL = {"admin", "officer", "case_worker", "other_case_worker", "outsider"}
MAY_DECIDE = {"admin", "officer", "partner_staff", "other_partner_staff", "outsider"}
MAY_PLACE = MAY_DECIDE
MAY_EXPORT = MAY_VIEW
PARTNERS = {"partner_staff", "other_partner_staff"}


def visible(role):
    return VISIBLE[role] | ({"dora"} if role == "outsider" else set())


def text_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_no_foreign_names(body, role):
    for person in PEOPLE:
        if person not in visible(role):
            assert NAMES[person] not in body, f"{role} sees {person}"


def assert_no_numbers(body):
    assert find_numbers(body) == [], "a personnummer leaked"


def expected(role, permission_roles, person):
    if role not in permission_roles:
        return 403
    return 200 if person in visible(role) else 404


@pytest.mark.parametrize("role", ROLES)
def test_list(world, login, role):
    response = login(world.users[role]).get(reverse("participants:list"))
    if role not in MAY_VIEW:
        assert response.status_code == 403
        return
    body = text_of(response)
    assert response.status_code == 200
    for person in visible(role) - {"dora"} if role != "outsider" else {"dora"}:
        assert NAMES[person] in body
    assert_no_foreign_names(body, role)
    assert_no_numbers(body)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("by", ["name", "number"])
def test_search(world, login, role, person, by):
    target = getattr(world, person)
    term = target.last_name if by == "name" else target.personal_number
    response = login(world.users[role]).post(reverse("participants:search"), {"term": term})
    if role not in MAY_VIEW:
        assert response.status_code == 403
        return
    body = text_of(response)
    found = NAMES[person] in body
    may_find = person in visible(role) and (by == "name" or role in MAY_SEE_NUMBER)
    assert found == may_find
    assert_no_foreign_names(body, role)
    assert target.personal_number not in body.replace(term, "") if by == "name" else True


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person", PEOPLE)
def test_detail(world, login, role, person):
    target = getattr(world, person)
    response = login(world.users[role]).get(reverse("participants:detail", args=[target.pk]))
    assert response.status_code == expected(role, MAY_VIEW, person)
    if response.status_code != 200:
        assert NAMES[person] not in text_of(response)
        return
    body = text_of(response)
    assert_no_foreign_names(body, role)
    assert_no_numbers(body)
    if role in PARTNERS:
        # No personnummer (not even masked), no assistance details, no other partnerships.
        assert target.personal_number[:8] not in body
        assert "HP-" not in body
        assert "Hälsogrupper" not in body if role == "partner_staff" else True
    else:
        assert target.personal_number[:8] + "-****" in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person", PEOPLE)
def test_reveal(world, login, role, person):
    target = getattr(world, person)
    response = login(world.users[role]).get(reverse("participants:reveal", args=[target.pk]))
    assert response.status_code == expected(role, MAY_SEE_NUMBER, person)
    body = text_of(response)
    if response.status_code == 200:
        assert target.personal_number[8:] in body
    else:
        assert target.personal_number[8:] not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person", ["anna", "bo", "cilla", "dora"])
def test_referral_pages(world, login, role, person):
    referral = getattr(world, f"{person}_referral")
    client = login(world.users[role])
    edit = client.get(reverse("participants:referral_edit", args=[referral.pk]))
    assert edit.status_code == expected(role, MAY_EDIT_REFERRAL, person)
    decide = client.get(reverse("participants:referral_decide", args=[referral.pk]))
    # Partner staff see a referral only with the participant's consent (cilla has none).
    partner_can = role in PARTNERS and person in visible(role) and person != "cilla"
    want = expected(role, MAY_DECIDE, person)
    if role in PARTNERS and want == 200 and not partner_can:
        want = 404
    assert decide.status_code == want
    for response in (edit, decide):
        if response.status_code != 200:
            assert NAMES[person] not in text_of(response)
        else:
            assert_no_numbers(text_of(response))
        # POSTs are refused the same way and change nothing.
    post = client.post(reverse("participants:referral_edit", args=[referral.pk]),
                       {"version": referral.version, "partnership": referral.partnership_id,
                        "requested_on": "2024-01-11", "note": "ändrad"})
    referral.refresh_from_db()
    if edit.status_code != 200:
        assert post.status_code == edit.status_code
        assert referral.note == ""


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person", ["anna", "bo", "dora"])
def test_placement_pages(world, login, role, person):
    placement = getattr(world, f"{person}_placement")
    client = login(world.users[role])
    want = expected(role, MAY_PLACE, person)
    for name in ("placement_exit", "placement_week"):
        response = client.get(reverse(f"participants:{name}", args=[placement.pk]))
        assert response.status_code == want
    new = client.get(reverse("participants:placement_create", args=[placement.participant_id]))
    assert new.status_code == want
    post = client.post(reverse("participants:placement_exit", args=[placement.pk]),
                       {"version": placement.version, "end": "2024-06-30", "outcome": "work"})
    placement.refresh_from_db()
    if want != 200:
        assert post.status_code == want
        assert placement.end is None


@pytest.mark.parametrize("role", ROLES)
def test_export(world, login, role):
    response = login(world.users[role]).get(reverse("participants:export"))
    if role not in MAY_EXPORT:
        assert response.status_code == 403
        return
    body = text_of(response)
    assert_no_foreign_names(body, role)
    assert_no_numbers(body)
    for person in visible(role) - {"cilla"}:  # cilla has no placement
        assert NAMES[person] in body
    header = body.splitlines()[0]
    if role in PARTNERS:
        assert "anvisningsväg" not in header and "kostnad" not in header


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person", PEOPLE)
def test_right_of_access_export(world, login, role, person):
    target = getattr(world, person)
    response = login(world.users[role]).get(
        reverse("participants:right_of_access", args=[target.pk]))
    assert response.status_code == expected(role, {"admin"}, person)
    if response.status_code == 200:
        assert target.personal_number in text_of(response)


@pytest.mark.parametrize("role", ROLES)
def test_access_log_page_and_new_referral(world, login, role):
    client = login(world.users[role])
    log = client.get(reverse("participants:access_log"))
    assert log.status_code == (200 if role == "admin" else 403)
    new = client.get(reverse("participants:referral_create"))
    may_refer = {"admin", "officer", "case_worker", "other_case_worker", "outsider"}
    assert new.status_code == (200 if role in may_refer else 403)
    if new.status_code == 200:
        body = text_of(new)
        assert "Arbetsträning" in body if role != "outsider" else "Arbetsträning" not in body


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(reverse("participants:detail", args=[world.anna.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_nav_link_only_for_allowed_roles(world, login):
    assert "Deltagare" in text_of(login(world.users["partner_staff"]).get(
        reverse("participants:list")))
