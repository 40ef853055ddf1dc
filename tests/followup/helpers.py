"""Small builders for follow-up tests: a municipality, partnerships, participants, placements."""

import datetime as dt
import itertools

from samverka.organisations.models import Municipality, Organisation
from samverka.participants.models import Participant, Placement, Referral
from samverka.partnerships.models import AgreementVersion, Partnership, ReferringUnit

_numbers = itertools.count(1)


def municipality(name="Testkommun"):
    code = f"{next(_numbers):04d}"
    return Municipality.objects.get_or_create(name=name, defaults={"code": code})[0]


def partnership(muni, name="Café Framtid", places=10, start=dt.date(2020, 1, 1), end=None,
                status="active"):
    committee, _ = Organisation.objects.get_or_create(
        municipality=muni, name="Arbetsmarknadsnämnden", defaults={"kind": "municipal"})
    item = Partnership.objects.create(municipality=muni, name=name, form="iop",
                                      committee=committee, places=places)
    AgreementVersion.objects.create(partnership=item, number=1, kind="original", start=start,
                                    end=end, status=status)
    return item


def unit(muni, name="Arbetsmarknadscentrum (AMC)"):
    return ReferringUnit.objects.get_or_create(municipality=muni, name=name)[0]


def participant(muni, gender="woman", birth_year=1990):
    return Participant.objects.create(municipality=muni, identity_kind="none", gender=gender,
                                      birth_year=birth_year)


def placement(item, start, end=None, outcome="", person=None, referred_on=None, gender="woman",
              birth_year=1990, route=None, individual=False, cost=None, status="accepted"):
    muni = item.municipality
    person = person or participant(muni, gender, birth_year)
    referral = None
    if referred_on is not None:
        referral = Referral.objects.create(
            municipality=muni, partnership=item, participant=person,
            referring_unit=route or unit(muni), requested_on=referred_on, status=status)
    if end is not None and not outcome:
        outcome = "other"
    return Placement.objects.create(
        municipality=muni, partnership=item, participant=person, referral=referral, start=start,
        end=end, outcome=outcome, is_individual_agreement=individual, individual_cost=cost)


def referral(item, requested_on, status="requested", person=None, route=None):
    muni = item.municipality
    return Referral.objects.create(
        municipality=muni, partnership=item, participant=person or participant(muni),
        referring_unit=route or unit(muni), requested_on=requested_on, status=status)
