"""The administration's impact forms: each saves through its action with an audit row, shows a bad
value on the field it concerns (rows included) and saves nothing, and is closed to the committee
(403) and to another municipality (404)."""

from decimal import Decimal

import pytest

from samverka.audit.models import AuditEvent
from samverka.impact.models import (
    Assessment,
    FinancialProxy,
    InstrumentVersion,
    SocioeconomicAccount,
    SroiCalculation,
)

from .factories import ProxyFactory


def _management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def _field_error(html, field_id, text):
    """TEXT is in the error list tied to the field FIELD_ID (includes/field.html)."""
    start = html.find(f'id="{field_id}_error"')
    assert start != -1, f"no error on {field_id}"
    assert text in html[start:html.find("</ul>", start)], html[start:start + 300]
    assert "Uppgifterna sparades inte" in html


# --- Proxies ------------------------------------------------------------------------------------


PROXY = {"name": "Minskat försörjningsstöd", "amount": "110000", "year": "2024",
         "unit": "per person och år", "source": "Socialstyrelsen", "note": ""}


def test_officer_creates_and_edits_a_proxy(world, login):
    client = login(world.users["officer"])
    assert "Ny finansiell proxy" in client.get("/effekt/proxyer/").content.decode()
    response = client.post("/effekt/proxyer/ny/", PROXY)
    assert response.status_code == 302
    proxy = FinancialProxy.objects.get(name="Minskat försörjningsstöd")
    assert (proxy.amount, proxy.year, proxy.municipality) == (110_000, 2024, world.town)
    page = client.get(f"/effekt/proxyer/{proxy.pk}/").content.decode()
    assert 'value="Minskat försörjningsstöd"' in page
    response = client.post(f"/effekt/proxyer/{proxy.pk}/",
                           {**PROXY, "name": "Minskat ekonomiskt bistånd", "amount": "120000"})
    assert response.status_code == 302
    proxy.refresh_from_db()
    assert (proxy.name, proxy.amount) == ("Minskat ekonomiskt bistånd", 120_000)
    assert FinancialProxy.objects.count() == 1
    assert list(AuditEvent.objects.filter(action__startswith="impact.proxy").values_list(
        "action", flat=True).order_by("pk")) == ["impact.proxy.create", "impact.proxy.update"]


@pytest.mark.parametrize("field, value, message", [
    ("source", "", "en proxy utan källa kan inte granskas"),
    ("amount", "-5", "0 eller mer"),
    ("year", "1800", "Ange prisåret"),
    ("unit", "", ""),
])
def test_bad_proxy_is_shown_on_the_field_and_not_saved(world, login, field, value, message):
    response = login(world.users["admin"]).post("/effekt/proxyer/ny/", {**PROXY, field: value})
    assert response.status_code == 200
    _field_error(response.content.decode(), f"id_{field}", message)
    assert not FinancialProxy.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="impact.proxy").exists()


def test_a_new_proxy_may_not_take_an_existing_name(world, login):
    ProxyFactory(municipality=world.town, name=PROXY["name"], amount=1)
    response = login(world.users["officer"]).post("/effekt/proxyer/ny/", PROXY)
    _field_error(response.content.decode(), "id_name", "Det finns redan en proxy")
    assert FinancialProxy.objects.get().amount == 1


# --- Instruments --------------------------------------------------------------------------------


def _instrument_post(**changes):
    data = {"instrument_name": "Arbetsinriktad progression", "description": "",
            "change_note": "Första versionen", "activate": "on",
            **_management("dimensions", 2),
            "dimensions-0-name": "Svenska språket", "dimensions-0-key": "",
            "dimensions-0-steps": "1=Enstaka ord\n2=Vardagssamtal\n3=Obehindrat",
            "dimensions-0-description": "",
            "dimensions-1-name": "", "dimensions-1-key": "", "dimensions-1-steps": "",
            "dimensions-1-description": ""}
    data.update(changes)
    return data


