"""Weekly hours are optimistically locked: a week saved by someone else after the form was read
gets a Swedish conflict page (409) with both values, the first save is kept, the user's hours stay
in the form, and the conflict page is one access-log entry."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from samverka.participants import actions
from samverka.participants.models import AccessLogEntry, WeeklyActivity
from tests.participants import conftest as participants

world = participants.world  # Testkommun's participants, placements and users

MONDAY = "2024-02-05"


def _url(world, week=None):
    url = reverse("participants:placement_week", args=[world.anna_placement.pk])
    return f"{url}?vecka={week}" if week else url


def _loaded_form(client, world):
    """The week form as the browser got it: the saved week's hours and their version."""
    form = client.get(_url(world, MONDAY)).context["form"]
    return {name: form[name].value() for name in ("week_start", "hours", "version",
                                                   "loaded_week")}


def test_the_week_form_loads_the_saved_hours_with_their_version(world, client):
    WeeklyActivity.objects.create(placement=world.anna_placement, week_start=MONDAY,
                                  hours=Decimal("10"), municipality=world.town)
    client.force_login(world.users["officer"])
    page = client.get(_url(world)).content.decode()
    assert f'href="?vecka={MONDAY}"' in page  # each saved week can be opened for change
    data = _loaded_form(client, world)
    assert (str(data["week_start"]), data["hours"], data["version"]) == (MONDAY, Decimal("10"), 1)


def test_a_stale_week_form_gets_the_conflict_page(world, client):
    WeeklyActivity.objects.create(placement=world.anna_placement, week_start=MONDAY,
                                  hours=Decimal("10"), municipality=world.town)
    client.force_login(world.users["officer"])
    olle = {**_loaded_form(client, world), "hours": "12"}
    client.force_login(world.users["partner_staff"])
    petra = {**_loaded_form(client, world), "hours": "15"}
    client.force_login(world.users["officer"])
    assert client.post(_url(world), olle).status_code == 302
    client.force_login(world.users["partner_staff"])
    entries = AccessLogEntry.objects.count()
    response = client.post(_url(world), petra)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan sparade timmar för veckan" in html
    assert "sparat 12,0 timmar, ditt värde 15 timmar" in html
    assert response.context["form"].data["hours"] == "15"  # the user's hours stay
    week = WeeklyActivity.objects.get()
    assert (week.hours, week.version) == (Decimal("12"), 2)
    # The conflict page shows the saved hours: exactly one access-log entry says so.
    new = list(AccessLogEntry.objects.order_by("pk")[entries:])
    assert len(new) == 1
    assert (new[0].action, new[0].username, new[0].participant_id) == (
        "view", "petra", world.anna.pk)
    # Saving again from the conflict page replaces the hours knowingly.
    assert client.post(_url(world), response.context["form"].data).status_code == 302
    assert WeeklyActivity.objects.get().hours == Decimal("15")


def test_two_first_entries_of_the_same_week_do_not_overwrite_each_other(world, client):
    client.force_login(world.users["officer"])
    assert client.post(_url(world), {"week_start": MONDAY, "hours": "12"}).status_code == 302
    client.force_login(world.users["partner_staff"])
    response = client.post(_url(world), {"week_start": MONDAY, "hours": "15"})
    assert response.status_code == 409
    assert WeeklyActivity.objects.get().hours == Decimal("12")


def test_a_version_read_for_another_week_is_not_used_for_this_one(world, client):
    WeeklyActivity.objects.create(placement=world.anna_placement, week_start=MONDAY,
                                  hours=Decimal("10"), municipality=world.town)
    WeeklyActivity.objects.create(placement=world.anna_placement, week_start="2024-02-12",
                                  hours=Decimal("8"), municipality=world.town)
    client.force_login(world.users["officer"])
    data = {**_loaded_form(client, world), "week_start": "2024-02-12", "hours": "9"}
    response = client.post(_url(world), data)  # the date changed after loading week 6
    assert response.status_code == 409
    assert WeeklyActivity.objects.get(week_start="2024-02-12").hours == Decimal("8")


@pytest.mark.parametrize("role", ["committee", "case_worker", "other_partner_staff", "outsider"])
def test_roles_without_the_placement_may_not_record_hours(world, client, role):
    client.force_login(world.users[role])
    response = client.post(_url(world), {"week_start": MONDAY, "hours": "12"})
    assert response.status_code in (403, 404)
    assert not WeeklyActivity.objects.exists()
    with pytest.raises((PermissionDenied, Http404)):
        actions.record_week(world.users[role], world.anna_placement.pk, date(2024, 2, 5),
                            Decimal("12"))
    assert not WeeklyActivity.objects.exists()
