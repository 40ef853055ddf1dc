"""The publication layer on the demo (issue #12): for each year checked, what the committee can
read on the dashboard and on every partnership's page is one pattern, and the exact LP audit
of that pattern against every relation of the output set finds no count it can narrow."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from samverka.core.numbers import SUPPRESSED
from samverka.followup import publication
from samverka.followup.disclosure import audit
from samverka.followup.periods import year_period
from samverka.partnerships.models import Partnership

pytestmark = pytest.mark.django_db
FLOW = ["referred", "accepted", "declined", "waiting", "withdrawn", "started", "ended",
        "active_at_start", "active_at_end", "participants"]


def _outputs(item: dict) -> dict:
    return {**{key: item["flow"][key] for key in FLOW},
            "exits": item["outcomes"]["exits"],
            "to_work_or_studies": item["outcomes"]["to_work_or_studies"],
            "cost_per_participant": item["economics"]["committee_cost_per_participant"]}


@pytest.mark.parametrize("year", [2021, 2024])
def test_dashboard_and_partnership_pages_share_one_pattern(demo, year):
    """Issue #12: the dashboard hid two partnerships' "Påbörjade" and a partnership's own page
    showed one of them (27 cases)."""
    dashboard, _rows = publication.portfolio(year_period(year), [demo.pk])
    assert dashboard["partnerships"]
    for shown in dashboard["partnerships"]:
        item = Partnership.objects.get(municipality=demo, name=shown["partnership"])
        page = publication.partnership(item, year_period(year))
        assert _outputs(page) == _outputs(shown), item.name


@pytest.mark.parametrize("year", [2021, 2024])
def test_no_withheld_count_can_be_worked_out(demo, year):
    """Totals minus shown parts (work or studies 9 − studies 6 = work 3), columns without a
    complement, a withheld cell shown elsewhere: the attacker's LP over all relations."""
    _rows, _total, found = publication.compute(year_period(year), [demo.pk])
    assert found.hidden
    leaks = audit(found.values, found.relations, found.hidden, publication.threshold())
    assert [leak for leak in leaks if leak.value] == []


def test_dashboard_xlsx_writes_the_symbol(demo, client):
    """Issue #12: the "Anvisade" column of the XLSX had no complementary suppression; withheld
    cells are now '..' and follow the same pattern as the page."""
    client.force_login(get_user_model().objects.get(username="namnd"))
    content = client.get(reverse("followup:dashboard_xlsx"), {"period": "2024"}).content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[2]]  # row 1 is the title
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    dashboard, _rows = publication.portfolio(year_period(2024), [demo.pk])
    column = header.index("Anvisade")
    for item in dashboard["partnerships"]:
        assert rows[item["partnership"]][column] == item["flow"]["referred"]
    assert any(value == SUPPRESSED for row in rows.values() for value in row)  # 2024 has some
    assert not any(value == "<5" for row in rows.values() for value in row)
