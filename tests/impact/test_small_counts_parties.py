"""Small follow-up counts of a partnership are shown as they are only to those who may see the
persons behind them: partner staff of a partnership their organisation is not party to get the
same suppressed view as the committee (policy.may_see_unsuppressed_counts)."""

import pytest

from samverka.accounts import policy

from .test_suppression import _quantities, _section, small_exits  # noqa: F401 - the fixture

URLS = ["/effekt/partnerskap/{pk}/?ar=2024", "/partnerskap/{pk}/?year=2024"]


@pytest.mark.parametrize("url", URLS)
def test_partner_staff_of_another_partnership_see_small_counts_suppressed(
        world, login, small_exits, url):  # noqa: F811 - the fixture
    """Ivan works for IKF, which is no party to Stadsmissionen's partnership (3 exits to work)."""
    response = login(world.users["other_partner_staff"]).get(url.format(pk=world.p_mission.pk))
    assert response.status_code == 200
    html = response.content.decode()
    sroi = _section(html, "impact-sroi-heading")
    assert _quantities(sroi) == ["..", ".."]
    assert 'id="sroi-suppressed"' in sroi and 'id="sroi-sensitivity"' not in sroi
    assert "370\u00a0371" not in sroi and "370371" not in sroi
    account = _section(html, "impact-account-heading")
    assert "<dd>.. " in account and "Vinst för gruppen" not in account


@pytest.mark.parametrize("url", URLS)
def test_partner_staff_of_a_party_see_their_own_counts(world, login, small_exits, url):  # noqa: F811
    html = login(world.users["partner_staff"]).get(
        url.format(pk=world.p_mission.pk)).content.decode()
    sroi = _section(html, "impact-sroi-heading")
    assert _quantities(sroi) == ["3", "10"] and 'id="sroi-sensitivity"' in sroi


def test_the_rule_by_role(world):
    expected = {"admin": True, "officer": True, "case_worker": True, "other_case_worker": True,
                "partner_staff": True, "other_partner_staff": False, "committee": False,
                "outsider": False}
    for key, allowed in expected.items():
        assert policy.may_see_unsuppressed_counts(world.users[key], world.p_mission) is allowed, key
    assert policy.may_see_unsuppressed_counts(world.users["other_partner_staff"], world.p_ikf)
    assert not policy.may_see_unsuppressed_counts(None, world.p_mission)
