import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_reset():
    """Leave no activated language behind for the tests that follow (the site's default)."""
    yield
    translation.deactivate()
