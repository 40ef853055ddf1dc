"""The dashboard reads a snapshot, says when it was computed, and recomputes when asked or old."""

import datetime as dt

import pytest
from django.core.management import call_command

from samverka.accounts.models import Profile
from samverka.followup.models import DashboardSnapshot

from . import helpers

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, django_user_model):
    muni = helpers.municipality("Snapshotkommun")
    cafe = helpers.partnership(muni, name="Café Ögonblick", places=2, start=D(2023, 1, 1))
    for _ in range(6):
        helpers.placement(cafe, D(2024, 3, 1), D(2024, 3, 31), outcome="work")
    user = django_user_model.objects.create_user("olle", password="x")
    Profile.objects.create(user=user, municipality=muni, role="officer")
    client.force_login(user)
    return client, cafe


def test_dashboard_shows_when_figures_were_computed_and_recomputes_on_demand(officer_client):
    client, cafe = officer_client
    html = client.get("/uppfoljning/?period=2024").content.decode()
    assert "Siffrorna beräknades" in html and "Räkna om nu" in html
    snapshot = DashboardSnapshot.objects.get(municipality=cafe.municipality,
                                             period_start=D(2024, 1, 1))
    first = snapshot.computed_at
    helpers.placement(cafe, D(2024, 4, 1), D(2024, 4, 30), outcome="work")
    # Within the max age the stored figures are shown (and dated); "Räkna om" recomputes.
    html = client.get("/uppfoljning/?period=2024").content.decode()
    assert '<td class="num">6</td>' in html
    html = client.get("/uppfoljning/?period=2024&refresh=1").content.decode()
    assert '<td class="num">7</td>' in html
    assert DashboardSnapshot.objects.get(pk=snapshot.pk).computed_at > first


def test_old_snapshot_is_recomputed(officer_client, settings):
    client, cafe = officer_client
    client.get("/uppfoljning/?period=2024")
    helpers.placement(cafe, D(2024, 4, 1), D(2024, 4, 30), outcome="work")
    settings.FOLLOWUP_DASHBOARD_MAX_AGE = 0
    html = client.get("/uppfoljning/?period=2024").content.decode()
    assert '<td class="num">7</td>' in html


def test_refresh_command_recomputes_stored_snapshots(officer_client, capsys):
    client, cafe = officer_client
    client.get("/uppfoljning/?period=2024")
    call_command("followup", "--refresh-dashboards")
    assert "Räknade om 2 översikter" in capsys.readouterr().out  # 2024 and this year so far


def test_the_refresh_deletes_past_ranges_and_keeps_the_standard_periods():
    """Yesterday's "year so far" is never asked for again: without this, every day added a
    snapshot per municipality that the refresh recomputed for ever."""
    from unittest import mock

    from samverka.followup import snapshots
    from samverka.followup.periods import Period, year_period

    muni = helpers.municipality("Rensningskommun")
    helpers.partnership(muni, name="Café Rensning", places=2, start=D(2023, 1, 1))
    for day in (D(2024, 3, 4), D(2024, 3, 5)):
        snapshots.store(muni, Period(D(2024, 1, 1), day))
    snapshots.store(muni, year_period(2023))
    with mock.patch("django.utils.timezone.localdate", return_value=D(2024, 3, 5)):
        assert snapshots.refresh_all() == 2
    kept = DashboardSnapshot.objects.filter(municipality=muni)
    assert sorted(kept.values_list("period_start", "period_end")) == [
        (D(2023, 1, 1), D(2023, 12, 31)), (D(2024, 1, 1), D(2024, 3, 5))]
