"""The statistics copies on Placement (participant's gender and birth year, referral's route and
date) stay equal to their source after every write path: the actions, retention, plain save()
of any of the three models, the demo's bulk_create and the generator's bulk load."""

from datetime import date

from django.core.management import call_command
from django.utils import timezone

from samverka.participants import actions, retention
from samverka.participants.facts import mismatched_placements, sync_placement_facts
from samverka.participants.models import Participant, Placement, Referral


def assert_in_sync():
    assert Placement.objects.exists()
    assert mismatched_placements() == []


def test_fixture_and_backfill_state_is_in_sync(world):
    assert_in_sync()
    anna = Placement.objects.get(pk=world.anna_placement.pk)
    assert (anna.stat_gender, anna.stat_birth_year) == (world.anna.gender, world.anna.birth_year)
    assert anna.stat_route == world.amc.pk
    assert anna.stat_referred_on == world.anna_referral.requested_on


def test_register_decide_update_exit(world):
    officer = world.users["officer"]
    referral = actions.register_referral(
        world.users["case_worker"],
        person=actions.IdentityInput(kind="personnummer", number="19700101-9806",
                                     first_name="Ny", last_name="Person", gender="other"),
        partnership_id=world.p_ikf.pk, referring_unit_id=world.amc.pk,
        requested_on=date(2024, 3, 1), consent_to_share=True,
    )
    assert_in_sync()
    actions.decide_referral(officer, referral.pk, 1, "accept",
                            start=date(2024, 3, 4))
    placement = Placement.objects.get(referral=referral)
    assert (placement.stat_gender, placement.stat_birth_year) == ("other", 1970)
    assert placement.stat_referred_on == date(2024, 3, 1)
    assert_in_sync()
    actions.update_referral(officer, referral.pk, 2, requested_on=date(2024, 2, 20))
    placement.refresh_from_db()
    assert placement.stat_referred_on == date(2024, 2, 20)
    assert_in_sync()
    actions.exit_placement(officer, placement.pk, placement.version, end=date(2024, 6, 1),
                           outcome="work")
    assert_in_sync()


def test_create_placement_without_referral(world):
    placement = actions.create_placement(
        world.users["officer"], world.bo.pk, world.p_mission.pk, start=date(2024, 5, 1),
        is_individual_agreement=True, individual_cost=9000)
    placement.refresh_from_db()
    assert placement.stat_route is None and placement.stat_referred_on is None
    assert placement.stat_gender == "man"
    assert_in_sync()


def test_save_of_participant_and_referral_recopies(world):
    world.anna.gender, world.anna.birth_year = "other", 1961
    world.anna.save()
    world.anna_referral.referring_unit = world.self_referral
    world.anna_referral.requested_on = date(2023, 12, 1)
    world.anna_referral.save()
    anna = Placement.objects.get(pk=world.anna_placement.pk)
    assert (anna.stat_gender, anna.stat_birth_year) == ("other", 1961)
    assert (anna.stat_route, anna.stat_referred_on) == (world.self_referral.pk, date(2023, 12, 1))
    assert_in_sync()
    # A placement moved to another referral (or none) through save().
    anna.referral = None
    anna.save(update_fields=["referral"])
    anna.refresh_from_db()
    assert anna.stat_route is None
    assert_in_sync()


def test_queryset_updates_are_caught_by_sync(world):
    Participant.objects.filter(pk=world.bo.pk).update(gender="woman", birth_year=1999)
    Referral.objects.filter(pk=world.bo_referral.pk).update(referring_unit=world.amc)
    assert mismatched_placements() == [world.bo_placement.pk]
    sync_placement_facts(participant_ids=[world.bo.pk], referral_ids=[world.bo_referral.pk])
    assert_in_sync()


def test_retention_keeps_copies(world):
    world.anna_placement.end, world.anna_placement.outcome = date(2024, 3, 1), "work"
    world.anna_placement.save()
    assert retention.anonymise([world.anna.pk], now=timezone.now()) == 1
    assert_in_sync()


def test_demo_bulk_create(db):
    call_command("load_demo", verbosity=0)
    assert Placement.objects.filter(stat_route__isnull=False).exists()
    assert_in_sync()


def test_generator_bulk_load(db):
    from samverka.followup.generate import Plan, generate

    generate(Plan(municipalities=2, partnerships=4, placements=300, seed=3), log=lambda _: None)
    assert Placement.objects.count() == 300
    assert_in_sync()
    # The copies come from the same draws as the source rows: every gender occurs.
    assert Placement.objects.filter(stat_route__isnull=True).exists()