def test_officer_creates_activates_and_retires_instrument_versions(world, login, instrument):
    client = login(world.users["officer"])
    index = client.get("/effekt/").content.decode()
    assert "Ny version av Testinstrument" in index and "Nytt progressionsinstrument" in index
    prefilled = client.get(f"/effekt/instrument/ny/?instrument={instrument.instrument_id}")
    assert "1=Steg 1\n2=Steg 2" in prefilled.content.decode()
    # A draft: the version in use stays in use.
    response = client.post("/effekt/instrument/ny/", _instrument_post(
        instrument_name="Testinstrument", activate=""))
    assert response.status_code == 302
    draft = InstrumentVersion.objects.get(instrument__name="Testinstrument", number=2)
    assert draft.status == "draft"
    assert list(draft.dimensions.values_list("key", "scale_min", "scale_max")) == [
        ("svenska-spraket", 1, 3)]
    assert list(draft.dimensions.get().steps.values_list("label", flat=True)) == [
        "Enstaka ord", "Vardagssamtal", "Obehindrat"]
    instrument.refresh_from_db()
    assert instrument.status == "active"
    # Taking the draft into use retires version 1; its assessments stay readable.
    assert client.post(f"/effekt/instrument/version/{draft.pk}/ta-i-bruk/").status_code == 302
    draft.refresh_from_db()
    instrument.refresh_from_db()
    assert (draft.status, instrument.status) == ("active", "retired")
    assert client.post(f"/effekt/instrument/version/{draft.pk}/utfas/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "retired"
    assert "Utfasad" in client.get("/effekt/").content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"impact.instrument_version.create", "impact.instrument_version.activate",
            "impact.instrument_version.retire"} <= actions


def test_new_instrument_active_at_once(world, login):
    response = login(world.users["admin"]).post("/effekt/instrument/ny/", _instrument_post())
    assert response.status_code == 302
    version = InstrumentVersion.objects.get(instrument__name="Arbetsinriktad progression")
    assert version.status == "active" and version.number == 1


@pytest.mark.parametrize("steps, message", [
    ("1=Ett\n3=Tre", "i följd utan luckor"),
    ("1=Bara ett", "minst två skalsteg"),
    ("Ett steg utan nummer", "Rad 1: skriv steget som 1=beskrivning"),
])
def test_bad_scale_is_shown_on_the_row_and_not_saved(world, login, steps, message):
    response = login(world.users["officer"]).post(
        "/effekt/instrument/ny/", _instrument_post(**{"dimensions-0-steps": steps}))
    assert response.status_code == 200
    _field_error(response.content.decode(), "id_dimensions-0-steps", message)
    assert not InstrumentVersion.objects.exists()


def test_instrument_without_dimensions_is_refused(world, login):
    response = login(world.users["officer"]).post("/effekt/instrument/ny/", _instrument_post(
        **{"dimensions-0-name": "", "dimensions-0-steps": ""}))
    assert "Ett instrument behöver minst en dimension." in response.content.decode()
    assert not InstrumentVersion.objects.exists()


def test_retired_version_keeps_its_assessments_readable(world, login, instrument):
    from samverka.impact import actions
    from tests.impact.test_actions import _input

    assessment = actions.record_assessment(world.users["partner_staff"], _input(world, instrument))
    client = login(world.users["officer"])
    client.post(f"/effekt/instrument/version/{instrument.pk}/utfas/")
    instrument.refresh_from_db()
    assert instrument.status == "retired"
    page = client.get(f"/effekt/deltagare/{world.anna.pk}/").content.decode()
    assert "Testinstrument v1" in page and Assessment.objects.get() == assessment


# --- SROI ---------------------------------------------------------------------------------------


def _outcome(index, library_proxy, **changes):
    row = {"name": "Egen försörjning", "stakeholder": "Deltagarna",
           "indicator": "Avslut till arbete", "quantity_source": "manual", "quantity": "6",
           "quantity_note": "Uppföljningen", "proxy": str(library_proxy.pk), "duration": "2",
           "deadweight": "30", "displacement": "10", "attribution": "25", "drop_off": "30",
           "rationale": ""}
    row.update(changes)
    return {f"outcomes-{index}-{name}": value for name, value in row.items()}


def _sroi_post(proxy, *rows, **changes):
    data = {"discount_rate": "3,5", "index_percent": "2", "description": "Avgränsning",
            **_management("outcomes", len(rows) + 1),
            **_outcome(len(rows), proxy, name="", stakeholder="", indicator="", quantity="",
                       quantity_note="", proxy="", duration="1", deadweight="0",
                       displacement="0", attribution="0", drop_off="0")}
    for index, row in enumerate(rows):
        data.update(_outcome(index, proxy, **row))
    data.update(changes)
    return data


