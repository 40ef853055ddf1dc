"""Factories for participant tests (factory_boy), with traits for referral and placement states."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from samverka.accounts.models import Profile
from samverka.organisations.models import Municipality, Organisation
from samverka.participants.identity import make_number
from samverka.participants.models import Participant, Placement, Referral
from samverka.partnerships.models import AgreementVersion, Partnership, Party, ReferringUnit


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    code = factory.Sequence(lambda n: f"9{n:03d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Förening {n}")
    kind = "civil_society"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Partnerskap {n}")
    form = "iop"
    committee = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality"),
        kind="municipal",
    )

    @factory.post_generation
    def partner(self, create, organisation, **kwargs):
        if create and organisation is not None:
            Party.objects.create(partnership=self, organisation=organisation, role="partner")

    @factory.post_generation
    def agreement(self, create, extracted, **kwargs):
        """An agreement in force since 2000 with no end (referrals need one on their date);
        agreement=False leaves the partnership without any. Numbered 0 so that a test's own
        versions (1, 2, … as VersionFactory numbers them) come after it and stay the latest."""
        if create and extracted is not False:
            AgreementVersion.objects.create(partnership=self, number=0, kind="original",
                                            start=date(2000, 1, 1), status="active")


class ReferringUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferringUnit

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")


def make_user(username, role, municipality, organisation=None, unit=None):
    user = UserFactory(username=username, first_name=username.capitalize())
    Profile.objects.create(user=user, municipality=municipality, role=role,
                           organisation=organisation, referring_unit=unit)
    return user


_birth_numbers = iter(range(980, 1000))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    municipality = factory.SubFactory(MunicipalityFactory)
    identity_kind = "personnummer"
    # February 1980: the sequence wraps after 560 numbers and must never hit the fixed numbers
    # of the personas in conftest (anna is 19800101-9820).
    personal_number = factory.Sequence(lambda n: make_number(date(1980, 2, 1 + n % 28),
                                                             980 + n // 28 % 20))
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = "Testsson"
    gender = "woman"
    birth_year = factory.LazyAttribute(lambda o: int(o.personal_number[:4])
                                       if o.personal_number else None)

    class Params:
        protected = factory.Trait(identity_kind="protected", personal_number=None,
                                  identity_reason="Skyddad identitet", birth_year=1990)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    participant = factory.SubFactory(ParticipantFactory)
    municipality = factory.SelfAttribute("participant.municipality")
    partnership = factory.SubFactory(PartnershipFactory,
                                     municipality=factory.SelfAttribute("..municipality"))
    referring_unit = factory.SubFactory(ReferringUnitFactory,
                                        municipality=factory.SelfAttribute("..municipality"))
    requested_on = date(2024, 1, 10)
    planned_hours_per_week = 20
    action_plan_reference = factory.Sequence(lambda n: f"HP-2024-{n:04d}")
    consent_to_share = True
    # As the registration does: the referring unit's own record of the name and gender.
    recorded_first_name = factory.SelfAttribute("participant.first_name")
    recorded_last_name = factory.SelfAttribute("participant.last_name")
    recorded_gender = factory.SelfAttribute("participant.gender")

    class Params:
        accepted = factory.Trait(status="accepted", decided_on=date(2024, 1, 15))
        declined = factory.Trait(status="declined", decided_on=date(2024, 1, 15),
                                 decline_reason="Passar inte")
        waiting = factory.Trait(status="waiting")


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory)
    municipality = factory.SelfAttribute("participant.municipality")
    partnership = factory.SubFactory(PartnershipFactory,
                                     municipality=factory.SelfAttribute("..municipality"))
    start = date(2024, 2, 1)
    hours_per_week = 20

    class Params:
        ended = factory.Trait(end=date(2024, 12, 20), outcome="work")
        individual = factory.Trait(is_individual_agreement=True, individual_cost=9000)
