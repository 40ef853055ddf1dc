"""Bad input gets a clear message on the field and nothing is saved half-way."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.participants import actions
from samverka.participants.models import AccessLogEntry, Participant, Placement, Referral


def counts():
    return (Participant.objects.count(), Referral.objects.count(), Placement.objects.count(),
            AccessLogEntry.objects.filter(outcome="allowed").exclude(action="view").count())


REFERRAL = {"kind": "personnummer", "first_name": "Ny", "last_name": "Person",
            "requested_on": "2024-03-01", "planned_hours_per_week": "20"}


@pytest.mark.parametrize(("number", "message"), [
    ("19000229-9801", "Datumet i numret finns inte"),
    ("800101-9821", "Kontrollsiffran stämmer inte"),
    ("8001010008", "Ange numret som"),
    ("20990101-9802", "framtiden"),
])
def test_invalid_personnummer_on_the_field(world, login, number, message):
    before = counts()
    response = login(world.users["case_worker"]).post(reverse("participants:referral_create"), {
        **REFERRAL, "number": number, "partnership": world.p_ikf.pk,
        "referring_unit": world.amc.pk,
    })
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors["number"])
    body = response.content.decode()
    assert 'aria-invalid="true"' in body and "id_number_error" in body
    assert counts() == before


def test_protected_identity_needs_a_reason(world, login):
    before = counts()
    response = login(world.users["case_worker"]).post(reverse("participants:referral_create"), {
        **REFERRAL, "kind": "protected", "partnership": world.p_ikf.pk,
        "referring_unit": world.amc.pk,
    })
    assert "reason" in response.context["form"].errors
    assert counts() == before


def test_case_worker_refers_only_from_own_unit(world, login):
    before = counts()
    response = login(world.users["case_worker"]).post(reverse("participants:referral_create"), {
        **REFERRAL, "number": "19700101-9806", "partnership": world.p_ikf.pk,
        "referring_unit": world.utreda.pk,
    })
    assert "referring_unit" in response.context["form"].errors
    assert counts() == before


def test_valid_referral_is_saved_once_with_normalised_number(world, login):
    response = login(world.users["case_worker"]).post(reverse("participants:referral_create"), {
        **REFERRAL, "number": "700101-9806", "partnership": world.p_ikf.pk,
        "referring_unit": world.amc.pk, "consent_to_share": "on",
    })
    assert response.status_code == 302
    person = Participant.objects.get(last_name="Person")
    assert person.personal_number == "197001019806" and person.birth_year == 1970
    assert person.gender == "woman"  # from the second-to-last digit
    assert "9806" not in response["Location"]


def test_placement_ending_before_it_starts(world, login):
    before = counts()
    response = login(world.users["partner_staff"]).post(
        reverse("participants:placement_exit", args=[world.anna_placement.pk]),
        {"version": 1, "end": "2024-01-01", "outcome": "work"},
    )
    assert "före startdatum" in " ".join(response.context["form"].errors["end"])
    world.anna_placement.refresh_from_db()
    assert world.anna_placement.end is None and counts() == before


def test_exit_without_outcome(world, login):
    response = login(world.users["partner_staff"]).post(
        reverse("participants:placement_exit", args=[world.anna_placement.pk]),
        {"version": 1, "end": "2024-06-30", "outcome": ""},
    )
    assert "outcome" in response.context["form"].errors
    world.anna_placement.refresh_from_db()
    assert world.anna_placement.end is None


def test_exit_with_outcome_is_saved(world, login):
    response = login(world.users["partner_staff"]).post(
        reverse("participants:placement_exit", args=[world.anna_placement.pk]),
        {"version": 1, "end": "2024-06-30", "outcome": "studies"},
    )
    assert response.status_code == 302
    world.anna_placement.refresh_from_db()
    assert (world.anna_placement.end, world.anna_placement.outcome) == (
        date(2024, 6, 30), "studies")


def test_overlapping_placements_in_same_partnership(world, login):
    before = counts()
    response = login(world.users["officer"]).post(
        reverse("participants:placement_create", args=[world.anna.pk]),
        {"partnership": world.p_mission.pk, "start": "2024-05-01", "hours_per_week": "10"},
    )
    assert "redan en placering" in " ".join(response.context["form"].errors["start"])
    assert counts() == before


def test_placement_in_other_partnership_may_overlap(world, login):
    response = login(world.users["officer"]).post(
        reverse("participants:placement_create", args=[world.anna.pk]),
        {"partnership": world.p_ikf.pk, "start": "2024-05-01", "is_individual_agreement": "on",
         "individual_cost": "9000"},
    )
    assert response.status_code == 302
    assert Placement.objects.get(participant=world.anna, partnership=world.p_ikf).individual_cost \
        == 9000


def test_individual_agreement_needs_cost(world, login):
    response = login(world.users["officer"]).post(
        reverse("participants:placement_create", args=[world.anna.pk]),
        {"partnership": world.p_ikf.pk, "start": "2024-05-01", "is_individual_agreement": "on"},
    )
    assert "individual_cost" in response.context["form"].errors


def test_decline_needs_reason(world):
    with pytest.raises(ValidationError) as error:
        actions.decide_referral(world.users["officer"], world.cilla_referral.pk, 1, "decline")
    assert "reason" in error.value.message_dict
    world.cilla_referral.refresh_from_db()
    assert world.cilla_referral.status == "requested"


def test_referral_over_capacity_is_flagged_and_can_wait(world):
    # Arbetsträning has capacity 2: anna is placed; a second placement fills it.
    other = Participant.objects.create(municipality=world.town, identity_kind="none",
                                       identity_reason="Saknar nummer")
    Placement.objects.create(municipality=world.town, partnership=world.p_mission,
                             participant=other, start=date(2024, 1, 1))
    referral = actions.register_referral(
        world.users["case_worker"],
        person=actions.IdentityInput(kind="personnummer", number="19700101-9806",
                                     first_name="Ny", last_name="Person"),
        partnership_id=world.p_mission.pk, referring_unit_id=world.amc.pk,
        requested_on=date(2024, 3, 1), consent_to_share=True,
    )
    assert referral.over_capacity
    with pytest.raises(actions.OverCapacity):
        actions.decide_referral(world.users["partner_staff"], referral.pk, 1, "accept",
                                start=date(2024, 3, 4))
    referral.refresh_from_db()
    assert referral.status == "requested" and not referral.placements.exists()
    actions.decide_referral(world.users["partner_staff"], referral.pk, 1, "wait")
    referral.refresh_from_db()
    assert referral.status == "waiting"
    actions.decide_referral(world.users["partner_staff"], referral.pk, 2, "accept",
                            start=date(2024, 3, 4), confirm_over_capacity=True)
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.placements.count() == 1


def test_weekly_hours(world, login):
    client = login(world.users["partner_staff"])
    url = reverse("participants:placement_week", args=[world.anna_placement.pk])
    bad = client.post(url, {"week_start": "2024-02-07", "hours": "12"})  # a Wednesday
    assert "week_start" in bad.context["form"].errors
    good = client.post(url, {"week_start": "2024-02-05", "hours": "12"})
    assert good.status_code == 302
    assert world.anna_placement.weeks.get().hours == 12