def test_officer_saves_and_edits_an_sroi_calculation(world, login):
    proxy = ProxyFactory(municipality=world.town)
    client = login(world.users["officer"])
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    page = client.get(f"/effekt/partnerskap/{world.p_mission.pk}/?ar=2024").content.decode()
    assert url in page and "Gör en SROI-beräkning för 2024" in page
    response = client.post(url, _sroi_post(proxy, {}, {"name": "Studier",
                                                       "quantity_source": "exits_studies",
                                                       "quantity": "", "quantity_note": ""}))
    assert response.status_code == 302
    calculation = SroiCalculation.objects.get(partnership=world.p_mission, year=2024)
    assert calculation.discount_rate == Decimal("3.5")
    assert list(calculation.outcomes.values_list("name", "quantity_source")) == [
        ("Egen försörjning", "manual"), ("Studier", "exits_studies")]
    # Editing: the form shows the saved rows; removing one and changing another.
    page = client.get(url).content.decode()
    assert 'value="Studier"' in page and 'value="3,5"' in page
    data = _sroi_post(proxy, {"deadweight": "40"}, {"name": "Studier"},
                      **{"outcomes-1-DELETE": "on", "version": "1"})
    assert client.post(url, data).status_code == 302
    outcome = calculation.outcomes.get()
    assert (outcome.name, outcome.deadweight) == ("Egen försörjning", Decimal(40))
    assert list(AuditEvent.objects.filter(action__startswith="impact.sroi").values_list(
        "action", flat=True).order_by("pk")) == ["impact.sroi.create", "impact.sroi.update"]


def test_add_row_keeps_the_input_and_saves_nothing(world, login):
    proxy = ProxyFactory(municipality=world.town)
    client = login(world.users["officer"])
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    data = _sroi_post(proxy, {"name": "Första utfallet"}, add_row="outcomes")
    html = client.post(url, data).content.decode()
    assert 'value="Första utfallet"' in html
    assert 'name="outcomes-TOTAL_FORMS" value="2"' in html  # the filled row and a new one
    assert "Uppgifterna sparades inte" not in html
    assert not SroiCalculation.objects.exists()


