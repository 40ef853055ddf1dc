import pytest

from samverka.accounts.models import Role, SignInRule
from samverka.partnerships.models import ReferringUnit
from tests.factories import MunicipalityFactory

OFFICERS = "samverka-handlaggare"
CASE_WORKERS = "samverka-anvisare"
OTHER_OFFICERS = "norrkoping-samverka"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    """Officers need a second factor: municipal sign-in must get them in without the local one."""
    settings.SAMVERKA_REQUIRE_2FA = True


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Linköpings kommun", code="0580")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Norrköpings kommun", code="0581")


@pytest.fixture
def unit(municipality):
    return ReferringUnit.objects.create(municipality=municipality, name="Arbetsmarknadscentrum")


def make_rules(provider, claim, municipality, other_municipality, unit):
    SignInRule.objects.create(provider=provider, claim=claim, value=OFFICERS,
                              municipality=municipality, role=Role.OFFICER)
    SignInRule.objects.create(provider=provider, claim=claim, value=CASE_WORKERS,
                              municipality=municipality, role=Role.CASE_WORKER,
                              referring_unit=unit)
    SignInRule.objects.create(provider=provider, claim=claim, value=OTHER_OFFICERS,
                              municipality=other_municipality, role=Role.OFFICER)
