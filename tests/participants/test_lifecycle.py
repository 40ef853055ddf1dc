"""Issue 15: a referral needs an agreement in force on its date; an accepted referral stays in
its partnership; withdrawing a referral and correcting an exit, with their policy refusals and
their log and audit rows."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from samverka.audit.models import AuditEvent
from samverka.participants import actions, lifecycle
from samverka.participants.models import AccessLogEntry, Participant, Placement, Referral
from samverka.partnerships.models import AgreementVersion

from .factories import PartnershipFactory, ReferralFactory


def counts():
    return (Participant.objects.count(), Referral.objects.count(), Placement.objects.count(),
            AccessLogEntry.objects.filter(outcome="allowed").exclude(action="view").count())


@pytest.fixture
def ended(world):
    """Linkstep: its only agreement ended 2020-12-31."""
    partnership = PartnershipFactory(municipality=world.town, name="Linkstep", agreement=False)
    AgreementVersion.objects.create(partnership=partnership, number=1, kind="original",
                                    start=date(2019, 1, 1), end=date(2020, 12, 31),
                                    status="ended")
    return partnership


NEW = {"kind": "personnummer", "number": "19800202-9802", "first_name": "Ny",
       "last_name": "Person", "requested_on": "2024-03-01", "planned_hours_per_week": "20"}


def test_referral_to_a_partnership_whose_agreement_ended_is_refused_on_the_field(
        world, login, ended):
    before = counts()
    response = login(world.users["case_worker"]).post(reverse("participants:referral_create"), {
        **NEW, "partnership": ended.pk, "referring_unit": world.amc.pk})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["partnership"])
    assert "Linkstep har ingen gällande överenskommelse 2024-03-01" in errors
    assert counts() == before


def test_referral_action_refuses_the_ended_partnership(world, ended):
    before = counts()
    with pytest.raises(ValidationError) as error:
        actions.register_referral(
            world.users["case_worker"], person=actions.IdentityInput(
                kind="personnummer", number="19800202-9802", first_name="Ny", last_name="P"),
            partnership_id=ended.pk, referring_unit_id=world.amc.pk,
            requested_on=date(2024, 3, 1))
    assert "ingen gällande överenskommelse" in error.value.message_dict["partnership"][0]
    assert counts() == before


def test_referral_within_the_agreement_period_is_accepted(world, ended):
    referral = actions.register_referral(
        world.users["case_worker"], person=actions.IdentityInput(
            kind="personnummer", number="19800202-9802", first_name="Ny", last_name="P"),
        partnership_id=ended.pk, referring_unit_id=world.amc.pk,
        requested_on=date(2020, 6, 1))
    assert referral.partnership == ended


def _edit_data(referral, **changes):
    return {"version": referral.version, "partnership": referral.partnership_id,
            "requested_on": f"{referral.requested_on:%Y-%m-%d}", "planned_hours_per_week": "",
            "action_plan_reference": referral.action_plan_reference, "note": "", **changes}


def test_accepted_referral_cannot_move_to_another_partnership(world, login):
    referral = world.anna_referral
    response = login(world.users["case_worker"]).post(
        reverse("participants:referral_edit", args=[referral.pk]),
        _edit_data(referral, partnership=world.p_ikf.pk))
    errors = " ".join(response.context["form"].errors["partnership"])
    assert "Återta anvisningen och anvisa på nytt" in errors
    referral.refresh_from_db()
    assert referral.partnership == world.p_mission and referral.version == 1
    with pytest.raises(ValidationError):
        actions.update_referral(world.users["case_worker"], referral.pk, referral.version,
                                partnership_id=world.p_ikf.pk)
    assert Referral.objects.get(pk=referral.pk).partnership == world.p_mission


def test_open_referral_may_still_move(world):
    referral = world.cilla_referral
    moved = actions.update_referral(world.users["case_worker"], referral.pk, referral.version,
                                    partnership_id=world.p_ikf.pk)
    assert moved.partnership == world.p_ikf


# --- Withdrawing -------------------------------------------------------------------------------

def test_case_worker_of_the_unit_withdraws_with_a_reason(world, login):
    referral = world.cilla_referral
    client = login(world.users["case_worker"])
    url = reverse("participants:referral_withdraw", args=[referral.pk])
    assert "Avbryt" in client.get(url).content.decode()
    empty = client.post(url, {"version": referral.version, "reason": " "})
    assert "Ange skälet" in " ".join(empty.context["form"].errors["reason"])
    assert Referral.objects.get(pk=referral.pk).status == "requested"
    response = client.post(url, {"version": referral.version, "reason": "Fick arbete"},
                           follow=True)
    assert "Anvisningen är återtagen." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "withdrawn" and referral.decline_reason == "Fick arbete"
    entry = AccessLogEntry.objects.filter(object_id=str(referral.pk), action="change").last()
    assert entry.detail["withdrawn"] is True and "status" in entry.changed_fields


@pytest.mark.parametrize("who", ["other_case_worker", "partner_staff", "committee"])
def test_withdraw_refused_for_others(world, who):
    referral = world.cilla_referral
    with pytest.raises((PermissionDenied, Http404)):
        lifecycle.withdraw_referral(world.users[who], referral.pk, referral.version,
                                    reason="x")
    assert Referral.objects.get(pk=referral.pk).status == "requested"


def test_withdraw_refused_for_another_municipality(world):
    with pytest.raises(Http404):
        lifecycle.withdraw_referral(world.users["outsider"], world.cilla_referral.pk, 1,
                                    reason="x")


def test_started_placement_blocks_withdrawal(world):
    with pytest.raises(ValidationError) as error:
        lifecycle.withdraw_referral(world.users["case_worker"], world.anna_referral.pk,
                                    world.anna_referral.version, reason="Fel")
    assert "redan börjat" in error.value.message_dict["reason"][0]
    assert Placement.objects.filter(pk=world.anna_placement.pk).exists()


def test_withdraw_on_a_stale_version_changes_nothing(world):
    referral = ReferralFactory(participant=world.cilla, partnership=world.p_ikf,
                               referring_unit=world.amc)
    with pytest.raises(lifecycle.Conflict):
        lifecycle.withdraw_referral(world.users["case_worker"], referral.pk,
                                    referral.version + 5, reason="x")
    assert Referral.objects.get(pk=referral.pk).status == "requested"


# --- Correcting an exit ------------------------------------------------------------------------

@pytest.fixture
def exited(world):
    placement = world.anna_placement
    actions.exit_placement(world.users["partner_staff"], placement.pk, placement.version,
                           end=date(2024, 6, 30), outcome="work")
    placement.refresh_from_db()
    return placement


def test_partner_corrects_an_exit_with_old_and_new_values_audited(world, login, exited):
    client = login(world.users["partner_staff"])
    url = reverse("participants:placement_correct_exit", args=[exited.pk])
    response = client.post(url, {"version": exited.version, "end": "2024-06-14",
                                 "outcome": "studies"}, follow=True)
    assert "Avslutet är rättat." in response.content.decode()
    exited.refresh_from_db()
    assert exited.end == date(2024, 6, 14) and exited.outcome == "studies"
    event = AuditEvent.objects.get(action="placement.correct_exit", object_id=str(exited.pk))
    assert event.changes == {"end": {"before": "2024-06-30", "after": "2024-06-14"},
                             "outcome": {"before": "work", "after": "studies"}}


def test_correction_before_the_start_is_refused_on_the_field(world, login, exited):
    response = login(world.users["partner_staff"]).post(
        reverse("participants:placement_correct_exit", args=[exited.pk]),
        {"version": exited.version, "end": "2023-01-01", "outcome": "work"})
    assert "före startdatum" in " ".join(response.context["form"].errors["end"])
    exited.refresh_from_db()
    assert exited.end == date(2024, 6, 30)
    assert not AuditEvent.objects.filter(action="placement.correct_exit").exists()


@pytest.mark.parametrize("who", ["other_partner_staff", "committee", "case_worker"])
def test_correction_refused_for_others(world, exited, who):
    with pytest.raises((PermissionDenied, Http404)):
        lifecycle.correct_exit(world.users[who], exited.pk, exited.version,
                               end=date(2024, 6, 1), outcome="work")
    assert Placement.objects.get(pk=exited.pk).end == date(2024, 6, 30)


def test_correction_refused_for_another_municipality(world, exited):
    with pytest.raises(Http404):
        lifecycle.correct_exit(world.users["outsider"], exited.pk, exited.version,
                               end=date(2024, 6, 1), outcome="work")
