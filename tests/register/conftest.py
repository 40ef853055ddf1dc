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


# --- A small register for the write, locking and history tests -------------------------------

@pytest.fixture
def reg(db):
    """Testkommun's register: Arbetsträning (committee and Stadsmissionen as parties, version 1,
    one decision, one criterion assessed, a 2024 budget with one line), and one user per role
    plus an officer of another municipality."""
    from types import SimpleNamespace

    from samverka.partnerships.models import CriterionAssessment, Decision
    from tests.factories import (
        BudgetFactory,
        LineFactory,
        OrganisationFactory,
        PartnershipFactory,
        PartyFactory,
        VersionFactory,
    )

    town = MunicipalityFactory(name="Testkommun", code="9101")
    other = MunicipalityFactory(name="Annan kommun", code="9102")
    committee = OrganisationFactory(municipality=town, name="Socialnämnden", committee=True)
    mission = OrganisationFactory(municipality=town, name="Stadsmissionen")
    partnership = PartnershipFactory(municipality=town, name="Arbetsträning",
                                     committee=committee, purpose="Gammalt syfte")
    PartyFactory(partnership=partnership, organisation=committee, role="committee")
    party = PartyFactory(partnership=partnership, organisation=mission)
    version = VersionFactory(partnership=partnership, number=1)
    decision = Decision.objects.create(partnership=partnership, version=version, body=committee,
                                       title="Beslut om IOP", points="Att ingå IOP")
    criterion = CriterionAssessment.objects.create(version=version, criterion=1, status="met")
    budget = BudgetFactory(version=version, first_year=2024)
    line = LineFactory(budget=budget, party=party, description="Handledare", lump_sum=100_000)
    users = {
        "officer": make_user("olle", Role.OFFICER, town, committee, first_name="Olle",
                             last_name="Handläggare"),
        "admin": make_user("alice", Role.ADMIN, town, committee, first_name="Alice",
                           last_name="Admin"),
        "committee": make_user("karin", Role.COMMITTEE, town, committee),
        "case_worker": make_user("cecilia", Role.CASE_WORKER, town, committee),
        "partner_staff": make_user("petra", Role.PARTNER_STAFF, town, mission),
        "outsider": make_user("otto", Role.OFFICER, other),
    }
    return SimpleNamespace(town=town, committee=committee, mission=mission,
                           partnership=partnership, party=party, version=version,
                           decision=decision, criterion=criterion, budget=budget, line=line,
                           users=users)
