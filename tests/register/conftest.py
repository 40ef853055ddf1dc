import pytest

from samverka.demo.loader import load_demo
from tests.factories import MunicipalityFactory, Role, make_user


@pytest.fixture
def demo(db):
    """The demo municipality's register built from the seeds (without participants)."""
    return load_demo()


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
