"""The participant personas (tests/participants/conftest.py) for the start pages, with a fixed
"today" and a few rows that put items in each worklist."""

import datetime as dt

import pytest
from django.core.cache import cache

from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures
from tests.participants.factories import ParticipantFactory, PlacementFactory, ReferralFactory

TODAY = dt.date(2026, 6, 17)  # a Wednesday; its week starts Monday 15 June


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    cache.clear()  # the navigation's counts are kept a minute per user and day
    yield TODAY
    cache.clear()


@pytest.fixture
def work(world):  # noqa: F811 - the shared fixture
    """Erik: a new referral from AMC to Stadsmissionen's partnership (consent), not answered.
    Fia: starts at IKF this week, referred by Team utreda. Gun: referred by AMC to IKF,
    declined ten days ago (an answer the AMC case worker sees)."""
    erik = ParticipantFactory(municipality=world.town, first_name="Erik", last_name="Epsqvist",
                              personal_number="199505059816")
    erik_referral = ReferralFactory(participant=erik, partnership=world.p_mission,
                                    referring_unit=world.amc, requested_on=TODAY,
                                    action_plan_reference="HP-ERIK")
    fia = ParticipantFactory(municipality=world.town, first_name="Fia", last_name="Zetqvist",
                             personal_number="199606069804")
    fia_referral = ReferralFactory(participant=fia, partnership=world.p_ikf,
                                   referring_unit=world.utreda, accepted=True,
                                   action_plan_reference="HP-FIA")
    PlacementFactory(participant=fia, partnership=world.p_ikf, referral=fia_referral,
                     start=TODAY + dt.timedelta(days=1))
    gun = ParticipantFactory(municipality=world.town, first_name="Gun", last_name="Etaqvist",
                             personal_number="197707079828")
    ReferralFactory(participant=gun, partnership=world.p_ikf, referring_unit=world.amc,
                    status="declined", decided_on=TODAY - dt.timedelta(days=10),
                    decline_reason="Fullt", action_plan_reference="HP-GUN")
    return {"erik": erik, "erik_referral": erik_referral, "fia": fia, "gun": gun}
