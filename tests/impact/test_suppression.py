"""Small cells on the impact section: a committee member must not see, or be able to work out,
a follow-up count of 1–4 persons in the SROI section or the socio-economic account."""

import re
from datetime import date
from decimal import Decimal

import pytest

from samverka.impact.models import QuantitySource, SocioeconomicAccount
from tests.factories import LineFactory
from tests.participants.factories import PlacementFactory

from .factories import CalculationFactory, OutcomeFactory, ProxyFactory


@pytest.fixture
def small_exits(world):
    """Three exits to work in 2024 from Stadsmissionen's partnership, a budget, an SROI with a
    follow-up outcome (3 persons) and a manual one (10), and an account on the same exits."""
    for _ in range(3):
        PlacementFactory(municipality=world.town, partnership=world.p_mission, ended=True,
                         participant__municipality=world.town, start=date(2024, 2, 1))
    LineFactory(budget__version__partnership=world.p_mission, lump_sum=1_000_000)
    calculation = CalculationFactory(partnership=world.p_mission)
    proxy = ProxyFactory(municipality=world.town, amount=123_457)
    OutcomeFactory(calculation=calculation, name="Arbete", proxy=proxy, quantity=None,
                   quantity_note="", quantity_source=QuantitySource.EXITS_WORK)
    OutcomeFactory(calculation=calculation, name="Hälsa", quantity=Decimal(10),
                   proxy=ProxyFactory(municipality=world.town, amount=10_000))
    account = SocioeconomicAccount.objects.create(
        municipality=world.town, partnership=world.p_mission, year=2024,
        persons_source=QuantitySource.EXITS_WORK)
    account.actor_costs.create(actor="Kommunen", exclusion_cost=100_000)
    return calculation


def _section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start:html.index("</section>", start)]


def _quantities(section):
    return [cell.split("<br>")[0].strip()
            for cell in re.findall(r'<td class="num quantity">(.*?)</td>', section, re.S)]


@pytest.mark.parametrize("url", ["/effekt/partnerskap/{pk}/?ar=2024",
                                 "/partnerskap/{pk}/?year=2024"])
def test_committee_sees_no_small_followup_count(world, login, small_exits, url):
    html = login(world.users["committee"]).get(
        url.format(pk=world.p_mission.pk)).content.decode()
    sroi = _section(html, "impact-sroi-heading")
    quantities = _quantities(sroi)
    assert quantities == ["..", ".."]  # the follow-up count withheld, the manual one too
    assert not any(re.fullmatch(r"[1-4]", value) for value in quantities)
    assert 'id="sroi-suppressed"' in sroi and 'id="sroi-sensitivity"' not in sroi
    # 3 × 123 457 = 370 371 kr: neither the outcome's value nor anything else reveals it.
    assert "370\u00a0371" not in sroi and "370371" not in sroi
    # PV = 3 × value of work + 10 × value of health with every proxy and assumption published:
    # the integer counts solve out of it (issue #12), so PV, NPV and the ratio are withheld.
    assert 'id="sroi-ratio"' not in sroi and 'id="sroi-pv"' not in sroi
    assert "&lt;5" not in sroi
    account = _section(html, "impact-account-heading")
    assert "<dd>.. " in account and "Vinst för gruppen" not in account and "&lt;5" not in account


def test_officer_sees_the_counts(world, login, small_exits):
    html = login(world.users["officer"]).get(
        f"/effekt/partnerskap/{world.p_mission.pk}/?ar=2024").content.decode()
    sroi = _section(html, "impact-sroi-heading")
    assert _quantities(sroi) == ["3", "10"]
    assert "370\u00a0371" in sroi and 'id="sroi-sensitivity"' in sroi


def test_totals_hidden_when_they_would_give_the_count_away(world, login, small_exits):
    """With the follow-up outcome alone, PV = count × value per person: PV and ratio go too."""
    small_exits.outcomes.filter(name="Hälsa").delete()
    html = login(world.users["committee"]).get(
        f"/effekt/partnerskap/{world.p_mission.pk}/?ar=2024").content.decode()
    sroi = _section(html, "impact-sroi-heading")
    assert 'id="sroi-ratio"' not in sroi and 'id="sroi-pv"' not in sroi
    assert _quantities(sroi) == [".."]


def test_large_counts_are_shown_to_the_committee(world, login, small_exits, settings):
    # With a threshold of 3 the 3 exits are not small in themselves, but 1 person active at the
    # year's end = 4 participants − 3 ended, so the publication layer withholds the ended and
    # with them the exits to work: only without any small cell are the counts shown.
    settings.FOLLOWUP_SMALL_CELL = 1
    html = login(world.users["committee"]).get(
        f"/effekt/partnerskap/{world.p_mission.pk}/?ar=2024").content.decode()
    sroi = _section(html, "impact-sroi-heading")
    assert _quantities(sroi) == ["3", "10"] and 'id="sroi-suppressed"' not in sroi


def test_the_yearly_report_hides_small_followup_counts_too(world, small_exits):
    from samverka.followup.report import impact_sections

    sections = impact_sections(world.p_mission, 2024)
    sroi = next(section for section in sections if section.heading.startswith("Social"))
    quantities = [row[1] for row in sroi.tables[0].rows]
    assert quantities == ["..", ".."]
    values = [row[-1] for row in sroi.tables[0].rows]
    assert values == ["..", ".."]
    assert "Nuvärde och SROI-kvot redovisas inte" in sroi.paragraphs[0]
    account = next(section for section in sections if section.heading.startswith("Socio"))
    assert ".. personer" in account.paragraphs[0]
