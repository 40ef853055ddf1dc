"""The SROI calculation and the socio-economic account are locked like the proxies: a form read
before someone else's save gets a Swedish conflict page (409) comparing the input with what is
saved now; nothing is overwritten, the input stays in the form and saving again replaces it."""

import re
from decimal import Decimal

from samverka.impact.models import SocioeconomicAccount, SroiCalculation

from .factories import ProxyFactory
from .test_forms import _account_post, _sroi_post

STALE = "Någon annan sparade ändringar medan du redigerade"


def _conflict_rows(html: str) -> dict[str, tuple[str, str]]:
    """The conflict table's rows that differ: label -> (saved now, yours)."""
    section = re.search(r'<section class="conflict".*?</section>', html, re.S)
    assert section, "no conflict table"
    return {label: (saved, yours) for label, saved, yours in re.findall(
        r'<tr class="changed"><th scope="row">(.*?) <strong>.*?</th><td>(.*?)</td>'
        r'<td>(.*?)</td></tr>', section.group(0))}


def test_a_stale_sroi_form_gets_the_conflict_page(world, login):
    proxy = ProxyFactory(municipality=world.town)
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    olle = login(world.users["officer"])
    assert olle.post(url, _sroi_post(proxy, {})).status_code == 302
    # Both read version 1; Olle saves first.
    assert olle.post(url, _sroi_post(proxy, {"deadweight": "40"}, version="1")).status_code == 302

    stale = _sroi_post(proxy, {"quantity": "9"}, discount_rate="4", version="1")
    response = olle.post(url, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert STALE in html
    rows = _conflict_rows(html)
    assert rows["Diskonteringsränta (%)"] == ("3.5", "4")
    assert rows["Utfall 1: Dödvikt (%)"] == ("40", "30")
    assert rows["Utfall 1: Antal"] == ("6", "9")
    assert "discount_rate" not in html[html.find("<section"):html.find("</section>")]
    assert 'name="discount_rate" value="4"' in html and 'value="9"' in html  # input kept
    calculation = SroiCalculation.objects.get(partnership=world.p_mission, year=2024)
    outcome = calculation.outcomes.get()
    assert (calculation.discount_rate, calculation.version) == (Decimal("3.5"), 2)
    assert (outcome.deadweight, outcome.quantity) == (Decimal(40), Decimal(6))

    # Saving again from the conflict page (it carries the new version) replaces it knowingly.
    assert response.context["form"].data["version"] == 2
    assert olle.post(url, {**stale, "version": "2"}).status_code == 302
    calculation.refresh_from_db()
    assert calculation.discount_rate == Decimal(4)


def test_a_new_sroi_form_saved_after_someone_created_the_calculation_is_stale(world, login):
    proxy = ProxyFactory(municipality=world.town)
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    client = login(world.users["officer"])
    assert 'name="version" value="0"' in client.get(url).content.decode()
    assert client.post(url, _sroi_post(proxy, {}, version="0")).status_code == 302
    response = client.post(url, _sroi_post(proxy, {}, discount_rate="5", version="0"))
    assert response.status_code == 409
    assert SroiCalculation.objects.get().discount_rate == Decimal("3.5")


def test_a_stale_account_form_gets_the_conflict_page(world, login):
    url = f"/effekt/partnerskap/{world.p_mission.pk}/bokslut/2024/"
    client = login(world.users["officer"])
    assert client.post(url, _account_post()).status_code == 302
    assert client.post(url, _account_post(
        version="1", **{"actors-1-actor": "Försäkringskassan"})).status_code == 302

    stale = _account_post(version="1", drop_off="25", **{"actors-0-municipal": ""})
    response = client.post(url, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert STALE in html
    rows = _conflict_rows(html)
    assert rows["Återfall per år (%)"] == ("20", "25")
    assert rows["Aktör 2: Aktör"] == ("Försäkringskassan", "Staten")
    assert rows["Aktör 1: Kommunens egen budget"] == ("Ja", "Nej")
    assert 'value="25"' in html
    account = SocioeconomicAccount.objects.get(partnership=world.p_mission, year=2024)
    assert (account.drop_off, account.version) == (Decimal(20), 2)
    assert list(account.actor_costs.values_list("actor", "municipal")) == [
        ("Kommunen", True), ("Försäkringskassan", False)]
