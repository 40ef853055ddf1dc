"""A case worker of one unit (FSI) registers a referral with the personnummer of a participant
another unit (AMC) referred: the referral links to the same identity, and FSI sees only what FSI
recorded. Nothing in the response, the pages, the export or the progression tells that AMC knows
the person; AMC's referral, placement and assessments stay out of reach (404); the access log
marks the match and computes "within own unit" per unit."""

import re
from datetime import date

import pytest
from django.urls import reverse

from samverka.impact import actions as impact_actions
from samverka.impact.models import Assessment
from samverka.participants.identity import make_number
from samverka.participants.models import AccessLogEntry, Participant, Referral

from .factories import ParticipantFactory, PlacementFactory, ReferringUnitFactory, make_user

ANNA = "19800101-9820"  # referred by AMC, placed at "Arbetsträning", HP-ANNA
NEW = make_number(date(1980, 1, 1), 984)  # same birth date and gender, never registered
AMC_TRACES = ["Alfqvist", "Anna ", "HP-ANNA", "Arbetsträning", "AMC", "Steg 4", "Handledare"]


@pytest.fixture
def fsi(world):
    """FSI, a second referring unit of the same administration, and its case worker."""
    unit = ReferringUnitFactory(municipality=world.town, name="FSI")
    office = world.users["case_worker"].profile.organisation
    return unit, make_user("fredrik", "case_worker", world.town, office, unit)


@pytest.fixture
def amc_assessment(world):
    """AMC's participant's progression at Stadsmissionen (during AMC's placement)."""
    version = impact_actions.create_instrument_version(
        world.users["officer"], "Testinstrument",
        [impact_actions.DimensionInput("svenska", "Svenska", [(v, f"Steg {v}")
                                                             for v in range(1, 6)])])
    assessment = Assessment.objects.create(
        municipality=world.town, participant=world.anna, partnership=world.p_mission,
        version=version, date=date(2024, 3, 1), stage="during", assessor="Handledare")
    assessment.scores.create(dimension=version.dimensions.get(), value=4)
    return assessment


def register(client, number, unit, partnership, first="Annika", last="Andersdotter"):
    return client.post(reverse("participants:referral_create"), {
        "kind": "personnummer", "number": number, "first_name": first, "last_name": last,
        "partnership": partnership.pk, "referring_unit": unit.pk,
        "requested_on": "2024-05-02", "action_plan_reference": "HP-FSI",
        "consent_to_share": "on",
    })