@pytest.mark.parametrize("changes, field_id, message", [
    ({"outcomes-1-deadweight": "120"}, "id_outcomes-1-deadweight", "mellan 0 och 100 %"),
    ({"outcomes-1-attribution": "-1"}, "id_outcomes-1-attribution", "mellan 0 och 100 %"),
    ({"outcomes-0-duration": "-2"}, "id_outcomes-0-duration", "mellan 1 och 50 år"),
    ({"outcomes-0-quantity": ""}, "id_outcomes-0-quantity", "Ange antalet"),
    ({"outcomes-1-quantity_note": ""}, "id_outcomes-1-quantity_note", "Ange källan"),
    ({"outcomes-0-proxy": ""}, "id_outcomes-0-proxy", "Välj en proxy"),
    ({"discount_rate": "101"}, "id_discount_rate", "mellan 0 och 100 %"),
    ({"index_percent": "25"}, "id_index_percent", "mellan −10 och 20 %"),
])
def test_bad_sroi_input_is_shown_on_the_field_and_nothing_saved(world, login, changes,
                                                                   field_id, message):
    proxy = ProxyFactory(municipality=world.town)
    client = login(world.users["officer"])
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    response = client.post(url, _sroi_post(proxy, {}, {"name": "Andra"}, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    _field_error(html, field_id, message)
    assert f'href="#{field_id}"' in html  # the summary links to the field
    assert not SroiCalculation.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="impact.sroi").exists()


def test_action_errors_land_on_the_row(world, login):
    """A proxy of another municipality passes the form's type check but not the action."""
    proxy = ProxyFactory(municipality=world.town)
    foreign = ProxyFactory(municipality=world.other_town)
    client = login(world.users["officer"])
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    data = _sroi_post(proxy, {}, {"name": "Andra"})
    data["outcomes-1-proxy"] = str(foreign.pk)
    html = client.post(url, data).content.decode()
    assert "Välj ett giltigt alternativ" in html or "Välj en proxy" in html
    assert not SroiCalculation.objects.exists()


def test_sroi_without_outcomes_is_refused(world, login):
    proxy = ProxyFactory(municipality=world.town)
    url = f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/"
    html = login(world.users["officer"]).post(url, _sroi_post(proxy)).content.decode()
    assert "Ange minst ett utfall." in html
    assert not SroiCalculation.objects.exists()


# --- Socio-economic account ---------------------------------------------------------------------


def _account_post(**changes):
    data = {"persons_source": "exits_work_or_studies", "persons": "", "persons_note": "",
            "discount_rate": "3,5", "drop_off": "20", "source": "Nilsson & Wadeskog",
            **_management("actors", 2),
            "actors-0-actor": "Kommunen", "actors-0-exclusion_cost": "110000",
            "actors-0-after_cost": "0", "actors-0-municipal": "on", "actors-0-source": "Demo",
            "actors-1-actor": "Staten", "actors-1-exclusion_cost": "50000",
            "actors-1-after_cost": "-80000", "actors-1-source": ""}
    data.update(changes)
    return data


def test_officer_saves_a_socioeconomic_account(world, login):
    client = login(world.users["officer"])
    url = f"/effekt/partnerskap/{world.p_mission.pk}/bokslut/2024/"
    assert client.get(url).status_code == 200
    assert client.post(url, _account_post()).status_code == 302
    account = SocioeconomicAccount.objects.get(partnership=world.p_mission, year=2024)
    assert list(account.actor_costs.values_list("actor", "exclusion_cost", "after_cost",
                                                "municipal")) == [
        ("Kommunen", 110_000, 0, True), ("Staten", 50_000, -80_000, False)]
    assert account.drop_off == Decimal(20)
    assert 'value="Staten"' in client.get(url).content.decode()
    assert AuditEvent.objects.filter(action="impact.socioeconomic.create").count() == 1


@pytest.mark.parametrize("changes, field_id, message", [
    ({"drop_off": "150"}, "id_drop_off", "mellan 0 och 100 %"),
    ({"actors-1-exclusion_cost": "-1"}, "id_actors-1-exclusion_cost", "0 eller mer"),
    ({"persons_source": "manual", "persons": "7"}, "id_persons_note", "Ange källan"),
    ({"persons_source": "manual", "persons_note": "Egen räkning"}, "id_persons",
     "Ange antalet personer"),
])
def test_bad_account_input_is_shown_on_the_field_and_nothing_saved(world, login, changes,
                                                                     field_id, message):
    url = f"/effekt/partnerskap/{world.p_mission.pk}/bokslut/2024/"
    response = login(world.users["officer"]).post(url, _account_post(**changes))
    assert response.status_code == 200
    _field_error(response.content.decode(), field_id, message)
    assert not SocioeconomicAccount.objects.exists()


# --- Who may ------------------------------------------------------------------------------------


def _urls(world):
    proxy = ProxyFactory(municipality=world.town)
    return [
        "/effekt/proxyer/ny/", f"/effekt/proxyer/{proxy.pk}/", "/effekt/instrument/ny/",
        f"/effekt/partnerskap/{world.p_mission.pk}/sroi/2024/",
        f"/effekt/partnerskap/{world.p_mission.pk}/bokslut/2024/",
    ]


@pytest.mark.parametrize("role", ["committee", "case_worker", "partner_staff"])
def test_roles_without_manage_impact_get_403(world, login, role, instrument):
    client = login(world.users[role])
    for url in _urls(world):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert client.post(f"/effekt/instrument/version/{instrument.pk}/utfas/").status_code == 403
    instrument.refresh_from_db()
    assert instrument.status == "active"
    page = client.get(f"/effekt/partnerskap/{world.p_mission.pk}/?ar=2024").content.decode()
    assert "/sroi/2024/" not in page and "/bokslut/2024/" not in page


def test_another_municipality_gets_404(world, login, instrument):
    client = login(world.users["outsider"])
    urls = _urls(world)
    assert client.get(urls[1]).status_code == 404  # the proxy belongs to Testkommun
    for url in urls[3:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, _account_post()).status_code == 404, url
    assert client.post(f"/effekt/instrument/version/{instrument.pk}/utfas/").status_code == 404
    assert client.get(f"/effekt/instrument/ny/?instrument={instrument.instrument_id}"
                      ).status_code == 404
    assert not SroiCalculation.objects.exists() and not SocioeconomicAccount.objects.exists()
