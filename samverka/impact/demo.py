"""Demo impact data: the default progression instrument, assessments of the fictitious
participants, a financial proxy library, and SROI and socio-economic accounts 2024–2025 for two
IOPs. Idempotent and deterministic (fixed random seed).

Every amount below is an ILLUSTRATIVE DEMO VALUE, chosen to be of a plausible order of magnitude
and said so in the source text shown to users. None is an official figure; a municipality must
replace them with its own sourced values before using the results.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from samverka.participants.models import Placement
from samverka.partnerships.models import Partnership

from .models import (
    ActorCostLine,
    Assessment,
    Dimension,
    FinancialProxy,
    Instrument,
    InstrumentVersion,
    QuantitySource,
    ScaleStep,
    Score,
    SocioeconomicAccount,
    SroiCalculation,
    SroiOutcome,
)

SEED = 5800
INSTRUMENT = "Progression i arbetsinriktade IOP"
ASSESSED_PARTNERSHIPS = [
    "IOP Bilda Sydöst och Erikshjälpen", "IOP Östergötlands Stadsmission", "Hoppfull framtid",
]
SROI_PARTNERSHIPS = ["IOP Bilda Sydöst och Erikshjälpen", "IOP Östergötlands Stadsmission"]
YEARS = (2024, 2025)
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2025, 12, 31)
ILLUSTRATIVE = " Illustrativt demovärde, inte en officiell siffra."

STEPS = {
    "svenska": ("Svenska språket", [
        "Förstår och använder enstaka ord", "Klarar enkla vardagssamtal",
        "Klarar de flesta vardagssituationer", "Klarar arbetsplatsens samtal och instruktioner",
        "Använder svenska obehindrat i arbete och studier"]),
    "halsa": ("Hälsa", [
        "Hälsan hindrar det mesta", "Hälsan hindrar ofta", "Hälsan hindrar ibland",
        "Hälsan hindrar sällan", "Hälsan hindrar inte arbete eller studier"]),
    "natverk": ("Socialt nätverk", [
        "Isolerad", "Enstaka kontakter", "Några kontakter utanför familjen",
        "Ett nätverk som ger stöd", "Ett brett nätverk, även mot arbetslivet"]),
    "arbetsvanor": ("Arbetsvanor", [
        "Kommer sällan eller oregelbundet", "Kommer ofta men passar inte tider",
        "Passar tider och följer instruktioner med stöd", "Arbetar självständigt med uppgifter",
        "Fungerar som en medarbetare på en vanlig arbetsplats"]),
    "sjalvstandighet": ("Självständighet", [
        "Behöver stöd i det mesta", "Behöver stöd i flera vardagssituationer",
        "Klarar vardagen med visst stöd", "Klarar vardagen och myndighetskontakter",
        "Klarar allt självständigt och hjälper andra"]),
    "arbetsmarknad": ("Kunskap om arbetsmarknaden", [
        "Känner inte till hur man söker arbete", "Vet var lediga jobb finns",
        "Kan skriva CV och ansökan med stöd", "Söker arbete självständigt",
        "Har ett tydligt yrkesmål och en plan dit"]),
}

PROXIES = [
    # name, amount, price year, unit, source
    ("Minskat ekonomiskt bistånd när en person får arbete", 110_000, 2024, "per person och år",
     "Storleksordning för utbetalt ekonomiskt bistånd per biståndshushåll och år; jämför "
     "Socialstyrelsen, Statistik om ekonomiskt bistånd." + ILLUSTRATIVE),
    ("Ökad disponibel inkomst för den som får arbete", 150_000, 2024, "per person och år",
     "Skillnaden mellan nettolön vid heltidsarbete i ett ingångsyrke och försörjningsstöd; "
     "jämför SCB, Lönestrukturstatistik." + ILLUSTRATIVE),
    ("Studier i stället för försörjningsstöd", 60_000, 2024, "per person och år",
     "Minskat försörjningsstöd när studierna finansieras med studiemedel; jämför CSN:s "
     "studiemedelsbelopp." + ILLUSTRATIVE),
    ("Förbättrad hälsa (minskad vårdkonsumtion och ökat välbefinnande)", 25_000, 2022,
     "per person och år",
     "Storleksordning efter välbefinnandevärderingar (Social Value UK / HACT, Wellbeing "
     "Valuation), omräknat till kronor." + ILLUSTRATIVE),
    ("Förbättrade kunskaper i svenska", 18_000, 2023, "per person",
     "Kostnaden för motsvarande kurs i svenska för invandrare per elev; jämför Skolverkets "
     "kostnadsstatistik för sfi." + ILLUSTRATIVE),
    ("Samhällets kostnad för en person i utanförskap", 250_000, 2008, "per person och år",
     "Storleksordning i Nilsson & Wadeskog, Det lönsamma samhället (2008)." + ILLUSTRATIVE),
]

ACTORS = [
    # actor, cost per person and year in exclusion, after the move, municipal, source
    ("Kommunen – ekonomiskt bistånd", 110_000, 0, True,
     "Jämför Socialstyrelsen, Statistik om ekonomiskt bistånd." + ILLUSTRATIVE),
    ("Kommunen – handläggning och insatser", 30_000, 5_000, True, ILLUSTRATIVE.strip()),
    ("Arbetsförmedlingen", 45_000, 5_000, False, ILLUSTRATIVE.strip()),
    ("Försäkringskassan", 30_000, 10_000, False, ILLUSTRATIVE.strip()),
    ("Region Östergötland – hälso- och sjukvård", 20_000, 12_000, False, ILLUSTRATIVE.strip()),
    ("Stat, region och kommun – skatter och avgifter", 0, -70_000, False,
     "Skatt och arbetsgivaravgifter på en lön i ett ingångsyrke; negativt belopp = intäkt."
     + ILLUSTRATIVE),
]
ACCOUNT_SOURCE = (
    "Strukturen följer Nilsson & Wadeskog, Det lönsamma samhället (2008): kostnaden för "
    "utanförskap per person och år fördelad på de offentliga aktörerna, och vinsten när "
    "personen går till arbete eller studier. Beloppen är illustrativa demovärden i "
    "beräkningsårets priser."
)


def load(municipality) -> None:
    with transaction.atomic():
        version = load_instrument(municipality)
        load_assessments(municipality, version)
        proxies = load_proxies(municipality)
        for name in SROI_PARTNERSHIPS:
            partnership = Partnership.objects.filter(municipality=municipality, name=name).first()
            if partnership is None:
                continue
            for year in YEARS:
                load_sroi(partnership, year, proxies)
                load_account(partnership, year)


def load_instrument(municipality) -> InstrumentVersion:
    instrument, _ = Instrument.objects.update_or_create(
        municipality=municipality, name=INSTRUMENT,
        defaults={"description": "Standardinstrument för arbetsinriktade IOP: sex dimensioner, "
                                 "var och en på en skala 1–5 där högre är bättre."},
    )
    version, _ = InstrumentVersion.objects.update_or_create(
        instrument=instrument, number=1,
        defaults={"status": InstrumentVersion.Status.ACTIVE, "valid_from": FIRST_DAY,
                  "change_note": "Första versionen."},
    )
    for order, (key, (name, labels)) in enumerate(STEPS.items()):
        dimension, _ = Dimension.objects.update_or_create(
            version=version, key=key,
            defaults={"order": order, "name": name, "scale_min": 1, "scale_max": len(labels)},
        )
        for value, label in enumerate(labels, start=1):
            ScaleStep.objects.update_or_create(dimension=dimension, value=value,
                                               defaults={"label": label})
    return version


def _assessment_days(placement, rng) -> list[tuple[date, str]]:
    start = max(placement.start, FIRST_DAY)
    end = min(placement.end or LAST_DAY, LAST_DAY)
    if end <= start:
        return [(start, Assessment.Stage.START)]
    days = [(start, Assessment.Stage.START)]
    length = (end - start).days
    if length > 90:
        days.append((start + timedelta(days=length // 2 + rng.randint(-10, 10)),
                     Assessment.Stage.DURING))
    days.append((end, Assessment.Stage.EXIT if placement.end and placement.end <= LAST_DAY
                 else Assessment.Stage.DURING))
    return days


def load_assessments(municipality, version) -> None:
    rng = random.Random(SEED)
    dimensions = list(version.dimensions.order_by("order"))
    placements = (
        Placement.objects.filter(
            municipality=municipality, partnership__name__in=ASSESSED_PARTNERSHIPS,
            start__lte=LAST_DAY,
        ).exclude(end__lt=FIRST_DAY).select_related("partnership").order_by("pk")
    )
    for placement in placements:
        days = _assessment_days(placement, rng)
        levels = {d.key: rng.choice([1, 1, 2, 2, 2, 3, 3, 4]) for d in dimensions}
        for day, stage in days:
            assessment, _ = Assessment.objects.update_or_create(
                participant_id=placement.participant_id, partnership=placement.partnership,
                date=day, stage=stage,
                defaults={"municipality": municipality, "version": version,
                          "assessor": "Handledare hos samverkansparten tillsammans med "
                                      "deltagaren",
                          "comment": ""},
            )
            for dimension in dimensions:
                Score.objects.update_or_create(
                    assessment=assessment, dimension=dimension,
                    defaults={"value": levels[dimension.key]},
                )
                step = rng.choice([-1, 0, 0, 1, 1, 1, 2])
                levels[dimension.key] = min(5, max(1, levels[dimension.key] + step))


def load_proxies(municipality) -> dict:
    proxies = {}
    for name, amount, year, unit, source in PROXIES:
        proxies[name], _ = FinancialProxy.objects.update_or_create(
            municipality=municipality, name=name,
            defaults={"amount": amount, "year": year, "unit": unit, "source": source},
        )
    return proxies


def load_sroi(partnership, year, proxies) -> None:
    calculation, _ = SroiCalculation.objects.update_or_create(
        partnership=partnership, year=year,
        defaults={
            "municipality": partnership.municipality, "discount_rate": Decimal("3.5"),
            "index_percent": Decimal("2"),
            "description": "Intressenter: deltagarna, kommunen (ekonomiskt bistånd) och "
                           "hälso- och sjukvården. Insatser: partnerskapets hela värde för året "
                           "enligt budgeten, inklusive partens egna resurser i form av "
                           "personal, lokaler och ideell tid. Antal som gått till arbete eller "
                           "studier hämtas ur uppföljningen; övriga antal är demovärden.",
        },
    )
    persons = 12 if "Bilda" in partnership.name else 9
    specs = [
        ("Kommunen", "Minskat behov av ekonomiskt bistånd",
         "Antal deltagare som avslutat insatsen till arbete", QuantitySource.EXITS_WORK, None, "",
         "Minskat ekonomiskt bistånd när en person får arbete", 2, 30, 5, 25, 30,
         "Dödvikt 30 %: en del hade fått arbete ändå. Tillskrivning 25 %: Arbetsförmedlingen "
         "och andra insatser bidrar. Avtagande 30 % per år: alla anställningar består inte."),
        ("Deltagarna", "Egen försörjning genom arbete",
         "Antal deltagare som avslutat insatsen till arbete", QuantitySource.EXITS_WORK, None, "",
         "Ökad disponibel inkomst för den som får arbete", 2, 30, 10, 25, 30,
         "Samma antaganden som för kommunen; undanträngning 10 % eftersom några jobb annars "
         "hade gått till andra arbetssökande."),
        ("Deltagarna", "Påbörjade studier",
         "Antal deltagare som avslutat insatsen till studier", QuantitySource.EXITS_STUDIES,
         None, "", "Studier i stället för försörjningsstöd", 1, 40, 0, 25, 0,
         "Dödvikt 40 %: många hade börjat studera ändå."),
        ("Deltagarna och regionen", "Förbättrad hälsa",
         "Antal deltagare som höjt sig minst ett steg i dimensionen Hälsa",
         QuantitySource.MANUAL, Decimal(persons),
         f"Progressionsinstrumentet {year}, demovärde",
         "Förbättrad hälsa (minskad vårdkonsumtion och ökat välbefinnande)", 1, 20, 0, 40, 0,
         "Tillskrivning 40 %: vården och andra insatser bidrar."),
        ("Deltagarna", "Bättre svenska",
         "Antal deltagare som höjt sig minst ett steg i dimensionen Svenska språket",
         QuantitySource.MANUAL, Decimal(persons + 3),
         f"Progressionsinstrumentet {year}, demovärde",
         "Förbättrade kunskaper i svenska", 1, 25, 0, 30, 0,
         "Tillskrivning 30 %: sfi och andra språkinsatser bidrar."),
    ]
    keep = []
    for order, (stakeholder, name, indicator, source, quantity, note, proxy, duration, deadweight,
                displacement, attribution, drop_off, rationale) in enumerate(specs):
        outcome, _ = SroiOutcome.objects.update_or_create(
            calculation=calculation, order=order,
            defaults={
                "stakeholder": stakeholder, "name": name, "indicator": indicator,
                "quantity_source": source, "quantity": quantity, "quantity_note": note,
                "proxy": proxies[proxy], "duration": duration,
                "deadweight": Decimal(deadweight), "displacement": Decimal(displacement),
                "attribution": Decimal(attribution), "drop_off": Decimal(drop_off),
                "rationale": rationale,
            },
        )
        keep.append(outcome.pk)
    calculation.outcomes.exclude(pk__in=keep).delete()


def load_account(partnership, year) -> None:
    account, _ = SocioeconomicAccount.objects.update_or_create(
        partnership=partnership, year=year,
        defaults={"municipality": partnership.municipality,
                  "persons_source": QuantitySource.EXITS_WORK_OR_STUDIES, "persons": None,
                  "discount_rate": Decimal("3.5"), "drop_off": Decimal("20"),
                  "source": ACCOUNT_SOURCE},
    )
    keep = []
    for order, (actor, exclusion, after, municipal, source) in enumerate(ACTORS):
        line, _ = ActorCostLine.objects.update_or_create(
            account=account, order=order,
            defaults={"actor": actor, "exclusion_cost": exclusion, "after_cost": after,
                      "municipal": municipal, "source": source},
        )
        keep.append(line.pk)
    account.actor_costs.exclude(pk__in=keep).delete()
