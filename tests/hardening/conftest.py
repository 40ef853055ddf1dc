"""The participants tests' personas (Testkommun with Stadsmissionen and IKF, anna, bo, cilla, the
users of every role) for the hardening tests."""

from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures
