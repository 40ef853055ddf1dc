"""Issue 15: a planned dialogue meeting is marked held with minutes and topics, or cancelled;
a planned meeting past its day no longer counts toward two a year. Policy refusals and audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samverka.audit.models import AuditEvent
from samverka.followup import dialogue
from samverka.followup.models import DialogueMeeting
from samverka.followup.periods import year_period


@pytest.fixture
def planned(reg):
    return DialogueMeeting.objects.create(partnership=reg.partnership,
                                          municipality=reg.town, date=dt.date(2025, 3, 10))


def _hold_url(reg, meeting):
    return reverse("followup:meeting_hold", args=[reg.partnership.pk, meeting.pk])


def test_officer_marks_a_meeting_held_with_minutes_and_topics(client, reg, planned):
    client.force_login(reg.users["officer"])
    assert "Avbryt" in client.get(_hold_url(reg, planned)).content.decode()
    response = client.post(_hold_url(reg, planned), {
        "version": planned.version, "participants": "Olle, Stina", "minutes": "Vi gick igenom "
        "beläggningen.", "topic_participants": "on", "topic_flow": "on"})
    assert response.status_code == 302 and response["Location"].endswith("#meetings")
    planned.refresh_from_db()
    assert planned.status == "held" and planned.minutes == "Vi gick igenom beläggningen."
    assert planned.topics_covered == ["Antal deltagare", "Genomströmning"]
    event = AuditEvent.objects.get(action="dialogue_meeting.hold")
    assert event.changes["status"] == {"before": "planned", "after": "held"}
    page = client.get(response["Location"]).content.decode()
    assert "Dialogmötet är markerat som genomfört" in page


def test_held_without_minutes_is_refused_on_the_field(client, reg, planned):
    client.force_login(reg.users["officer"])
    response = client.post(_hold_url(reg, planned), {"version": planned.version, "minutes": ""})
    assert response.status_code == 400
    assert "Skriv minnesanteckningarna" in " ".join(response.context["form"].errors["minutes"])
    assert DialogueMeeting.objects.get(pk=planned.pk).status == "planned"
    assert not AuditEvent.objects.filter(action__startswith="dialogue_meeting").exists()


def test_meeting_in_the_future_cannot_be_held(reg):
    future = DialogueMeeting.objects.create(
        partnership=reg.partnership, municipality=reg.town,
        date=timezone.localdate() + dt.timedelta(days=10))
    with pytest.raises(ValidationError) as error:
        dialogue.hold_meeting(reg.users["officer"], future.pk, future.version, minutes="x",
                              participants="", topics={})
    assert "inte har kommit" in error.value.message_dict["date"][0]
    assert DialogueMeeting.objects.get(pk=future.pk).status == "planned"


def test_officer_cancels_a_meeting_with_a_reason(client, reg, planned):
    client.force_login(reg.users["officer"])
    url = reverse("followup:meeting_cancel", args=[reg.partnership.pk, planned.pk])
    refused = client.post(url, {"version": planned.version, "reason": ""})
    assert "Ange varför" in " ".join(refused.context["form"].errors["reason"])
    response = client.post(url, {"version": planned.version, "reason": "Sjukdom"}, follow=True)
    assert "Dialogmötet är inställt" in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == "cancelled" and "Inställt: Sjukdom" in planned.minutes
    assert AuditEvent.objects.filter(action="dialogue_meeting.cancel").count() == 1


def test_stale_hold_is_a_conflict(client, reg, planned):
    client.force_login(reg.users["officer"])
    response = client.post(_hold_url(reg, planned), {"version": planned.version + 3,
                                                     "minutes": "x"})
    assert response.status_code == 409
    assert DialogueMeeting.objects.get(pk=planned.pk).status == "planned"


@pytest.mark.parametrize(("who", "status"), [("committee", 403), ("partner_staff", 403),
                                             ("outsider", 404)])
def test_meeting_steps_refused_by_policy(client, reg, planned, who, status):
    client.force_login(reg.users[who])
    assert client.post(_hold_url(reg, planned), {"version": planned.version,
                                                 "minutes": "x"}).status_code == status
    url = reverse("followup:meeting_cancel", args=[reg.partnership.pk, planned.pk])
    assert client.post(url, {"version": planned.version, "reason": "x"}).status_code == status
    assert DialogueMeeting.objects.get(pk=planned.pk).status == "planned"


def test_planned_meetings_past_their_day_do_not_count(reg):
    today = dt.date(2025, 9, 1)
    meetings = [DialogueMeeting(partnership=reg.partnership, municipality=reg.town,
                                date=dt.date(2025, 3, 1), status="planned"),
                DialogueMeeting(partnership=reg.partnership, municipality=reg.town,
                                date=dt.date(2025, 10, 1), status="planned")]
    years = dialogue.meeting_years(reg.partnership, meetings, year_period(2025), today)
    assert years[0]["planned"] == 2 and years[0]["overdue"] == 1 and years[0]["warning"]
    meetings[0].status = "held"
    years = dialogue.meeting_years(reg.partnership, meetings, year_period(2025), today)
    assert not years[0]["warning"]


def test_reminder_counts_a_past_planned_meeting_no_longer(db):
    from tests.followup import helpers

    today = dt.date(2026, 9, 1)
    muni = helpers.municipality()
    item = helpers.partnership(muni, start=dt.date(2020, 1, 1))
    for day, status in ((dt.date(2026, 3, 1), "planned"), (dt.date(2026, 5, 1), "held")):
        DialogueMeeting.objects.create(partnership=item, municipality=muni, date=day,
                                       status=status)
    texts = [r.text for r in dialogue.reminders_for(muni, today, occupancy={})
             if r.kind == "dialogue"]
    assert texts == ["1 dialogmöten hållna eller planerade framåt 2026; minst två krävs."]
    DialogueMeeting.objects.create(partnership=item, municipality=muni,
                                   date=dt.date(2026, 10, 1))
    assert not [r for r in dialogue.reminders_for(muni, today, occupancy={})
                if r.kind == "dialogue"]
