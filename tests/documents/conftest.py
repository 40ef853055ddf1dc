import pytest

from samverka.demo.loader import load_demo
from samverka.partnerships.models import Partnership
from tests.factories import MunicipalityFactory, Role, make_user

BILDA = "IOP Bilda Sydöst och Erikshjälpen"


@pytest.fixture
def demo(db):
    """The demo municipality's register built from the seeds (without the participants, follow-up
    and impact demo data, which the memo does not need and which take long to load)."""
    return load_demo()


@pytest.fixture
def bilda_version(demo):
    """Version 1 of the Bilda Sydöst and Erikshjälpen agreement (seed 000)."""
    return Partnership.objects.get(municipality=demo, name=BILDA).versions.get(number=1)


@pytest.fixture
def officer(demo):
    """Olle, partnership officer in Linköping."""
    return make_user("olle", Role.OFFICER, demo)


@pytest.fixture
def committee_member(demo):
    """Karin, committee member: may read, never write memos or import."""
    return make_user("karin", Role.COMMITTEE, demo)


@pytest.fixture
def outsider(db):
    """Otto, officer in another municipality: must see nothing of Linköping."""
    return make_user("otto", Role.OFFICER,
                     MunicipalityFactory(name="Norrköpings kommun", code="0581"))
