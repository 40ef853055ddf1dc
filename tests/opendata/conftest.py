import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The demo (with every extension's participants) loaded once for the module, removed after."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo(_demo_loaded, db):
    """The demo municipality; each test's changes are rolled back."""
    from samverka.organisations.models import Municipality

    return Municipality.objects.get()
