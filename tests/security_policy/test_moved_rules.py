"""The rules moved into accounts/policy.py decide as they did where they used to live."""

from samverka.accounts import policy


def test_who_may_refer_from_which_unit(world):
    users = world.users
    assert policy.may_refer_from_unit(users["case_worker"], world.amc)
    assert not policy.may_refer_from_unit(users["case_worker"], world.utreda)
    assert policy.may_refer_from_unit(users["case_worker"], world.self_referral)
    assert policy.may_refer_from_unit(users["officer"], world.utreda)
    assert not policy.may_refer_from_unit(users["partner_staff"], world.amc)
    assert not policy.may_refer_from_unit(users["committee"], world.amc)
    assert not policy.may_refer_from_unit(users["outsider"], world.amc)


def test_who_may_place_in_which_partnership(world):
    users = world.users
    assert policy.may_place_in(users["partner_staff"], world.p_mission)
    assert not policy.may_place_in(users["partner_staff"], world.p_ikf)
    assert policy.may_place_in(users["officer"], world.p_ikf)
    assert not policy.may_place_in(users["case_worker"], world.p_mission)
    assert not policy.may_place_in(users["outsider"], world.p_mission)


def test_consent_binds_partner_staff_only(world):
    users = world.users
    assert not policy.may_see_referral(users["partner_staff"], world.cilla_referral)
    assert policy.may_see_referral(users["partner_staff"], world.anna_referral)
    assert policy.may_see_referral(users["case_worker"], world.cilla_referral)


def test_export_columns_by_role(world):
    users = world.users
    assert policy.may_see_referral_origin(users["officer"])
    assert policy.may_see_referral_origin(users["case_worker"])
    assert not policy.may_see_referral_origin(users["partner_staff"])
    assert not policy.may_see_referral_origin(users["committee"])


def test_reminders_go_to_active_officers(world):
    recipients = {p.user.username for p in policy.reminder_recipients(world.town)}
    assert recipients == {"olle"}
