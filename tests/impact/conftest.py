"""Personas from the participants tests (Testkommun, anna placed at Stadsmissionen's partnership,
petra partner staff there, ivan partner staff at IKF, nils committee, xena the outsider) plus the
impact app's own factories."""

import pytest

from samverka.impact import actions
from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures


@pytest.fixture
def instrument(world):  # noqa: F811 - the shared fixture
    """An active two-dimension instrument version (1–5 and 1–10) made through the action."""
    return actions.create_instrument_version(world.users["officer"], "Testinstrument", [
        actions.DimensionInput("svenska", "Svenska språket",
                               [(v, f"Steg {v}") for v in range(1, 6)]),
        actions.DimensionInput("halsa", "Hälsa", [(v, f"Nivå {v}") for v in range(1, 11)]),
    ])
