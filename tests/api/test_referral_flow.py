"""A referral from a case-management system reaches the partner's worklist, is answered in the
web and read back through the API (issue 17, item 3)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from samverka.participants.identity import make_number
from samverka.participants.models import AccessLogEntry, Referral


def test_an_api_referral_reaches_the_partner_is_accepted_in_the_web_and_read_back(
        api, api_clients, world, login):
    treserva = api_clients["treserva"]
    number = make_number(date(1992, 6, 7), 421)
    created = api(treserva, "POST", "/api/v1/referrals/", {
        "partnership": world.p_mission.pk, "requested_on": timezone.localdate().isoformat(),
        "person": {"kind": "personnummer", "number": number, "first_name": "Greta",
                   "last_name": "Gransson"},
        "planned_hours_per_week": "10.0", "consent_to_share": True,
    })
    assert created.status_code == 201, created.content
    referral_id = created.json()["id"]
    assert created.json()["status"] == "requested"
    assert number not in created.content.decode()
    referral = Referral.objects.get(pk=referral_id)
    assert referral.case_worker == treserva.model.user  # the system is the one who referred
    assert AccessLogEntry.objects.filter(object_id=str(referral_id), action="create",
                                         api_client="Treserva AMC").count() == 1

    petra = login(world.users["partner_staff"])
    start = petra.get("/")  # partner staff's start page: the worklist (samverka/worklist)
    assert start.status_code == 200
    answer_url = reverse("participants:referral_decide", args=[referral_id])
    page = start.content.decode()
    item = page[page.index('id="referrals-heading"'):page.index('id="starting-heading"')]
    assert f'href="{answer_url}"' in item and "Greta Gransson" in item
    form = petra.get(answer_url)  # the link in the worklist opens the partner's web form
    assert form.status_code == 200 and 'name="decision"' in form.content.decode()
    answered = petra.post(answer_url, {
        "version": referral.version, "decision": "accept",
        "start": timezone.localdate().isoformat(), "hours_per_week": "10",
    })
    assert answered.status_code == 302, answered.content.decode()[:2000]
    assert f'href="{answer_url}"' not in petra.get("/").content.decode()

    status = api(treserva, "GET", f"/api/v1/referrals/{referral_id}/")
    assert status.status_code == 200
    assert (status.json()["status"], status.json()["status_label"]) == ("accepted", "Antagen")
    assert status.json()["decided_on"] == timezone.localdate().isoformat()
    placements = api(api_clients["mission"], "GET", "/api/v1/placements/?active=1").json()
    assert referral_id in {row["referral"] for row in placements["results"]}
