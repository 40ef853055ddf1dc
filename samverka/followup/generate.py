"""Realistic synthetic data at national scale, deterministic for a given seed.

Municipality sizes follow a Zipf-like curve (a few large cities, many small municipalities);
each municipality gets partnerships with places, an agreement version and a budget; placements
are spread over the years with realistic stays, referral delays and exits. On PostgreSQL the
large tables are written with COPY, elsewhere with bulk_create.
"""

import datetime as dt
import io
import random
from dataclasses import dataclass

from django.db import connection, transaction

from samverka.budgets.models import Budget, BudgetLine
from samverka.followup import summaries
from samverka.followup.sql import is_postgres
from samverka.organisations.models import Municipality, Organisation
from samverka.participants.facts import repeated_flags
from samverka.participants.models import Participant, Placement, Referral
from samverka.partnerships.models import AgreementVersion, Partnership, Party, ReferringUnit

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
UNITS = ["Arbetsmarknadscentrum (AMC)", "Team utreda", "Familjecentralerna",
         "Avdelningen för försörjningsinsatser", "Eget initiativ"]
ACTIVITIES = ["Arbetsträning i café", "Second hand-butik", "Språkträning med barnpassning",
              "Hälsogrupper", "Restaurangkök", "Cykelverkstad", "Trädgård och odling"]
OUTCOMES = [("work", 20), ("studies", 12), ("other_programme", 20), ("work_training", 8),
            ("parental_leave", 4), ("illness", 8), ("moved", 5), ("dropped_out", 15),
            ("other", 8)]
GENDERS = [("woman", 55), ("man", 42), ("other", 1), ("unknown", 2)]


@dataclass
class Plan:
    municipalities: int = 290
    partnerships: int = 10_000
    placements: int = 2_000_000
    seed: int = 1


def _weights(count: int) -> list[float]:
    return [1 / (rank + 1) ** 0.8 for rank in range(count)]


