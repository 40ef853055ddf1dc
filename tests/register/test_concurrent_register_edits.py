"""On PostgreSQL, two people saving the same partnership, budget or week at the same moment: one
wins, the other gets the conflict page with their input kept, and nothing is lost silently."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from samverka.audit.models import AuditEvent
from samverka.participants.models import WeeklyActivity
from samverka.partnerships.models import Partnership
from tests.participants import conftest as participants

from .test_actions_locking import budget_change, partnership_change

world = participants.world  # Testkommun's participants, for the weekly hours

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("optimistic locking under real concurrency needs PostgreSQL")


def _at_once(posts):
    """POST every (name, user, url, data) of POSTS in its own thread, all at the same moment;
    {name: response}."""
    barrier = threading.Barrier(len(posts))
    responses = {}

    def post(name, user, url, data):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            responses[name] = client.post(url, data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=args) for args in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(responses) == len(posts)
    return responses


def _winner_and_loser(responses):
    statuses = {name: response.status_code for name, response in responses.items()}
    assert sorted(statuses.values()) == [302, 409], statuses
    winner = next(name for name, status in statuses.items() if status == 302)
    loser = next(name for name, status in statuses.items() if status == 409)
    return winner, responses[loser]


def test_two_officers_save_the_same_partnership_at_once(reg):
    _needs_postgres()
    url, olle = partnership_change(reg)
    _url, alice = partnership_change(reg)
    olle["purpose"], alice["purpose"] = "Olles syfte", "Alices syfte"
    responses = _at_once([("olle", reg.users["officer"], url, olle),
                          ("alice", reg.users["admin"], url, alice)])
    winner, lost = _winner_and_loser(responses)
    saved = Partnership.objects.get(pk=reg.partnership.pk)
    wanted = {"olle": "Olles syfte", "alice": "Alices syfte"}
    assert (saved.purpose, saved.lock_version) == (wanted[winner], 2)
    html = lost.content.decode()
    assert "Någon annan sparade ändringar medan du redigerade" in html
    loser_value = next(value for name, value in wanted.items() if name != winner)
    assert lost.context["form"].data["purpose"] == loser_value  # nothing lost
    assert wanted[winner] in html  # the saved value is shown
    assert AuditEvent.objects.filter(action="partnership.update").count() == 1


def test_two_officers_save_the_same_budget_at_once(reg):
    _needs_postgres()
    url, olle = budget_change(reg)
    _url, alice = budget_change(reg)
    olle.update({"budget-note": "Olles kommentar", "lines-0-lump_sum": "120000"})
    alice.update({"budget-note": "Alices kommentar", "lines-0-lump_sum": "90000"})
    responses = _at_once([("olle", reg.users["officer"], url, olle),
                          ("alice", reg.users["admin"], url, alice)])
    winner, lost = _winner_and_loser(responses)
    reg.budget.refresh_from_db()
    reg.line.refresh_from_db()
    expected = {"olle": ("Olles kommentar", 120_000), "alice": ("Alices kommentar", 90_000)}
    assert (reg.budget.note, reg.line.lump_sum) == expected[winner]
    assert reg.budget.lock_version == 2
    assert "Någon annan sparade ändringar medan du redigerade" in lost.content.decode()
    loser = "alice" if winner == "olle" else "olle"
    assert lost.context["form"].data["budget-note"] == expected[loser][0]
    assert AuditEvent.objects.filter(action="budget.update").count() == 1


@pytest.mark.parametrize("existing", [True, False], ids=["saved-week", "new-week"])
def test_two_people_save_the_same_week_at_once(world, existing):
    _needs_postgres()
    placement = world.anna_placement
    data = {"week_start": "2024-02-05"}
    if existing:
        WeeklyActivity.objects.create(placement=placement, week_start="2024-02-05",
                                      hours=Decimal("10"), municipality=world.town)
        data.update(version=1, loaded_week="2024-02-05")
    url = reverse("participants:placement_week", args=[placement.pk])
    responses = _at_once([("olle", world.users["officer"], url, {**data, "hours": "12"}),
                          ("petra", world.users["partner_staff"], url, {**data, "hours": "15"})])
    winner, lost = _winner_and_loser(responses)
    week = WeeklyActivity.objects.get()
    assert week.hours == {"olle": Decimal("12"), "petra": Decimal("15")}[winner]
    assert "Någon annan sparade timmar för veckan" in lost.content.decode()
    assert lost.context["form"].data["hours"] == ("15" if winner == "olle" else "12")
