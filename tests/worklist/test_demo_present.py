"""The demo lives in the present: loaded on a fixed "today" (conftest patches
timezone.localdate to 2026-06-17) the 2024 agreements run, this year has referrals, placements,
hours and meetings, all marked fictitious; loading twice gives the same data."""

import datetime as dt
import hashlib
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from samverka.demo.present import MARK
from samverka.followup.models import DialogueMeeting
from samverka.participants.models import Placement, Referral, WeeklyActivity
from samverka.partnerships.dates import latest_possible_end
from samverka.partnerships.models import Partnership

from .conftest import TODAY

pytestmark = pytest.mark.django_db
SKIPPED_APPS = {"sessions", "admin", "axes", "otp_totp", "audit"}
SKIPPED_MODELS = {"AccessLogEntry", "DashboardSnapshot", "ReminderDispatch"}
VOLATILE = {"last_login", "password", "computed_at", "created_at", "at", "key",
            "lock_version", "updated_at", "date_joined"}


def fingerprint() -> dict:
    """Per model: the number of rows and a hash of their values (save counters and times left
    out: the loader's update_or_create raises lock versions)."""
    result = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS or model.__name__ in SKIPPED_MODELS:
            continue
        rows = [{k: v for k, v in row.items() if k not in VOLATILE}
                for row in model.objects.order_by("pk").values()]
        text = json.dumps(rows, default=str, sort_keys=True)
        result[model._meta.label] = (len(rows), hashlib.sha1(text.encode()).hexdigest())
    return result


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice on TODAY, once for the whole module (it takes a while)."""
    from django.utils import timezone

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
        call_command("load_demo", verbosity=0)
        first = fingerprint()
        call_command("load_demo", verbosity=0)
        second = fingerprint()
    yield first, second
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_loading_twice_gives_the_same_data(demo):
    first, second = demo
    assert first == second
    assert first["participants.Referral"][0] > 0


def _current_end(name):
    version = Partnership.objects.get(name=name).versions.order_by("-number").first()
    return latest_possible_end(version.end, version.extensions_used, version.extension_years)


def test_the_2024_agreements_run_on_today(demo):
    for name in ("IOP Bilda Sydöst och Erikshjälpen", "IOP Östergötlands Stadsmission"):
        assert _current_end(name) == dt.date(2027, 12, 31), name
        assert Partnership.objects.get(name=name).decisions.filter(
            title__icontains=MARK.lower()).count() == 1


def test_this_year_has_referrals_placements_hours_and_meetings_marked_fictitious(demo):
    this_year = Referral.objects.filter(requested_on__year=TODAY.year)
    assert this_year.filter(status="requested", requested_on__lte=TODAY).exists()
    assert this_year.count() > 20
    assert not this_year.exclude(note=MARK).exists()
    assert not Referral.objects.filter(requested_on__gt=TODAY).exists()
    running = Placement.objects.filter(start__year=TODAY.year, start__lte=TODAY, end__isnull=True)
    assert running.count() > 10
    last_week = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
    assert WeeklyActivity.objects.filter(week_start=last_week).count() > 10
    held = DialogueMeeting.objects.filter(date__year=TODAY.year, status="held")
    assert held.count() >= 5 and not held.exclude(minutes__startswith=MARK).exists()
    assert not Placement.objects.filter(start__gt=TODAY + dt.timedelta(days=6)).exists()


def test_nothing_fictitious_is_dated_in_the_seed_years(demo):
    assert not Referral.objects.filter(note=MARK, requested_on__year__lte=2025).exists()
    assert not DialogueMeeting.objects.filter(minutes__startswith=MARK,
                                              date__year__lte=2025).exists()


def test_every_role_has_something_on_its_start_page(demo, client, django_user_model):
    expected = {"handlaggare": "Förlängningsbeslut att fatta",
                "stadsmissionen": "Besvara anvisningen av",
                "ikf": "Besvara anvisningen av",
                "anvisare": "Antagen",
                "namnd": "partnerskap i uppföljningen"}
    for username, text in expected.items():
        client.force_login(django_user_model.objects.get(username=username))
        body = client.get("/").content.decode()
        assert text in body, username
    assert django_user_model.objects.get(username="handlaggare").email.endswith(".example.se")