def text(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def without_ids(body, participant_id, referral_id):
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = body.replace(f"anvisning/{referral_id}/", "anvisning/RID/")
    return body.replace(f"/{participant_id}/", "/PID/").replace(f"<dd>{participant_id}</dd>",
                                                                 "<dd>PID</dd>")


def test_matched_number_answers_exactly_like_a_new_one(world, fsi, client):
    """Same redirect, same page (ids aside): no name, no referral, no hint of AMC."""
    unit, fredrik = fsi
    client.force_login(fredrik)
    pages = []
    for number in (ANNA, NEW):
        response = register(client, number, unit, world.p_ikf)
        assert response.status_code == 302
        assert re.fullmatch(r"/deltagare/\d+/", response["Location"])
        participant_id = int(response["Location"].strip("/").split("/")[-1])
        referral = Referral.objects.filter(participant_id=participant_id,
                                           referring_unit=unit).get()
        page = client.get(response["Location"])
        assert page.status_code == 200
        pages.append(without_ids(text(page), participant_id, referral.pk))
    matched, new = pages
    for trace in AMC_TRACES:
        assert trace not in matched, trace
    assert "Andersdotter" in matched and "HP-FSI" in matched
    assert matched == new


def test_capacity_warning_does_not_tell_the_person_is_placed(world, fsi, client):
    """Stadsmissionen's partnership is full (capacity 2) with anna in it: registering anna's
    number gives the same over-capacity warning as a new person would get."""
    unit, fredrik = fsi
    PlacementFactory(participant=ParticipantFactory(municipality=world.town),
                     partnership=world.p_mission, start=date(2024, 1, 1))
    client.force_login(fredrik)
    warnings = []
    for number in (ANNA, NEW):
        page = client.get(register(client, number, unit, world.p_mission)["Location"])
        warnings.append([str(m) for m in page.context["messages"]])
        assert "Arbetsträning" in text(page)  # FSI's own referral is shown
    assert warnings[0] == warnings[1]
    assert "inga lediga platser" in warnings[0][0]


def test_one_identity_row_and_nothing_granted(world, fsi, client, amc_assessment):
    unit, fredrik = fsi
    client.force_login(fredrik)
    register(client, ANNA, unit, world.p_ikf)
    assert Participant.objects.filter(personal_number="198001019820").count() == 1
    referrals = Referral.objects.filter(participant=world.anna)
    assert {r.referring_unit.name for r in referrals} == {"AMC", "FSI"}
    amc = world.anna_referral
    # AMC's referral: neither its edit page nor a save of it (consent off) reaches it.
    edit_url = reverse("participants:referral_edit", args=[amc.pk])
    assert client.get(edit_url).status_code == 404
    post = client.post(edit_url, {"version": amc.version, "partnership": amc.partnership_id,
                                  "requested_on": "2024-01-10", "note": "FSI var här"})
    assert post.status_code == 404
    amc.refresh_from_db()
    assert amc.consent_to_share is True and amc.note == "" and amc.version == 1
    assert client.get(reverse("participants:referral_decide", args=[amc.pk])).status_code \
        in (403, 404)
    for name in ("placement_exit", "placement_week"):
        response = client.get(reverse(f"participants:{name}", args=[world.anna_placement.pk]))
        assert response.status_code in (403, 404)
    # Progression: only FSI's (none); AMC's assessment at Stadsmissionen stays hidden.
    progression = client.get(reverse("impact:participant", args=[world.anna.pk]))
    assert progression.status_code == 200
    body = text(progression)
    for trace in AMC_TRACES:
        assert trace not in body, trace
    assert progression.context["assessments"] == []
    # AMC's other participant, never registered by FSI: 404 everywhere.
    for url in (reverse("participants:detail", args=[world.cilla.pk]),
                reverse("participants:reveal", args=[world.cilla.pk]),
                reverse("impact:participant", args=[world.cilla.pk]),
                reverse("participants:referral_edit", args=[world.cilla_referral.pk])):
        assert client.get(url).status_code == 404, url
    # The personnummer view shows the number FSI typed, nothing AMC recorded.
    reveal = text(client.get(reverse("participants:reveal", args=[world.anna.pk])))
    assert "19800101-9820" in reveal
    for trace in AMC_TRACES:
        assert trace not in reveal, trace


def test_list_search_and_export_hold_only_fsis_record(world, fsi, client, login):
    unit, fredrik = fsi
    client.force_login(fredrik)
    register(client, ANNA, unit, world.p_ikf)
    fsi_referral = Referral.objects.get(referring_unit=unit)
    # IKF accepts FSI's referral: a placement that came from FSI's referral.
    ivan = login(world.users["other_partner_staff"])
    assert ivan.post(reverse("participants:referral_decide", args=[fsi_referral.pk]), {
        "version": 1, "decision": "accept", "start": "2024-06-03",
    }).status_code == 302
    client.force_login(fredrik)
    listing = text(client.get(reverse("participants:list")))
    assert "Andersdotter" in listing and "Hälsogrupper" in listing
    by_name = text(client.post(reverse("participants:search"), {"term": "Alfqvist"}))
    assert "Alfqvist" not in by_name.replace('value="Alfqvist"', "")
    assert "Andersdotter" not in by_name
    own_name = text(client.post(reverse("participants:search"), {"term": "Andersdotter"}))
    assert "Andersdotter" in own_name
    by_number = text(client.post(reverse("participants:search"), {"term": ANNA}))
    assert "Andersdotter" in by_number and "Alfqvist" not in by_number
    export = text(client.get(reverse("participants:export")))
    rows = export.strip().splitlines()[1:]
    assert len(rows) == 1
    assert "Annika;Andersdotter" in rows[0] and "Hälsogrupper" in rows[0]
    for trace in AMC_TRACES:
        assert trace not in export, trace
    for page in (listing, by_number):
        for trace in AMC_TRACES:
            assert trace not in page, trace


def test_amc_sees_nothing_of_fsi_either(world, fsi, client, login):
    unit, fredrik = fsi
    client.force_login(fredrik)
    register(client, ANNA, unit, world.p_ikf)
    cecilia = login(world.users["case_worker"])
    page = text(cecilia.get(reverse("participants:detail", args=[world.anna.pk])))
    assert "Alfqvist" in page and "HP-ANNA" in page
    assert "Andersdotter" not in page and "HP-FSI" not in page and "FSI" not in page
    fsi_referral = Referral.objects.get(referring_unit=unit)
    assert cecilia.get(reverse("participants:referral_edit",
                               args=[fsi_referral.pk])).status_code == 404
    # The officer sees the one person with both referrals.
    officer = login(world.users["officer"])
    page = text(officer.get(reverse("participants:detail", args=[world.anna.pk])))
    assert "HP-ANNA" in page and "HP-FSI" in page


def test_access_log_marks_the_match_and_the_unit_scope(world, fsi, client):
    unit, fredrik = fsi
    client.force_login(fredrik)
    register(client, ANNA, unit, world.p_ikf)
    matched = AccessLogEntry.objects.filter(username="fredrik", action="create").latest("pk")
    assert matched.detail == {"identity": "matched"}
    assert matched.participant == world.anna and matched.within_own_scope
    register(client, NEW, unit, world.p_ikf)
    new = AccessLogEntry.objects.filter(username="fredrik", action="create").latest("pk")
    assert new.detail == {"identity": "new"}
    # Trying AMC's referral: refused, and logged as outside FSI's own unit.
    client.get(reverse("participants:referral_edit", args=[world.anna_referral.pk]))
    denied = AccessLogEntry.objects.filter(username="fredrik").latest("pk")
    assert denied.outcome == "denied" and denied.within_own_scope is False
    # A case worker's access to another unit's participant is outside their own scope even
    # though the whole administration (their organisation) runs the partnerships.
    client.get(reverse("participants:detail", args=[world.bo.pk]))
    entry = AccessLogEntry.objects.filter(username="fredrik").latest("pk")
    assert entry.participant == world.bo and entry.within_own_scope is False
    # The number itself is in no log entry.
    for row in AccessLogEntry.objects.values_list("detail", "changed_fields", "object_id"):
        assert "9820" not in str(row)


def test_the_demo_finding_as_reported(db, client):
    """The report's own steps on the demo: anvisare.fsi registers the personnummer of a
    participant AMC referred and placed (placement ended with an outcome)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from samverka.participants import demo
    from samverka.partnerships.models import Partnership

    call_command("load_demo", verbosity=0)
    amc = Referral.objects.filter(
        referring_unit__name=demo.AMC, status="accepted", placements__end__isnull=False,
    ).exclude(action_plan_reference="").select_related("participant", "partnership").first()
    person = amc.participant
    placement = amc.placements.get()
    other = Partnership.objects.filter(municipality_id=person.municipality_id) \
        .exclude(pk=amc.partnership_id).order_by("pk").first()
    fredrik = get_user_model().objects.get(username="anvisare.fsi")
    unit = fredrik.profile.referring_unit
    client.force_login(fredrik)
    number = f"{person.personal_number[:8]}-{person.personal_number[8:]}"
    response = register(client, number, unit, other, first="Fiktiv", last="Fsi-namn")
    assert response.status_code == 302
    pages = [text(client.get(response["Location"])),
             text(client.get(reverse("impact:participant", args=[person.pk]))),
             text(client.get(reverse("participants:export")))]
    for body in pages[:2]:  # the person's page and progression: nothing AMC recorded
        for trace in (person.display_name, amc.action_plan_reference, amc.partnership.name,
                      placement.get_outcome_display(), placement.end.isoformat()):
            assert trace not in body, trace
    assert "Fiktiv Fsi-namn" in pages[0]
    assert client.get(reverse("participants:referral_edit", args=[amc.pk])).status_code == 404
    # FSI's export has FSI's own placements of other people, none of this person's.
    assert not [row for row in pages[2].splitlines() if row.startswith(f"{person.pk};")]
