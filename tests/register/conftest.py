import pytest
from django.core.management import call_command

from samverka.organisations.models import Municipality
from tests.factories import MunicipalityFactory, Role, make_user


@pytest.fixture
def demo(db):
    """The demo municipality built from the seeds."""
    call_command("load_demo", verbosity=0)
    return Municipality.objects.get(name="Linköpings kommun")


@pytest.fixture
def officer(demo):
    """Olle, partnership officer in Linköping."""
    return make_user("olle", Role.OFFICER, demo)


@pytest.fixture
def committee_member(demo):
    """Karin, committee member: may read and export, never change."""
    return make_user("karin", Role.COMMITTEE, demo)


@pytest.fixture
def outsider(db):
    """Otto, officer in another municipality: must see nothing of Linköping."""
    return make_user("otto", Role.OFFICER, MunicipalityFactory(name="Norrköpings kommun",
                                                               code="0581"))
