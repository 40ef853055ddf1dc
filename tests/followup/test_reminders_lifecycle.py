"""Reminders follow the agreement's life: none for ended ones, a clear one for lapsed ones."""

import datetime as dt

import pytest

from samverka.followup.dialogue import reminders_for

from . import helpers

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def _kinds(muni, name):
    return {r.kind for r in reminders_for(muni, TODAY) if r.partnership == name}


def test_an_ended_agreement_gets_no_reminders():
    muni = helpers.municipality()
    helpers.partnership(muni, name="Avslutat", start=dt.date(2019, 1, 1),
                        end=dt.date(2020, 12, 31), status="ended")
    assert _kinds(muni, "Avslutat") == set()


def test_a_lapsed_agreement_still_marked_decided_is_flagged():
    muni = helpers.municipality()
    helpers.partnership(muni, name="Utgånget", start=dt.date(2024, 1, 1),
                        end=dt.date(2025, 12, 31), status="decided")
    assert _kinds(muni, "Utgånget") == {"expired"}


def test_a_running_agreement_without_meetings_is_reminded():
    muni = helpers.municipality()
    helpers.partnership(muni, name="Pågår", start=dt.date(2026, 1, 1),
                        end=dt.date(2027, 3, 31), status="active")
    assert {"dialogue", "ending"} <= _kinds(muni, "Pågår")