def _spread(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    """TOTAL split over WEIGHTS, each at least MINIMUM, summing exactly to TOTAL."""
    scale = sum(weights)
    counts = [max(minimum, int(total * w / scale)) for w in weights]
    counts[0] += total - sum(counts)
    return counts


class Ids:
    """Hands out primary keys above the current maximum so rows can be COPYed with their ids."""

    def __init__(self, model):
        self.model = model
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.next = last + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def _copy(model, columns: list[str], rows: list[tuple]) -> None:
    """Write ROWS into MODEL's table: COPY on PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(r"\N" if v is None else str(v) for v in row))
            buffer.write("\n")
        quoted = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor, cursor.connection.cursor() as raw, raw.copy(
            f"COPY {model._meta.db_table} ({quoted}) FROM STDIN"
        ) as copy:
            copy.write(buffer.getvalue())
        return
    fields = {f.column: f.attname for f in model._meta.concrete_fields}
    objects = [model(**{fields[c]: v for c, v in zip(columns, row, strict=True)})
               for row in rows]
    model.objects.bulk_create(objects, batch_size=2000)


def _reset_sequences(models) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def generate(plan: Plan, log=print) -> dict:
    """Create PLAN's municipalities, partnerships and placements; returns the counts. A bulk
    load: the period summaries' triggers are off meanwhile, and the summaries rebuilt after
    when the database is small enough (else by `samverka followup --rebuild-summaries`)."""
    with summaries.suspended():
        counts = _generate(plan, log)
    if is_postgres() and summaries.horizon() is None:
        log("  Bygg periodsammanställningarna: samverka followup --rebuild-summaries "
            "(till dess räknas siffrorna från raderna)")
    return counts


def _generate(plan: Plan, log) -> dict:
    rng = random.Random(plan.seed)
    counts = {"municipalities": 0, "partnerships": 0, "participants": 0, "referrals": 0,
              "placements": 0}
    existing = Municipality.objects.filter(code__startswith="G").count()
    muni_weights = _weights(plan.municipalities)
    partnerships_per = _spread(plan.partnerships, muni_weights)
    placement_budget = _spread(plan.placements, muni_weights)
    ids = {model: Ids(model) for model in (Participant, Referral, Placement)}
    for index in range(plan.municipalities):
        number = existing + index
        with transaction.atomic():
            muni = Municipality.objects.create(name=f"Genererad kommun {number + 1:03d}",
                                               code=f"G{number:03d}")
            made = _municipality(rng, muni, partnerships_per[index], placement_budget[index],
                                 ids)
        counts["municipalities"] += 1
        for key, value in made.items():
            counts[key] += value
        if index % 25 == 0:
            log(f"  {index + 1}/{plan.municipalities} kommuner, "
                f"{counts['placements']} placeringar")
    _reset_sequences([Participant, Referral, Placement])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts


def _municipality(rng, muni, n_partnerships: int, n_placements: int, ids) -> dict:
    committee = Organisation.objects.create(municipality=muni, name="Arbetsmarknadsnämnden",
                                            kind="municipal")
    partners = Organisation.objects.bulk_create([
        Organisation(municipality=muni, name=f"Förening {i + 1}", kind="civil_society")
        for i in range(max(1, n_partnerships // 3))
    ])
    units = ReferringUnit.objects.bulk_create([
        ReferringUnit(municipality=muni, name=name, is_self_referral=name == "Eget initiativ")
        for name in UNITS
    ])
    partnerships = Partnership.objects.bulk_create([
        Partnership(municipality=muni, name=f"Partnerskap {i + 1}: {rng.choice(ACTIVITIES)}",
                    form="iop", committee=committee, places=rng.randint(5, 60),
                    activities=rng.choice(ACTIVITIES))
        for i in range(n_partnerships)
    ])
    versions, parties = [], []
    for item in partnerships:
        start = dt.date(rng.randint(2017, 2022), rng.choice([1, 7]), 1)
        end = dt.date(rng.randint(max(start.year + 1, 2023), 2026), 12, 31)
        versions.append(AgreementVersion(
            partnership=item, number=1, kind="original", start=start, end=end,
            extension_count=2, extension_years=2,
            extension_decision_due=end - dt.timedelta(days=180),
            status="active" if end >= dt.date(2025, 1, 1) else "ended"))
        parties.append(Party(partnership=item, organisation=committee, role="committee"))
        parties.append(Party(partnership=item, organisation=rng.choice(partners), role="partner"))
        item.agreement_start, item.agreement_end = start, end
    AgreementVersion.objects.bulk_create(versions)
    Party.objects.bulk_create(parties)
    budgets = Budget.objects.bulk_create([
        Budget(version=version, first_year=version.start.year, indexation_percent=2)
        for version in versions
    ])
    lines = []
    for budget, item, (committee_party, partner_party) in zip(
        budgets, partnerships, zip(parties[::2], parties[1::2], strict=True), strict=True
    ):
        cost = item.places * rng.randint(20, 45) * 1000
        lines.append(BudgetLine(budget=budget, party=committee_party, kind="staff",
                                description="Handledare", lump_sum=cost))
        lines.append(BudgetLine(budget=budget, party=partner_party, kind="volunteers",
                                description="Ideella resurser", in_kind=True,
                                lump_sum=int(cost * rng.uniform(0.6, 1.2))))
    BudgetLine.objects.bulk_create(lines)
    return _people(rng, muni, partnerships, units, n_placements, ids)


def _people(rng, muni, partnerships, units, n_placements: int, ids) -> dict:
    weights = [item.places for item in partnerships]
    chosen = rng.choices(partnerships, weights=weights, k=n_placements)
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC).isoformat()
    people, referrals, placements = [], [], []
    gender_values = [g for g, _ in GENDERS]
    gender_weights = [w for _, w in GENDERS]
    outcome_values = [o for o, _ in OUTCOMES]
    outcome_weights = [w for _, w in OUTCOMES]
    unit_weights = [40, 20, 10, 20, 10]
    span = (LAST_DAY - FIRST_DAY).days
    person = None
    for item in chosen:
        # About one person in five comes back for a second placement.
        if person is None or rng.random() > 0.2:
            person = ids[Participant].take()
            gender = rng.choices(gender_values, gender_weights)[0]
            born = rng.randint(1960, 2006)
            people.append((person, muni.pk, "none", None, "", "", "", gender, born, now, None,
                           1))
        lo = max(0, (item.agreement_start - FIRST_DAY).days)
        hi = min(span, (item.agreement_end - FIRST_DAY).days)
        start = FIRST_DAY + dt.timedelta(days=rng.randint(lo, max(lo, hi)))
        stay = int(rng.expovariate(1 / 200)) + 14
        end = start + dt.timedelta(days=stay)
        outcome = rng.choices(outcome_values, outcome_weights)[0]
        if end > LAST_DAY:
            end, outcome = None, ""
        individual = rng.random() < 0.03
        referral = route = requested = None
        if rng.random() < 0.9:
            referral = ids[Referral].take()
            requested = start - dt.timedelta(days=rng.randint(3, 75))
            route = rng.choices(units, unit_weights)[0].pk
            referrals.append((referral, muni.pk, item.pk, person, route, None, requested, None,
                              "", True, "accepted", requested + dt.timedelta(days=2), "", False,
                              "", 1, now))
        # The statistics copies (Placement.stat_*) are written with the placement.
        placements.append((ids[Placement].take(), muni.pk, item.pk, person, referral, start,
                           None, end, outcome, None, individual,
                           rng.randint(6000, 12000) if individual else None, 1, now,
                           gender, born, route, requested))
        if rng.random() < 0.12:
            # A referral that did not lead to a placement (declined or still waiting).
            requested = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
            status = rng.choice(["declined", "waiting", "requested", "withdrawn"])
            referrals.append((ids[Referral].take(), muni.pk, item.pk, person,
                              rng.choices(units, unit_weights)[0].pk, None, requested, None,
                              "", True, status, None, "", False, "", 1, now))
    # Placement.stat_repeated: the person has another placement in the same partnership (people
    # belong to one municipality, so the municipality's placements are all there is).
    flags = repeated_flags([(row[3], row[2]) for row in placements])
    placements = [(*row, flag) for row, flag in zip(placements, flags, strict=True)]
    _copy(Participant, ["id", "municipality_id", "identity_kind", "personal_number",
                        "identity_reason", "first_name", "last_name", "gender", "birth_year",
                        "created_at", "anonymised_at", "version"], people)
    _copy(Referral, ["id", "municipality_id", "partnership_id", "participant_id",
                     "referring_unit_id", "case_worker_id", "requested_on",
                     "planned_hours_per_week", "action_plan_reference", "consent_to_share",
                     "status", "decided_on", "decline_reason", "over_capacity", "note",
                     "version", "created_at"], referrals)
    _copy(Placement, ["id", "municipality_id", "partnership_id", "participant_id",
                      "referral_id", "start", "planned_end", "end", "outcome", "hours_per_week",
                      "is_individual_agreement", "individual_cost", "version", "created_at",
                      "stat_gender", "stat_birth_year", "stat_route", "stat_referred_on",
                      "stat_repeated"],
          placements)
    return {"partnerships": len(partnerships), "participants": len(people),
            "referrals": len(referrals), "placements": len(placements)}
