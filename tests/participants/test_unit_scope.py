"""The policy's unit rules for case workers: rows of their own unit's referrals only, deny by
default for an unnamed kind of row, and "within own unit" per unit (not per organisation)."""

from samverka.accounts import policy
from samverka.participants.models import Placement, Referral

from .factories import PlacementFactory, ReferralFactory


def test_case_worker_sees_rows_of_own_unit_only(world):
    cecilia = world.users["case_worker"]  # AMC
    # Team utreda also refers anna (AMC's participant) and she is placed from that referral.
    utreda = ReferralFactory(participant=world.anna, partnership=world.p_ikf,
                             referring_unit=world.utreda, accepted=True)
    PlacementFactory(participant=world.anna, partnership=world.p_ikf, referral=utreda)
    referrals = Referral.objects.filter(participant=world.anna)
    assert set(referrals.filter(policy.related_scope(cecilia, model="referral"))) == {
        world.anna_referral}
    placements = Placement.objects.filter(participant=world.anna)
    assert set(placements.filter(policy.related_scope(cecilia, model="placement"))) == {
        world.anna_placement}
    tove = world.users["other_case_worker"]
    assert set(referrals.filter(policy.related_scope(tove, model="referral"))) == {utreda}
    # An officer sees both; a kind of row the policy does not name: nothing for case workers.
    assert referrals.filter(policy.related_scope(world.users["officer"],
                                                 model="referral")).count() == 2
    assert not referrals.filter(policy.related_scope(cecilia)).exists()


def test_within_own_scope_is_per_unit_for_case_workers(world):
    cecilia = world.users["case_worker"]  # AMC, organisation "Förvaltningen"
    world.p_ikf.administration = cecilia.profile.organisation  # her organisation runs it
    world.p_ikf.save()
    assert policy.within_own_scope(cecilia, world.anna)
    assert not policy.within_own_scope(cecilia, world.bo)  # Team utreda's participant
    assert not policy.within_own_scope(cecilia, world.bo, world.bo_referral)
    utreda = ReferralFactory(participant=world.anna, partnership=world.p_ikf,
                             referring_unit=world.utreda)
    assert policy.within_own_scope(cecilia, world.anna, world.anna_referral)
    assert not policy.within_own_scope(cecilia, world.anna, utreda)
    assert not policy.within_own_scope(cecilia, world.bo, world.bo_placement)
    assert policy.within_own_scope(cecilia, world.anna, world.anna_placement)
