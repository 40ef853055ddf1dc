"""Dashboard, partnership page, CLI JSON and yearly report show the same suppressed numbers."""

import datetime as dt
import io
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from samverka.accounts.models import Profile
from samverka.core import numbers
from samverka.followup import publication, reminders
from samverka.followup.models import DialogueMeeting
from samverka.followup.periods import year_period
from samverka.followup.report import build

from . import helpers

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cafe():
    muni = helpers.municipality("Linköpings kommun")
    item = helpers.partnership(muni, name="Café Framtid", places=10, start=D(2023, 1, 1),
                               end=D(2025, 12, 31))
    for i in range(12):
        helpers.placement(item, D(2024, 1 + i % 6, 1), D(2024, 8, 31) if i < 8 else None,
                          outcome=("work" if i < 6 else "studies") if i < 8 else "",
                          gender="man" if i < 3 else "woman", referred_on=D(2023, 12, 1))
    return item


def _user(django_user_model, muni, role):
    user = django_user_model.objects.create_user(f"{role}-user", email=f"{role}@example.se")
    Profile.objects.create(user=user, municipality=muni, role=role)
    return user


def test_cli_json_equals_published_and_report(cafe, capsys):
    call_command("followup", "Café Framtid", "--year", "2024", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(publication.partnership(cafe, year_period(2024))))
    docx = Document(io.BytesIO(build(cafe, cafe.municipality, year_period(2024), "docx")))
    # amounts and units are held together by no-break spaces in the documents
    text = "\n".join(p.text for p in docx.paragraphs).replace("\u00a0", " ")
    # The rate as the JSON has it: a number, or ".." when the place-days are withheld (here
    # with the participants: 2 active at the start + 10 started would give the 2 away).
    rate = numbers.format_published(data["occupancy"]["rate_percent"], "percent").replace(
        "\u00a0", " ")
    assert rate in text
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    assert str(data["flow"]["started"]) in cells
    pdf = PdfReader(io.BytesIO(build(cafe, cafe.municipality, year_period(2024), "pdf")))
    assert rate in "".join(page.extract_text() for page in pdf.pages).replace("\u00a0", " ")


def test_committee_view_has_no_small_cells(cafe, client, django_user_model):
    client.force_login(_user(django_user_model, cafe.municipality, "committee"))
    for url in ["/uppfoljning/?period=2024", f"/uppfoljning/{cafe.pk}/?period=2024"]:
        html = client.get(url).content.decode()
        cells = re.findall(r'<td class="num">(\d+)</td>', html)
        assert cells, url
        assert not [c for c in cells if 1 <= int(c) <= 4], url
    assert ">..</abbr>" in html  # the partnership page has small cells (3 men) to hide
    assert "&lt;5" not in html
    data = publication.partnership(cafe, year_period(2024))
    men = next(r for r in data["splits"]["gender"] if r["group"] == "man")
    assert men["participants"] == ".."  # 3 men: withheld


def test_dashboard_and_exports(cafe, client, django_user_model):
    client.force_login(_user(django_user_model, cafe.municipality, "officer"))
    response = client.get("/uppfoljning/?period=2024")
    assert "Café Framtid" in response.content.decode()
    xlsx = client.get("/uppfoljning/export.xlsx?period=2024")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["F2"].value == "Deltagare"  # row 1 is the title, row 2 the header
    shown = publication.partnership(cafe, year_period(2024))["flow"]["participants"]
    assert sheet["F3"].value == shown and shown in (12, "..")
    for fmt in ("docx", "pdf"):
        assert client.get(f"/uppfoljning/{cafe.pk}/rapport.{fmt}?period=2024").status_code == 200


def test_dialogue_warning_and_reminders(cafe, django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _user(django_user_model, cafe.municipality, "officer")
    DialogueMeeting.objects.create(municipality=cafe.municipality, partnership=cafe,
                                   date=D(2025, 5, 1), status="held")
    call_command("remind", "--date", "2025-09-01", "--months", "6")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "löper ut 2025-12-31" in body
    assert "1 dialogmöten" in body


def test_reminder_rules():
    assert reminders.agreement_ending(D(2025, 12, 31), D(2025, 7, 1), 6)
    assert not reminders.agreement_ending(D(2026, 2, 1), D(2025, 7, 1), 6)
    assert reminders.extension_decision_due(D(2025, 6, 30), 1, D(2025, 7, 1), 6)
    assert not reminders.extension_decision_due(D(2025, 6, 30), 0, D(2025, 7, 1), 6)
    assert reminders.dialogue_missing(1) and not reminders.dialogue_missing(2)
    assert reminders.yearly_report_due(D(2025, 2, 1)) == D(2025, 3, 31)
    assert reminders.months_ahead(D(2025, 8, 31), 6) == D(2026, 2, 28)
