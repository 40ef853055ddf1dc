"""factory_boy factories for the register, with traits for states."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from samverka.accounts.models import Profile, Role
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Municipality, Organisation
from samverka.partnerships.models import AgreementVersion, Partnership, Party


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    code = factory.Sequence(lambda n: f"{9000 + n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Föreningen {n}")
    kind = Organisation.Kind.CIVIL_SOCIETY

    class Params:
        committee = factory.Trait(name=factory.Sequence(lambda n: f"Nämnd {n}"),
                                  kind=Organisation.Kind.MUNICIPAL_BODY)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Partnerskap {n}")
    form = Partnership.Form.IOP
    committee = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality"), committee=True
    )
    places = 10


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..partnership.municipality")
    )
    role = Party.Role.PARTNER


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementVersion

    partnership = factory.SubFactory(PartnershipFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = AgreementVersion.Kind.ORIGINAL
    start = dt.date(2024, 1, 1)
    end = dt.date(2025, 12, 31)
    status = AgreementVersion.Status.ACTIVE

    class Params:
        extendable = factory.Trait(extension_count=2, extension_years=2)


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    version = factory.SubFactory(VersionFactory)
    first_year = 2024
    indexation_percent = Decimal("0")


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(BudgetFactory)
    party = factory.SubFactory(
        PartyFactory, partnership=factory.SelfAttribute("..budget.version.partnership")
    )
    kind = BudgetLine.Kind.OTHER
    description = factory.Sequence(lambda n: f"Post {n}")
    lump_sum = 100_000


def make_user(username, role, municipality, organisation=None, **extra):
    """A user with a profile in MUNICIPALITY; the persona tests read as people."""
    user = get_user_model().objects.create_user(username=username, password="pw", **extra)
    Profile.objects.create(user=user, municipality=municipality, role=role,
                           organisation=organisation)
    return user


__all__ = ["Role", "make_user"]
