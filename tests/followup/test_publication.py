"""The publication layer (issue #12): every figure the committee sees comes from one pattern of
withheld cells per municipality and period, printed with the official symbols ("..", "–",
"uppgift saknas"), derived figures withheld with their counts, standard periods only."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command

from samverka.accounts.models import Profile
from samverka.core.numbers import SUPPRESSED
from samverka.followup import publication
from samverka.followup.disclosure import audit
from samverka.followup.periods import year_period

from . import helpers

D = dt.date
pytestmark = pytest.mark.django_db
FLOW = ["referred", "accepted", "declined", "waiting", "withdrawn", "started", "ended",
        "active_at_start", "active_at_end", "participants"]


def _user(django_user_model, muni, role):
    user = django_user_model.objects.create_user(f"{role}-pub", email=f"{role}-pub@example.se")
    Profile.objects.create(user=user, municipality=muni, role=role)
    return user


@pytest.fixture
def muni():
    return helpers.municipality("Publiceringskommun")


@pytest.fixture
def large_and_small(muni):
    """Café: 51 referred in 2024 – 49 accepted, 2 declined, none waiting; 12 started.
    Verkstan: 3 started (a small count)."""
    cafe = helpers.partnership(muni, name="Café Framtid", places=20, start=D(2023, 1, 1))
    shop = helpers.partnership(muni, name="Verkstan", places=5, start=D(2023, 1, 1))
    for i in range(49):
        helpers.referral(cafe, D(2024, 2, 1 + i % 20), status="accepted")
    for _ in range(2):
        helpers.referral(cafe, D(2024, 3, 1), status="declined")
    for i in range(12):
        helpers.placement(cafe, D(2024, 1 + i % 10, 1), gender="man" if i < 6 else "woman")
    for _ in range(3):
        helpers.placement(shop, D(2024, 4, 1))
    return cafe, shop


def test_complementary_cell_is_dotdot_not_lt5(large_and_small, client, django_user_model):
    """Issue #12: "varav antagna <5" was printed for 49 accepted of 51 referred."""
    cafe, _shop = large_and_small
    data = publication.partnership(cafe, year_period(2024))
    assert data["flow"]["declined"] == SUPPRESSED  # 2: small
    assert data["flow"]["accepted"] == SUPPRESSED  # 49: withheld so that 51 − 49 is not shown
    client.force_login(_user(django_user_model, cafe.municipality, "committee"))
    html = client.get(f"/uppfoljning/{cafe.pk}/?period=2024").content.decode()
    assert "&lt;5" not in html and "<5" not in html
    accepted = re.search(r"varav antagna</th><td class=\"num\">(.*?)</td>", html)[1]
    assert ">..</abbr>" in accepted
    assert 'id="legend"' in html and "uppgiften visas inte" in html


def test_a_cell_withheld_on_the_dashboard_is_withheld_on_the_partnership_page(
        large_and_small, client, django_user_model):
    """Verkstan's 3 started are withheld; the column total would give them away unless a
    complement is withheld too – and that complement must be withheld on every page."""
    cafe, shop = large_and_small
    client.force_login(_user(django_user_model, cafe.municipality, "committee"))
    dashboard, _rows = publication.portfolio(year_period(2024), [cafe.municipality_id])
    by_name = {item["partnership"]: item for item in dashboard["partnerships"]}
    assert by_name["Verkstan"]["flow"]["started"] == SUPPRESSED
    column = [by_name["Café Framtid"]["flow"]["started"], dashboard["total"]["flow"]["started"]]
    assert SUPPRESSED in column  # a complement in the column
    for item in (cafe, shop):
        page = publication.partnership(item, year_period(2024))
        shown = by_name[item.name]
        assert {key: page["flow"][key] for key in FLOW} == {key: shown["flow"][key]
                                                            for key in FLOW}, item.name
    html = client.get(f"/uppfoljning/{cafe.pk}/?period=2024").content.decode()
    started = re.search(r"Påbörjade</th><td class=\"num\">(.*?)</td>", html)[1]
    expected = by_name["Café Framtid"]["flow"]["started"]
    assert (">..</abbr>" in started) == (expected == SUPPRESSED)


def test_derived_figures_are_withheld_with_their_counts(muni):
    """Issue #12: cost ÷ cost per participant gave the count; one day's place-days = persons;
    the mean stay of a withheld count."""
    item = helpers.partnership(muni, name="Liten", places=4, start=D(2023, 1, 1))
    for day in (1, 2):
        helpers.placement(item, D(2024, 3, day), D(2024, 6, 30), outcome="work",
                          referred_on=D(2024, 2, 1))
    data = publication.partnership(item, year_period(2024))
    assert data["flow"]["participants"] == SUPPRESSED
    assert data["occupancy"]["occupied_place_days"] == SUPPRESSED
    assert data["occupancy"]["rate_percent"] == SUPPRESSED
    assert {m["occupied_place_days"] for m in data["occupancy"]["months"]} == {SUPPRESSED}
    assert data["economics"]["committee_cost_per_participant"] == SUPPRESSED
    assert data["economics"]["committee_cost_per_exit_to_work_or_studies"] == SUPPRESSED
    assert data["flow"]["length_of_stay_days"]["mean_days"] == SUPPRESSED
    assert data["flow"]["days_from_referral_to_start"]["median_days"] == SUPPRESSED
    assert {o["share_percent"] for o in data["outcomes"]["by_outcome"]} == {SUPPRESSED}


