"""Fictitious participants, referrals and placements 2019–2025 for the demo municipality, and
demo users for every participant role. Idempotent and deterministic (fixed random seed).

Identities: every personnummer is built from the test series convention the project uses for
demo data — born 1958–2004 with birth numbers 980–999 (the range of Skatteverket's published
test personnummer), with a correct check digit. Names are invented ("Exempelsson", …) so nobody
can mistake a demo participant for a real person. Check against Skatteverket's current list of
test numbers before using them with any external system.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from samverka.accounts.models import Profile, Role
from samverka.organisations.models import Organisation
from samverka.partnerships.models import Partnership, ReferringUnit

from .facts import repeated_flags
from .identity import make_number
from .models import Gender, Outcome, Participant, Placement, Referral, WeeklyActivity

SEED = 580  # Linköping's municipality code
PASSWORD = "samverka-demo"
IAF = "Integrations- och arbetsmarknadsförvaltningen"
AMC = "Arbetsmarknadscentrum (AMC)"
FSI = "Avdelningen för försörjningsinsatser"

USERS = [
    # username, role, organisation, referring unit, first name, last name
    ("anvisare", Role.CASE_WORKER, IAF, AMC, "Anna", "Anvisare"),
    ("anvisare.fsi", Role.CASE_WORKER, IAF, FSI, "Fredrik", "Försörjning"),
    ("stadsmissionen", Role.PARTNER_STAFF, "Linköpings Stadsmission", None, "Stina",
     "Stadsmission"),
    ("ikf", Role.PARTNER_STAFF, "Internationella Kvinnoföreningen i Linköping", None, "Iman",
     "Kvinnoförening"),
    ("deltagaradmin", Role.ADMIN, IAF, None, "Dagny", "Dataskydd"),
]

# Partnership, first and last start date, participants at a time, women's share, months.
FLOWS = [
    ("Hoppfull framtid", date(2019, 1, 1), date(2025, 12, 31), 14, 0.45, (3, 12)),
    ("Kompletterande språkträning", date(2019, 1, 1), date(2025, 12, 31), 10, 0.7, (2, 8)),
    ("Bromodellen – Vägen till anställningsbarhet", date(2019, 1, 1), date(2023, 12, 31), 8,
     0.4, (4, 12)),
    ("Inkludering på lika villkor", date(2019, 1, 1), date(2025, 12, 31), 22, 0.85, (3, 9)),
    ("Språkvänner", date(2019, 1, 1), date(2025, 12, 31), 6, 0.55, (2, 6)),
    ("IOP Bilda Sydöst och Erikshjälpen", date(2024, 1, 1), date(2025, 12, 31), 20, 0.45,
     (3, 10)),
    ("IOP Östergötlands Stadsmission", date(2024, 1, 1), date(2025, 12, 31), 14, 0.4, (3, 10)),
]
# Seed 002: in 2018, 24 persons on individual agreements at Stadsmissionen cost 214 976 kr.
INDIVIDUAL = ("Hoppfull framtid", 8957)
OUTCOMES = [
    (Outcome.WORK, 22), (Outcome.STUDIES, 14), (Outcome.OTHER_PROGRAMME, 16),
    (Outcome.WORK_TRAINING, 12), (Outcome.PARENTAL_LEAVE, 5), (Outcome.ILLNESS, 8),
    (Outcome.MOVED, 5), (Outcome.DROPPED_OUT, 13), (Outcome.OTHER, 5),
]
FIRST = {Gender.WOMAN: ["Amina", "Berit", "Dalia", "Elin", "Fatima", "Hodan", "Ida", "Leila",
                        "Maria", "Nour", "Sara", "Yasmin"],
         Gender.MAN: ["Ahmed", "Bengt", "Daniel", "Erik", "Hassan", "Johan", "Karim", "Mikael",
                      "Omar", "Peter", "Samir", "Tomas"]}
LAST = ["Exempelsson", "Provsson", "Testberg", "Demodotter", "Fiktivsson", "Låtsasson",
        "Påhittad", "Övningsson"]
DEMO_TODAY = date(2025, 12, 31)


def load(municipality) -> None:
    """Create the demo users and, once, the demo participants of MUNICIPALITY."""
    with transaction.atomic():
        load_users(municipality)
        if not Participant.objects.filter(municipality=municipality).exists():
            load_participants(municipality)


def load_users(municipality) -> None:
    for username, role, org_name, unit_name, first, last in USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        Profile.objects.update_or_create(user=user, defaults={
            "municipality": municipality, "role": role,
            "organisation": Organisation.objects.get(municipality=municipality, name=org_name),
            "referring_unit": ReferringUnit.objects.get(
                municipality=municipality, name=unit_name) if unit_name else None,
        })


def _months(rng, span):
    return rng.randint(*span)


def load_participants(municipality) -> None:
    rng = random.Random(SEED)
    units = {unit.name: unit for unit in ReferringUnit.objects.filter(municipality=municipality)}
    used: set[str] = set()
    people, referrals, placements = [], [], []

    def new_person(women_share):
        gender = Gender.WOMAN if rng.random() < women_share else Gender.MAN
        while True:
            born = date(rng.randint(1958, 2004), rng.randint(1, 12), rng.randint(1, 28))
            # Birth number 980–999 (test series); its second-to-last digit gives the gender.
            birth_number = rng.choice([n for n in range(980, 1000)
                                       if (n % 10) % 2 == (0 if gender == Gender.WOMAN else 1)])
            number = make_number(born, birth_number)
            if number not in used:
                used.add(number)
                break
        person = Participant(
            municipality=municipality, identity_kind="personnummer", personal_number=number,
            first_name=rng.choice(FIRST[gender]), last_name=rng.choice(LAST), gender=gender,
            birth_year=born.year,
        )
        people.append(person)
        return person

    for name, first, last, at_a_time, women, span in FLOWS:
        partnership = Partnership.objects.get(municipality=municipality, name=name)
        routes = list(partnership.referral_routes.all()) or [units[AMC]]
        average_days = (span[0] + span[1]) / 2 * 30
        per_week = at_a_time * 7 / average_days
        day = first
        while day <= last:
            for _ in range(_poisson(rng, per_week)):
                start = day + timedelta(days=rng.randint(0, 6))
                person = new_person(women)
                unit = rng.choice(routes)
                requested = start - timedelta(days=rng.randint(7, 35))
                referral = Referral(
                    municipality=municipality, partnership=partnership, participant=person,
                    referring_unit=unit, requested_on=requested,
                    planned_hours_per_week=rng.choice([10, 15, 20, 25, 30]),
                    action_plan_reference=f"HP-{requested.year}-{rng.randint(1000, 9999)}",
                    consent_to_share=rng.random() < 0.93, status=Referral.Status.ACCEPTED,
                    decided_on=requested + timedelta(days=rng.randint(2, 10)),
                )
                referrals.append(referral)
                end = start + timedelta(days=_months(rng, span) * 30)
                ended = end <= DEMO_TODAY
                placements.append(Placement(
                    municipality=municipality, partnership=partnership, participant=person,
                    referral=referral, start=start, planned_end=end,
                    end=end if ended else None,
                    outcome=_weighted(rng, OUTCOMES) if ended else "",
                    hours_per_week=referral.planned_hours_per_week,
                ))
                if rng.random() < 0.08:  # some are declined elsewhere first
                    referrals.append(Referral(
                        municipality=municipality, partnership=partnership, participant=person,
                        referring_unit=unit, requested_on=requested - timedelta(days=60),
                        consent_to_share=True, status=Referral.Status.DECLINED,
                        decided_on=requested - timedelta(days=50),
                        decline_reason="Behovet bedömdes passa bättre i en annan insats.",
                    ))
            day += timedelta(days=7)

    # Individual placement agreements beside the IOP (seed 002), 2019–2020.
    name, cost = INDIVIDUAL
    partnership = Partnership.objects.get(municipality=municipality, name=name)
    for index in range(24):
        start = date(2019, 1, 7) + timedelta(days=index * 28)
        person = new_person(0.4)
        end = start + timedelta(days=rng.randint(60, 180))
        placements.append(Placement(
            municipality=municipality, partnership=partnership, participant=person,
            start=start, end=end, outcome=_weighted(rng, OUTCOMES), hours_per_week=20,
            is_individual_agreement=True, individual_cost=cost,
        ))

    # Waiting list and unanswered referrals at the end of the period.
    hoppfull = Partnership.objects.get(municipality=municipality, name="Hoppfull framtid")
    for index in range(6):
        referrals.append(Referral(
            municipality=municipality, partnership=hoppfull, participant=new_person(0.5),
            referring_unit=units[AMC], requested_on=date(2025, 11, 3) + timedelta(days=index * 5),
            planned_hours_per_week=20, action_plan_reference=f"HP-2025-{7000 + index}",
            consent_to_share=True,
            status=Referral.Status.WAITING if index % 2 else Referral.Status.REQUESTED,
        ))

    Participant.objects.bulk_create(people)
    for referral in referrals:
        referral.participant_id = referral.participant.pk
        person = referral.participant  # the name and gender as the referring unit recorded them
        referral.recorded_first_name, referral.recorded_last_name = \
            person.first_name, person.last_name
        referral.recorded_gender = person.gender
    Referral.objects.bulk_create(referrals)
    for placement in placements:
        placement.participant_id = placement.participant.pk
        placement.referral_id = placement.referral.pk if placement.referral else None
        placement.copy_facts()  # bulk_create bypasses save(): set the statistics copies
    flags = repeated_flags([(p.participant_id, p.partnership_id) for p in placements])
    for placement, flag in zip(placements, flags, strict=True):
        placement.stat_repeated = flag
    Placement.objects.bulk_create(placements)
    weeks = []
    for placement in placements:
        if placement.end is None:  # the running ones get their last eight weeks of hours
            monday = DEMO_TODAY - timedelta(days=DEMO_TODAY.weekday())
            for back in range(8):
                week = monday - timedelta(weeks=back)
                if week >= placement.start:
                    weeks.append(WeeklyActivity(
                        municipality=municipality, placement=placement, week_start=week,
                        hours=max(0, float(placement.hours_per_week) - rng.choice([0, 0, 2, 5])),
                    ))
    WeeklyActivity.objects.bulk_create(weeks)


def _poisson(rng, mean: float) -> int:
    """A small Poisson draw (Knuth), enough for weekly arrivals."""
    limit, count, product = pow(2.718281828459045, -mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]
