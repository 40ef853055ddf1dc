from tests.participants.conftest import world  # noqa: F401  (the named personas)
