"""The demo in the present: carries the seed-based demo (which ends 2025-12-31) forward to the
day it is loaded, so that every role's start page and this year's follow-up have something to
show. Everything made here is FICTITIOUS and says so ("Fiktiv händelse i demon"): extensions of
the 2024 agreements, dialogue meetings, referrals, placements and weekly hours after 2025.

Computed from TODAY (timezone.localdate() at load time) and deterministic: loading twice on the
same day gives the same data. Nothing dated 2025 or earlier is created or changed, except that
placements still open at the end of 2025 are closed on their planned end when that has passed.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from samverka.budgets.models import Budget, BudgetLine
from samverka.followup.models import DialogueMeeting
from samverka.followup.reminders import months_ahead
from samverka.participants import demo as participants_demo
from samverka.participants.identity import make_number
from samverka.participants.models import (
    Gender,
    Participant,
    Placement,
    Referral,
    WeeklyActivity,
)
from samverka.partnerships.dates import latest_possible_end
from samverka.partnerships.models import AgreementVersion, Decision, Partnership, ReferringUnit

from . import linkoping

MARK = "Fiktiv händelse i demon"
SEED_END = participants_demo.DEMO_TODAY  # the last day the seed-based demo describes
FIRST_MONDAY = dt.date(2026, 1, 5)
EMAIL_DOMAIN = "linkoping.example.se"  # fictitious addresses (example.se), never delivered
# Partnership -> (responsible officer, deputy); the others have none: every officer is reminded.
RESPONSIBLE = {
    "IOP Bilda Sydöst och Erikshjälpen": ("handlaggare", "uppfoljare"),
    "IOP Östergötlands Stadsmission": ("uppfoljare", "handlaggare"),
    "Inkludering på lika villkor": ("handlaggare", None),
    "Hoppfull framtid": ("uppfoljare", None),
}
ONE_MEETING_ONLY = {"Språkvänner"}  # keeps a "dialogue meetings missing" item in the demo
OPEN_VERSION = (AgreementVersion.Status.DECIDED, AgreementVersion.Status.ACTIVE)


def load(municipality, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    with transaction.atomic():
        officers_and_addresses(municipality)
        if today <= SEED_END:
            return
        extend_agreements(municipality, today)
        meetings(municipality, today)
        close_old_placements(municipality, today)
        new_participants(municipality, today)
        this_week(municipality, today)
        weekly_hours(municipality, today)


def _demo_usernames() -> list[str]:
    return ([spec[0] for spec in linkoping.USERS]
            + [spec[0] for spec in participants_demo.USERS])


def officers_and_addresses(municipality) -> None:
    """Fictitious e-mail addresses for the demo users; responsible officers and deputies."""
    users = get_user_model().objects.filter(username__in=_demo_usernames())
    for user in users:
        address = f"{user.username}@{EMAIL_DOMAIN}"
        if user.email != address:
            user.email = address
            user.save(update_fields=["email"])
    by_name = {user.username: user for user in users}
    for name, (responsible, deputy) in RESPONSIBLE.items():
        Partnership.objects.filter(municipality=municipality, name=name).update(
            responsible_officer=by_name.get(responsible), deputy_officer=by_name.get(deputy))


def _latest_versions(municipality):
    latest = {}
    for version in (AgreementVersion.objects.filter(partnership__municipality=municipality)
                    .select_related("partnership").order_by("partnership_id", "number")):
        latest[version.partnership_id] = version
    return latest.values()


def extend_agreements(municipality, today) -> None:
    """Use as many extension options as the agreements of 2024 need to run on TODAY, with a
    fictitious decision for each; the next decision on extension falls due nine months before
    the new end."""
    for version in _latest_versions(municipality):
        if version.status not in OPEN_VERSION or version.end is None:
            continue
        used = version.extensions_used
        while (latest_possible_end(version.end, used, version.extension_years) < today
               and used < version.extension_count):
            used += 1
        if used == version.extensions_used:
            continue
        for number in range(version.extensions_used + 1, used + 1):
            _extension_decision(version, number)
        new_end = latest_possible_end(version.end, used, version.extension_years)
        _extension_budget(version, new_end.year)
        due = months_ahead(new_end, -9) if used < version.extension_count else None
        AgreementVersion.objects.filter(pk=version.pk).update(
            extensions_used=used, extension_decision_due=due)


def _extension_decision(version, number) -> None:
    old_end = latest_possible_end(version.end, number - 1, version.extension_years)
    new_end = latest_possible_end(version.end, number, version.extension_years)
    partnership = version.partnership
    Decision.objects.update_or_create(
        partnership=partnership, version=version,
        title=f"Förlängning {number} av överenskommelsen ({MARK.lower()})",
        defaults={
            "body": partnership.committee, "date": months_ahead(old_end, -4),
            "points": (f"{MARK}: överenskommelsen förlängs till och med {new_end:%Y-%m-%d} "
                       f"(förlängning {number} av {version.extension_count}).\n"
                       "Beslutet finns inte i källorna; demon har lagt till det."),
        },
    )


def _extension_budget(version, last_year) -> None:
    """The latest budget of VERSION carried on, unchanged, over the extension years."""
    latest = version.budgets.order_by("-first_year").first()
    if latest is None or latest.last_year is None or latest.last_year >= last_year:
        return
    budget, _created = Budget.objects.update_or_create(
        version=version, first_year=latest.last_year + 1,
        defaults={"last_year": last_year, "indexation_percent": latest.indexation_percent,
                  "note": f"{MARK}: budgeten för förlängningen är densamma som för "
                          f"{latest.first_year}–{latest.last_year}."})
    for line in latest.lines.all():
        values = model_to_dict(line, exclude=["id", "budget", "party"])
        BudgetLine.objects.update_or_create(budget=budget, party=line.party,
                                            description=line.description, defaults=values)


def _running_iops(municipality, today) -> list[Partnership]:
    running = []
    for version in _latest_versions(municipality):
        end = latest_possible_end(version.end, version.extensions_used, version.extension_years)
        if (version.partnership.form == Partnership.Form.IOP
                and version.status in OPEN_VERSION
                and (version.start is None or version.start <= today)
                and (end is None or today <= end)):
            running.append(version.partnership)
    return sorted(running, key=lambda p: p.name)


def meetings(municipality, today) -> None:
    """Two dialogue meetings a year from 2026 (one for ONE_MEETING_ONLY): held when the day has
    passed, else planned."""
    for partnership in _running_iops(municipality, today):
        for year in range(FIRST_MONDAY.year, today.year + 1):
            days = [dt.date(year, 3, 17)]
            if partnership.name not in ONE_MEETING_ONLY:
                days.append(dt.date(year, 10, 13))
            for day in days:
                held = day < today
                DialogueMeeting.objects.update_or_create(
                    partnership=partnership, date=day,
                    defaults={"municipality": municipality,
                              "status": "held" if held else "planned",
                              "participants": f"{MARK}: partnerskapets parter",
                              "minutes": f"{MARK}. Beläggning, flöde och vad deltagarna går "
                                         "vidare till gicks igenom." if held else "",
                              "topic_participants": held, "topic_flow": held,
                              "topic_next_steps": held, "topic_development": held})


def close_old_placements(municipality, today) -> None:
    """Placements left open at the end of 2025 end on their planned end once it has passed."""
    still_open = Placement.objects.filter(municipality=municipality, end__isnull=True,
                                          start__lte=SEED_END, planned_end__lt=today)
    for placement in still_open.order_by("start", "planned_end", "pk"):
        rng = random.Random(f"close-{placement.start}-{placement.planned_end}-"
                            f"{placement.participant.personal_number}")
        Placement.objects.filter(pk=placement.pk).update(
            end=placement.planned_end,
            outcome=participants_demo._weighted(rng, participants_demo.OUTCOMES))


def new_participants(municipality, today) -> None:
    """Week by week since 2026: new referrals and placements in the running IOPs."""
    running = {p.name: p for p in _running_iops(municipality, today)}
    units = {u.name: u for u in ReferringUnit.objects.filter(municipality=municipality)}
    used = set(Participant.objects.filter(municipality=municipality)
               .values_list("personal_number", flat=True))
    week = FIRST_MONDAY
    while week <= today:
        for index, (name, _first, last, at_a_time, women, span) in enumerate(
                participants_demo.FLOWS):
            if name in running and last >= SEED_END:
                _week_of(municipality, running[name], units, used, today, week, index,
                         (at_a_time, women, span))
        week += dt.timedelta(weeks=1)


def _week_of(municipality, partnership, units, used, today, week, index, flow) -> None:
    at_a_time, women, span = flow
    rng = random.Random(f"{participants_demo.SEED}-{index}-{week.isoformat()}")
    per_week = at_a_time * 7 / ((span[0] + span[1]) / 2 * 30)
    routes = list(partnership.referral_routes.all()) or [units[participants_demo.AMC]]
    for number in range(participants_demo._poisson(rng, per_week)):
        key = f"FIKTIV-{index}-{week:%Y%m%d}-{number}"
        draws = [rng.random() for _ in range(8)]
        if Referral.objects.filter(municipality=municipality, action_plan_reference=key).exists():
            continue
        start = week + dt.timedelta(days=int(draws[0] * 7))
        # Never dated in the seed years: their figures stay as the seeds give them.
        requested = max(start - dt.timedelta(days=7 + int(draws[1] * 21)),
                        SEED_END + dt.timedelta(days=1))
        if requested > today:
            continue
        person = _person(municipality, rng, women, used)
        unit = routes[int(draws[2] * len(routes))]
        decided = requested + dt.timedelta(days=2 + int(draws[3] * 6))
        answered = decided <= today and start <= today + dt.timedelta(days=6)
        declined = answered and draws[4] < 0.1
        status = (Referral.Status.REQUESTED if not answered
                  else Referral.Status.DECLINED if declined else Referral.Status.ACCEPTED)
        referral = Referral.objects.create(
            municipality=municipality, partnership=partnership, participant=person,
            referring_unit=unit, requested_on=requested,
            planned_hours_per_week=[10, 15, 20, 25, 30][int(draws[5] * 5)],
            action_plan_reference=key, consent_to_share=True, status=status,
            decided_on=decided if answered else None,
            decline_reason="Behovet bedömdes passa bättre i en annan insats." if declined else "",
            note=MARK, recorded_first_name=person.first_name,
            recorded_last_name=person.last_name, recorded_gender=person.gender)
        if status != Referral.Status.ACCEPTED:
            continue
        planned_end = start + dt.timedelta(days=30 * (span[0] + int(draws[6] * (span[1] -
                                                                           span[0] + 1))))
        ended = planned_end < today
        Placement.objects.create(
            municipality=municipality, partnership=partnership, participant=person,
            referral=referral, start=start, planned_end=planned_end,
            end=planned_end if ended else None,
            outcome=participants_demo._weighted(rng, participants_demo.OUTCOMES) if ended else "",
            hours_per_week=referral.planned_hours_per_week)


# The partners with demo users get, on every load, a referral of two days ago to answer and a
# participant starting this week (dates moved to the load day; created once).
THIS_WEEK = ["Hoppfull framtid", "Inkludering på lika villkor"]


def this_week(municipality, today) -> None:
    used = set(Participant.objects.filter(municipality=municipality)
               .values_list("personal_number", flat=True))
    monday = today - dt.timedelta(days=today.weekday())
    for index, name in enumerate(THIS_WEEK):
        partnership = Partnership.objects.filter(municipality=municipality, name=name).first()
        if partnership is None:
            continue
        unit = partnership.referral_routes.order_by("name").first() or \
            ReferringUnit.objects.get(municipality=municipality, name=participants_demo.AMC)
        _fresh_referral(municipality, partnership, unit, used, f"FIKTIV-NY-{index}",
                        requested=today - dt.timedelta(days=2))
        referral = _fresh_referral(municipality, partnership, unit, used,
                                   f"FIKTIV-START-{index}", requested=monday - dt.timedelta(
                                       days=14), decided=monday - dt.timedelta(days=7))
        start = monday + dt.timedelta(days=2)
        placement, _created = Placement.objects.update_or_create(
            referral=referral, defaults={
                "municipality": municipality, "partnership": partnership,
                "participant": referral.participant, "start": start,
                "planned_end": start + dt.timedelta(days=180), "end": None, "outcome": "",
                "hours_per_week": referral.planned_hours_per_week})
        placement.weeks.filter(week_start__lt=monday).delete()


def _fresh_referral(municipality, partnership, unit, used, key, requested, decided=None):
    referral = Referral.objects.filter(municipality=municipality,
                                       action_plan_reference=key).first()
    if referral is None:
        rng = random.Random(f"{participants_demo.SEED}-{key}")
        person = _person(municipality, rng, 0.5, used)
        referral = Referral(municipality=municipality, participant=person,
                            action_plan_reference=key, recorded_first_name=person.first_name,
                            recorded_last_name=person.last_name, recorded_gender=person.gender)
    referral.partnership, referral.referring_unit = partnership, unit
    referral.requested_on, referral.decided_on = requested, decided
    referral.status = Referral.Status.ACCEPTED if decided else Referral.Status.REQUESTED
    referral.planned_hours_per_week, referral.consent_to_share = 20, True
    referral.note = MARK
    referral.save()
    return referral


def _person(municipality, rng, women, used) -> Participant:
    gender = Gender.WOMAN if rng.random() < women else Gender.MAN
    while True:
        born = dt.date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
        parity = 0 if gender == Gender.WOMAN else 1
        birth_number = rng.choice([n for n in range(980, 1000) if (n % 10) % 2 == parity])
        number = make_number(born, birth_number)
        if number not in used:
            used.add(number)
            break
    return Participant.objects.create(
        municipality=municipality, identity_kind="personnummer", personal_number=number,
        first_name=rng.choice(participants_demo.FIRST[gender]),
        last_name=rng.choice(participants_demo.LAST), gender=gender, birth_year=born.year)


def weekly_hours(municipality, today) -> None:
    """Hours for every week since 2026 of the placements running then, up to last week; about
    one placement in five lacks its latest week or two (the partners' "weeks without hours")."""
    last_week = today - dt.timedelta(days=today.weekday() + 7)
    placements = Placement.objects.filter(municipality=municipality, start__lte=last_week) \
        .exclude(end__lt=FIRST_MONDAY).select_related("participant")
    have = set(WeeklyActivity.objects.filter(placement__in=placements)
               .values_list("placement_id", "week_start"))
    rows = []
    for placement in placements.order_by("start", "pk"):
        rng = random.Random(f"hours-{placement.start}-{placement.participant.personal_number}")
        gap = rng.choice([1, 2]) if rng.random() < 0.2 else 0
        week = max(FIRST_MONDAY, placement.start - dt.timedelta(days=placement.start.weekday()))
        stop = min(placement.end or last_week, last_week - dt.timedelta(weeks=gap))
        while week <= stop:
            if (placement.pk, week) not in have:
                hours = max(Decimal(0), placement.hours_per_week - rng.choice([0, 0, 2, 5]))
                rows.append(WeeklyActivity(municipality=municipality, placement=placement,
                                           week_start=week, hours=hours))
            week += dt.timedelta(weeks=1)
    WeeklyActivity.objects.bulk_create(rows)
