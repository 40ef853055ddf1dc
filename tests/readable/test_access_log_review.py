"""The access-log review (issue 15): local time, role names, date range, paging and an export
that is itself logged."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samverka.participants import log_review
from samverka.participants.models import AccessLogEntry
from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
URL = "participants:access_log"


def _entry(world, at, username="cecilia", role="case_worker", **extra):  # noqa: F811
    return AccessLogEntry.objects.create(
        at=at, municipality=world.town, username=username, role=role,
        action="view", object_type="participants.referral", object_id="7",
        purpose="handläggning", outcome="allowed", **extra)


def test_times_in_local_time_and_roles_by_name(world, login):  # noqa: F811
    _entry(world, dt.datetime(2026, 7, 1, 10, 5, tzinfo=dt.UTC),
           changed_fields=["decided_on", "status"])
    html = login(world.users["admin"]).get(reverse(URL)).content.decode()
    assert "2026-07-01 12:05:00" in html  # summer time: UTC+2
    assert "2026-07-01 10:05:00" not in html
    assert "Handläggare på anvisande enhet" in html and ">case_worker<" not in html
    assert "Anvisning 7" in html and "participants.referral" not in html
    assert "<td>besvarad, status</td>" in html and "decided_on" not in html


def test_date_range_in_local_days(world, login):  # noqa: F811
    # 23:30 UTC on 30 June is 1 July in Stockholm; 22:30 UTC on 1 July is 2 July.
    inside = _entry(world, dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), username="inne")
    _entry(world, dt.datetime(2026, 6, 30, 21, 30, tzinfo=dt.UTC), username="fore")
    _entry(world, dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC), username="efter")
    response = login(world.users["admin"]).get(
        reverse(URL), {"date_from": "2026-07-01", "date_to": "2026-07-01"})
    assert [e.pk for e in response.context["entries"]] == [inside.pk]


def test_reversed_range_says_so_on_the_field(world, login):  # noqa: F811
    response = login(world.users["admin"]).get(
        reverse(URL), {"date_from": "2026-07-02", "date_to": "2026-07-01"})
    html = response.content.decode()
    assert "Slutdatumet kan inte vara före startdatumet." in html
    assert 'href="#id_date_to"' in html  # the error summary links to the field


def test_paging_shows_every_entry_once(world, login, monkeypatch):  # noqa: F811
    monkeypatch.setattr(log_review, "PER_PAGE", 3)
    base = dt.datetime(2026, 5, 1, 8, tzinfo=dt.UTC)
    made = {_entry(world, base + dt.timedelta(minutes=i), username=f"u{i}").pk for i in range(7)}
    client = login(world.users["admin"])
    seen = []
    for number in (1, 2, 3):
        response = client.get(reverse(URL), {"date_from": "2026-05-01", "date_to": "2026-05-01",
                                           "page": number})
        seen += [e.pk for e in response.context["entries"] if e.pk in made]
    assert sorted(seen) == sorted(made) and len(seen) == 7
    html = client.get(reverse(URL), {"date_to": "2026-05-01", "page": 2}).content.decode()
    assert "Nästa sida" in html and "Föregående sida" in html
    assert "date_to=2026-05-01&amp;page=3" in html  # the filter is kept across pages


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_contains_local_rows_and_is_logged(world, login, fmt):  # noqa: F811
    _entry(world, dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
    before = AccessLogEntry.objects.filter(action="export").count()
    response = login(world.users["admin"]).get(
        reverse("participants:access_log_export"), {"format": fmt, "username": "cecilia"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "2026-01-15 10:00:00" in text and "Handläggare på anvisande enhet" in text
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert "2026-01-15 10:00:00" in values and "Handläggare på anvisande enhet" in values
    export = AccessLogEntry.objects.filter(action="export").order_by("-pk")
    assert export.count() == before + 1
    assert export[0].username == "alice" and export[0].detail["count"] == 1
    assert export[0].detail["filters"] == ["username"]


def test_export_refused_to_officer_and_logged(world, login):  # noqa: F811
    response = login(world.users["officer"]).get(reverse("participants:access_log_export"))
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(username="olle", action="export",
                                         outcome="denied").count() == 1