def test_cli_json_carries_the_symbols(large_and_small):
    """PxWeb's convention: ".." in the data for a withheld figure, never null."""
    cafe, _shop = large_and_small
    out = io.StringIO()
    call_command("followup", "Verkstan", "--year", "2024", "--format", "json", stdout=out,
                 municipality=cafe.municipality.code)
    data = json.loads(out.getvalue())
    assert data["flow"]["started"] == SUPPRESSED
    text = io.StringIO()
    call_command("followup", "--year", "2024", stdout=text, municipality=cafe.municipality.code)
    assert "påbörjade .." in text.getvalue() and "uppgiften visas inte" in text.getvalue()
    assert "<5" not in text.getvalue()


@pytest.mark.parametrize("url", ["/uppfoljning/", "/uppfoljning/{pk}/"])
def test_committee_gets_the_standard_period_for_a_custom_range(
        large_and_small, client, django_user_model, url):
    """Issue #12: 2019-01-01..2021-07-11 against ..2021-07-12 showed one person's exit."""
    cafe, _shop = large_and_small
    client.force_login(_user(django_user_model, cafe.municipality, "committee"))
    response = client.get(url.format(pk=cafe.pk), {"period": "2024-01-01..2024-07-11"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024-01-01..2024-07-11" not in re.search(r"<h1>(.*?)</h1>", html, re.S)[1]
    assert "visas bara för den som får se deltagaruppgifter" in html and "Visar 2024." in html
    assert response.context["period"] == year_period(2024)
    half = client.get(url.format(pk=cafe.pk), {"period": "2024-01-01..2024-06-30"})
    assert half.context["period"].label == "2024-H1"  # a published period however written
    # Quarters and months are not published: with the year and its halves they would need
    # one joint pattern over 19 periods (followup/periods.PUBLISHED_KINDS).
    for text in ("2024-Q2", "2024-04-01..2024-06-30", "2024-05"):
        refused = client.get(url.format(pk=cafe.pk), {"period": text})
        assert refused.context["period"] == year_period(2024)
        assert "Välj ett år eller ett halvår, t.ex. 2024 eller 2024-H1." in \
            refused.content.decode()


def test_committee_export_refuses_a_custom_range(large_and_small, client, django_user_model):
    cafe, _shop = large_and_small
    client.force_login(_user(django_user_model, cafe.municipality, "committee"))
    response = client.get(f"/uppfoljning/{cafe.pk}/rapport.pdf",
                          {"period": "2024-01-01..2024-07-11"})
    assert response.status_code == 400
    assert "visas bara för den som får se deltagaruppgifter" in response.content.decode()
    quarter = client.get(f"/uppfoljning/{cafe.pk}/rapport.pdf", {"period": "2024-Q2"})
    assert quarter.status_code == 400


def test_officer_keeps_custom_ranges(large_and_small, client, django_user_model):
    cafe, _shop = large_and_small
    client.force_login(_user(django_user_model, cafe.municipality, "officer"))
    response = client.get(f"/uppfoljning/{cafe.pk}/", {"period": "2024-01-01..2024-07-11"})
    assert response.context["period"].label == "2024-01-01..2024-07-11"
    assert "visas bara för den som får se deltagaruppgifter" not in response.content.decode()
    month = client.get(f"/uppfoljning/{cafe.pk}/", {"period": "2024-05"})
    assert month.context["period"].label == "2024-05"


def test_the_pattern_survives_the_attackers_audit(large_and_small):
    """The exact LP audit of every withheld cell against every relation of the output set:
    no cell with persons in it can be narrowed below the threshold."""
    cafe, _shop = large_and_small
    _rows, _total, found = publication.compute(year_period(2024), [cafe.municipality_id])
    leaks = audit(found.values, found.relations, found.hidden, publication.threshold())
    assert [leak for leak in leaks if leak.value] == []
    assert found.hidden  # there was something to protect


@pytest.mark.django_db
def test_cli_refuses_an_arbitrary_range_and_accepts_its_standard_form():
    """The CLI prints the published figures with no user behind them: adjacent ranges
    (2024-01-01..2024-07-11 against ..07-12) would give one person's exit away."""
    from django.core.management import CommandError, call_command

    call_command("load_demo", verbosity=0)
    for text in ("2024-01-01..2024-07-11", "2024-Q2", "2024-05"):
        with pytest.raises(CommandError, match="ges inte ut för den perioden"):
            call_command("followup", "--period", text, "--format", "json",
                         stdout=io.StringIO())
    out = io.StringIO()
    call_command("followup", "--period", "2024-01-01..2024-06-30", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["total"]["period"]["label"] == "2024-H1"


def test_a_municipality_can_publish_years_only(large_and_small, client, django_user_model,
                                               settings):
    """FOLLOWUP_PUBLISHED_PERIODS=year: the committee gets no half-year either."""
    settings.FOLLOWUP_PUBLISHED_PERIODS = ("year",)
    cafe, _shop = large_and_small
    client.force_login(_user(django_user_model, cafe.municipality, "committee"))
    response = client.get(f"/uppfoljning/{cafe.pk}/", {"period": "2024-H1"})
    assert response.context["period"] == year_period(2024)
    assert "Välj ett år, t.ex. 2024." in response.content.decode()
