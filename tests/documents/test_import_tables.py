"""A table in a memo (seed 003's overview) becomes several partnerships: the review page shows each
table row, confirming the table writes one partnership per selected row in one transaction, twice
changes nothing, and bad input saves nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.audit.models import AuditEvent
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.partnerships.models import (
    AgreementVersion,
    Partnership,
    Party,
    ReferringUnit,
    ReportedFigure,
)
from samverka.partnerships.selectors import portfolio
from samverka.provenance.models import Claim, SourceDocument
from tests.factories import MunicipalityFactory, Role, make_user

from .converters import seed_text, txt_to_docx

URL = "/dokument/importera/"
MODELS = [Partnership, Party, Organisation, AgreementVersion, Budget, BudgetLine, ReportedFigure,
          ReferringUnit, Claim, SourceDocument, AuditEvent]
IOP_ROWS = [
    ("Hoppfull framtid", 2080500, 1100000),
    ("Kompletterande språkträning", 897626, 590000),
    ("Bromodellen – Vägen till anställningsbarhet", 1791200, 1150000),
    ("Inkludering på lika villkor", 454000, 230000),
    ("Språkvänner", 1077600, 600000),
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Exempelkommun", code="0599")


@pytest.fixture
def officer_client(client, municipality):
    """Olga, officer in a municipality whose register is still empty."""
    client.force_login(make_user("olga", Role.OFFICER, municipality))
    return client


def _upload(client, fmt="txt"):
    text = seed_text("003")
    if fmt == "docx":
        memo = SimpleUploadedFile("seed003.docx", txt_to_docx(text))
    else:
        memo = SimpleUploadedFile("seed003.txt", text.encode("utf-8"))
    response = client.post(URL, {"memo": memo})
    assert response.status_code == 200
    return response


def _post_data(response, only: str | None = None, **changes) -> dict:
    """The table form as the review page proposes it; ONLY="iop" leaves out the other table."""
    form = response.context["table_form"]
    data = {name: form.initial.get(name, form.fields[name].initial) for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["confirm_tables"] = "1"
    for item in response.context["tables"]:
        formset = item["formset"]
        prefix = formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": len(formset.forms),
                     f"{prefix}-INITIAL_FORMS": len(formset.forms),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 100})
        for i, row_form in enumerate(formset.forms):
            for name, value in row_form.initial.items():
                if name == "include":
                    if value and (only is None or only == item["table"].key):
                        data[f"{prefix}-{i}-include"] = "on"
                elif name in row_form.fields:
                    data[f"{prefix}-{i}-{name}"] = "" if value is None else value
    data.update(changes)
    return data


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_review_shows_each_table_row_with_its_figures(officer_client, fmt):
    response = _upload(officer_client, fmt)
    tables = {item["table"].key: item for item in response.context["tables"]}
    iop = tables["iop"]
    assert iop["table"].year == 2019
    assert [(row.name, row.value, row.committee_cost) for row, _ in iop["rows"]] == IOP_ROWS
    assert [row.organisations for row, _ in iop["rows"]][2] == ["Eriks-hjälpen", "Bilda"]
    assert [f.initial["include"] for f in iop["formset"]] == [True] * 5
    other = tables["other"]
    assert [(row.name, row.committee_cost, row.form) for row, _ in other["rows"]] == [
        ("Arena Ryds Herrgård", 120875, "lou"), ("Drivbänk", 1900000, "project"),
        ("Linkstep", 1600000, "other")]
    html = response.content.decode()
    assert "<caption>Översikt IOP inom arbetsmarknadsnämnden" in html
    assert html.count('name="iop-') >= 5 * 4 and 'name="year_iop"' in html
    assert 'value="2080500"' in html and "2 080 500 kr" in html
    assert "Källorna anger olika slutdatum" in html  # Arena: July 2021 (table) vs Dec 2020 (text)
    assert "Bekräfta tabellerna och spara i registret" in html
    assert 'for="id_iop-0-include"' in html and '<th scope="col">' in html
    assert not Partnership.objects.exists()  # nothing saved before confirmation


def test_confirm_creates_five_iop_partnerships_and_twice_changes_nothing(officer_client,
                                                                         municipality):
    confirmed = officer_client.post(URL, _post_data(_upload(officer_client), only="iop"))
    assert confirmed.status_code == 302, confirmed.content.decode()[:3000]

    result = portfolio(municipality, 2019, form="iop")
    assert len(result.rows) == 5
    assert result.total_value == 6300926
    assert result.total_committee_cost == 3670000
    assert Partnership.objects.filter(municipality=municipality, form="iop").count() == 5

    bromodellen = Partnership.objects.get(name="Bromodellen – Vägen till anställningsbarhet")
    partners = {p.organisation.name: p for p in bromodellen.parties.select_related("organisation")}
    assert set(partners) == {"Arbetsmarknadsnämnden", "Eriks-hjälpen", "Bilda"}
    assert partners["Bilda"].organisation.kind == Organisation.Kind.CIVIL_SOCIETY
    assert partners["Arbetsmarknadsnämnden"].role == Party.Role.COMMITTEE
    version = bromodellen.versions.get()
    assert version.period_note == "Period anges inte i källan" and version.end is None
    budget = version.budgets.get()
    assert (budget.first_year, budget.last_year) == (2019, 2019)
    lines = {line.derived: line for line in budget.lines.all()}
    assert lines[False].lump_sum == 1150000 and lines[False].party.role == Party.Role.COMMITTEE
    assert lines[True].lump_sum == 1791200 - 1150000
    figure = bromodellen.reported_figures.get(year=2019, key="participants")
    assert (figure.text, figure.number) == ("58 st (5 st vidare till jobb)", 58)
    assert ReportedFigure.objects.get(partnership__name="Kompletterande språkträning").number \
        is None  # "54 st vuxna 60 st barn" is kept as stated
    claim = Claim.objects.get(field="value_per_year", object_id=budget.pk)
    assert claim.value == "1791200" and claim.passage.startswith("Bromodellen – Vägen")
    assert claim.source.file_name == "seed003.txt"
    assert Organisation.objects.filter(name="Bilda").count() == 1  # shared by two rows
    assert AuditEvent.objects.filter(action="partnership.create").count() == 5

    counts = _counts()
    again = officer_client.post(URL, _post_data(_upload(officer_client), only="iop"))
    assert again.status_code == 302
    after = _counts()
    assert {k: v for k, v in after.items() if k != "AuditEvent"} == {
        k: v for k, v in counts.items() if k != "AuditEvent"}
    assert after["AuditEvent"] > counts["AuditEvent"]  # the updates are audited
    assert portfolio(municipality, 2019, form="iop").total_value == 6300926


def test_the_other_table_gets_its_form_and_organisation_kinds(officer_client, municipality):
    response = _upload(officer_client)
    data = _post_data(response)
    data.pop("iop-0-include")
    confirmed = officer_client.post(URL, data)
    assert confirmed.status_code == 302
    assert not Partnership.objects.filter(name="Hoppfull framtid").exists()
    forms = dict(Partnership.objects.filter(form__in=["lou", "project", "other"])
                 .values_list("name", "form"))
    assert forms == {"Arena Ryds Herrgård": "lou", "Drivbänk": "project", "Linkstep": "other"}
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Kårservice i Östergötland AB"] == "company"
    assert kinds["AB Stångåstaden"] == "company"
    assert kinds["Samordningsförbundet Centrala Östergötland"] == "public_body"
    drivbank = Partnership.objects.get(name="Drivbänk")
    version = drivbank.versions.get()
    assert version.end.isoformat() == "2021-07-31"
    budget = version.budgets.get(first_year=2019)
    assert [line.lump_sum for line in budget.lines.all()] == [1900000]  # ESF + personal, 2019
    arena = Partnership.objects.get(name="Arena Ryds Herrgård").versions.get()
    assert arena.end is None and "olika slutdatum" in arena.period_note
    assert portfolio(municipality, 2019, form="iop").total_value == 6300926 - 2080500


def test_an_edited_name_and_amount_are_saved(officer_client):
    data = _post_data(_upload(officer_client), only="iop", **{
        "iop-3-name": "IOP Inkludering", "iop-3-value": "500000"})
    assert officer_client.post(URL, data).status_code == 302
    partnership = Partnership.objects.get(name="IOP Inkludering")
    budget = Budget.objects.get(version__partnership=partnership)
    assert sorted(line.lump_sum for line in budget.lines.all()) == [230000, 270000]


@pytest.mark.parametrize("changes, field, message", [
    ({"iop-1-committee_cost": "900000"}, "iop-1-committee_cost",
     "Nämndens kostnad (900 000 kr) kan inte vara större än partnerskapets värde (897 626 kr)"),
    ({"iop-2-value": "-5"}, "iop-2-value", "Beloppet kan inte vara negativt"),
    ({"iop-2-committee_cost": "-1"}, "iop-2-committee_cost", "Beloppet kan inte vara negativt"),
    ({"iop-0-name": "  "}, "iop-0-name", "Ange partnerskapets namn"),
    ({"iop-4-name": "Hoppfull framtid"}, "iop-4-name", "Två rader har samma namn"),
    ({"iop-0-committee_cost": "mycket"}, "iop-0-committee_cost", "hela kronor"),
    ({"year_iop": "19"}, "year_iop", "Ange ett år mellan 1990 och 2100"),
])
def test_bad_input_saves_nothing_and_says_why_on_the_field(officer_client, changes, field,
                                                           message):
    response = _upload(officer_client)
    before = _counts()
    refused = officer_client.post(URL, _post_data(response, only="iop", **changes))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert 'aria-invalid="true"' in html
    assert _counts() == before


def test_nothing_selected_saves_nothing(officer_client):
    response = _upload(officer_client)
    data = {k: v for k, v in _post_data(response).items() if not k.endswith("-include")}
    before = _counts()
    refused = officer_client.post(URL, data)
    assert refused.status_code == 400
    assert "Välj minst en rad" in refused.content.decode()
    assert _counts() == before


def test_a_failure_half_way_rolls_everything_back(officer_client, monkeypatch):
    from samverka.documents import actions

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    response = _upload(officer_client)
    before = _counts()
    monkeypatch.setattr(actions, "genitive", broken)  # fails at the first budget line
    with pytest.raises(RuntimeError):
        officer_client.post(URL, _post_data(response, only="iop"))
    assert _counts() == before


def test_committee_member_may_not_confirm_tables(client, municipality, officer_client):
    data = _post_data(_upload(officer_client), only="iop")
    client.force_login(make_user("karin", Role.COMMITTEE, municipality))
    before = _counts()
    assert client.post(URL, data).status_code == 403
    assert _counts() == before


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_table_review_is_accessible_and_confirms_with_the_keyboard(page, live_server):
    from playwright.sync_api import expect

    from tests.browser import follow, log_in, serious_violations

    from .converters import seed_path

    municipality = MunicipalityFactory(name="Exempelkommun", code="0599")
    make_user("olga", Role.OFFICER, municipality)
    log_in(page, live_server.url, "olga", "pw")
    page.goto(live_server.url + URL)
    page.get_by_label("Tjänsteskrivelse").set_input_files(str(seed_path("003")))
    page.get_by_role("button", name="Läs in").click()
    table = page.get_by_role("table", name="Översikt IOP inom arbetsmarknadsnämnden")
    expect(table.locator("tbody tr")).to_have_count(5)  # waits for the review page
    assert serious_violations(page) == []

    # the other table stays out: uncheck its rows with the keyboard
    for name in ("Arena Ryds Herrgård", "Drivbänk", "Linkstep"):
        box = page.get_by_label(f"Ta med {name}")
        box.focus()
        page.keyboard.press("Space")
        assert not box.is_checked()
    page.get_by_label("Nämndens kostnad per år i kronor för Språkvänner").fill("2000000")
    follow(page.get_by_role("button", name="Bekräfta tabellerna och spara i registret"))
    assert "kan inte vara större än partnerskapets värde" in page.content()
    assert serious_violations(page) == []
    assert not Partnership.objects.exists()

    page.get_by_label("Nämndens kostnad per år i kronor för Språkvänner").fill("600000")
    page.get_by_role("button", name="Bekräfta tabellerna och spara i registret").click()
    page.wait_for_url("**/?year=2019")
    assert Partnership.objects.filter(municipality=municipality).count() == 5


@pytest.mark.parametrize("name, table, kind, guessed", [
    ("Eriks-hjälpen", "iop", "civil_society", False),
    ("Kårservice i Östergötland AB", "other", "company", False),
    ("AB Stångåstaden", "other", "company", False),
    ("Samordningsförbundet Centrala Östergötland", "other", "public_body", False),
    ("Tekniska verken", "other", "civil_society", True),  # not in the name: guessed, noted
])
def test_organisation_kind_from_the_name(name, table, kind, guessed):
    from samverka.documents.tables import organisation_kind

    assert organisation_kind(name, table) == (kind, guessed)


def test_committee_cost_for_the_year_leaves_out_the_next_years_amounts():
    from samverka.documents.tables import committee_cost_for_year

    assert committee_cost_for_year("120 875 kr (290 100 kr)") == 120875
    assert committee_cost_for_year("ESF: 1 350 000 kr (1 350 000 kr) Personalrel.kst: "
                                   "550 000 kr (550 000 kr)") == 1900000
    assert committee_cost_for_year("uppgift saknas") is None


def test_a_guessed_kind_is_noted_in_the_audit_row(officer_client):
    from samverka.documents.actions import confirm_tables
    from samverka.documents.extraction import extract_text
    from samverka.documents.tables import table_proposals

    text = seed_text("003").replace("AB Stångåstaden", "Stångåstaden")
    tables = table_proposals({**extract_text(text), "text": text, "file": "x.txt"})
    other = next(t for t in tables if t.key == "other")
    row = other.rows[2]
    assert row.org_kinds == [("Stångåstaden", "civil_society", True)]
    user = make_user("olof", Role.OFFICER, MunicipalityFactory(code="0598"))
    confirm_tables(user, user.profile.municipality, committee_name="Arbetsmarknadsnämnden",
                   administration_name="", source={"file_name": "x.txt", "title": "X"},
                   selected=[{"table": other, "row": row, "year": 2019, "name": "Linkstep",
                              "value": None, "committee_cost": 1600000, "form": "other"}])
    event = AuditEvent.objects.get(action="organisation.create",
                                   object_id=str(Organisation.objects.get(name="Stångåstaden").pk))
    assert "antagen" in event.changes["kind_note"]
