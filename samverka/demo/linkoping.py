"""Linköpings kommun as the five seed documents describe it: every figure as the seeds state it.

Amounts the seeds do not state are either absent (None: "uppgift saknas") or derived and marked
so (e.g. a partner's share = value per year − the committee's cost, from seed 003's table).
"""

import datetime as dt
from decimal import Decimal

from .sources import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

D = dt.date
AN = "Arbetsmarknadsnämnden"
IAF = "Integrations- och arbetsmarknadsförvaltningen"
UAF = "Utbildnings- och arbetsmarknadsförvaltningen"

MUNICIPALITY = {"name": "Linköpings kommun", "code": "0580"}

ORGANISATIONS = [
    # name, short name, kind
    (AN, "AN", "municipal"),
    (IAF, "", "municipal"),
    (UAF, "", "municipal"),
    ("Utbildningskontoret", "", "municipal"),
    ("Idrott och service", "", "municipal"),
    ("Linköpings Stadsmission", "", "civil_society"),
    ("Östergötlands Stadsmission", "", "civil_society"),
    ("Studieförbundet Bilda Sydöst", "Bilda", "civil_society"),
    ("Erikshjälpen Linköping", "Erikshjälpen", "civil_society"),
    ("Internationella Kvinnoföreningen i Linköping", "IKF", "civil_society"),
    ("Linköping södra Röda korsetkrets", "Röda korset", "civil_society"),
    ("Kårservice i Östergötland AB", "Kårservice", "company"),
    ("Samordningsförbundet Centrala Östergötland", "", "public_body"),
    ("AB Stångåstaden", "Stångåstaden", "company"),
    ("Tekniska verken", "", "company"),
]

REFERRING_UNITS = [
    ("Arbetsmarknadscentrum (AMC)", False),
    ("Team utreda", False),
    ("Familjecentralerna", False),
    ("Avdelningen för försörjningsinsatser", False),
    ("Eget initiativ", True),
]

ORGANISATION_CLAIMS = [
    ("Studieförbundet Bilda Sydöst", "name", "Studieförbundet Bilda Sydöst", SEED_000,
     "Studieförbundet Bilda Sydöst och Erikshjälpen Linköping har tillsammans med"),
    ("Studieförbundet Bilda Sydöst", "name", "Bilda", SEED_003,
     "Kompletterande språkträning\tBilda"),
    ("Erikshjälpen Linköping", "name", "Eriks-hjälpen", SEED_003,
     "Bromodellen – Vägen till anställningsbarhet\tEriks-hjälpen och Bilda"),
    ("Linköpings Stadsmission", "name", "Linköpings stadsmission", SEED_002,
     "teckna det idéburna offentliga partnerskapet Hoppfull framtid tillsammans med "
     "Linköpings stadsmission"),
]

GUIDELINE_ONLY = "Tjänsteskrivelsen återger riktlinjens kriterium men bedömer det inte särskilt."


def criteria_from_memo(met: dict[int, str]) -> dict[int, tuple[str, str]]:
    """All eight criteria: 'met' with the memo's motivation where it gives one, else 'unclear'."""
    return {
        number: ("met", met[number]) if number in met else ("unclear", GUIDELINE_ONLY)
        for number in range(1, 9)
    }


def lump(party, kind, description, amount, in_kind=False, at_least=False, derived=False):
    return {"party": party, "kind": kind, "description": description, "lump_sum": amount,
            "in_kind": in_kind, "at_least": at_least, "derived": derived}


def hours(party, kind, description, per_week, weeks, rate, in_kind=False):
    return {"party": party, "kind": kind, "description": description, "in_kind": in_kind,
            "hours_per_week": Decimal(per_week), "weeks_per_year": weeks,
            "hourly_rate": Decimal(rate)}


def table_2019(partner, value, an_cost, partner_label):
    """A seed 003 row: the committee's cost as stated; the partners' part derived from value."""
    return {
        "first_year": 2019, "last_year": 2019, "indexation": Decimal("0"),
        "lines": [
            lump(AN, "other", "Arbetsmarknadsnämndens kostnad", an_cost),
            lump(partner, "other", f"{partner_label} (härlett: värde/år − ANs kostnad/år)",
                 value - an_cost, in_kind=True, derived=True),
        ],
        "claims": [
            ("value_per_year", f"{value}", SEED_003, "Värde/ år"),
            ("committee_cost_per_year", f"{an_cost}", SEED_003, "ANs kostnad/år"),
        ],
    }


MBL_NOT_CALLED = "MBL-information eller förhandling är inte påkallad."

PARTNERSHIPS = [
    {
        "name": "Hoppfull framtid",
        "form": "iop",
        "administration": "Utbildningskontoret",
        "parties": [(AN, "committee"), ("Linköpings Stadsmission", "partner")],
        "purpose": "Att gemensamt stödja de personer som befinner sig i isolering pga. att de inte "
                   "kan omvandla sina kunskaper och kompetens till självförsörjning, samt "
                   "möjliggöra för personerna i målgruppen att bryta sitt utanförskap och närma "
                   "sig arbetsmarknaden.",
        "target_group": "Nyanlända, vuxna, som har eller löper risk för försörjningsstöd. >20h/v.",
        "newly_arrived": True, "social_assistance": True, "age_band": "adults",
        "intensity_band": ">20 h/v",
        "activities": "Arbetsträning i arbetsteam: 2nd hand (butik), Café (café), "
                      "Von Dufva (restaurangkök).",
        "referral": ["Arbetsmarknadscentrum (AMC)"],
        "goal_areas": "Mål 8, Hög egenförsörjningsgrad.",
        "gender_equality": "Genom att bredda målgruppen ges fler möjlighet att delta i "
                           "arbetsträningsinsatser inom ramarna för partnerskapet. Insatserna som "
                           "sådana riktar sig till både män och kvinnor.",
        "versions": [
            {"number": 1, "kind": "original", "title": "Hoppfull framtid",
             "period_note": "Ingicks i december 2017", "status": "ended",
             # Seed 002 states the agreement's yearly cost while it ran unrevised (2018).
             "budgets": [{
                 "first_year": 2018, "last_year": 2018, "indexation": Decimal("0"),
                 "lines": [
                     lump(AN, "other", "Linköpings kommuns del", 1100000),
                     lump("Linköpings Stadsmission", "other",
                          "Linköpings Stadsmissions insats (härlett: total årlig kostnad − "
                          "kommunens del)", 2080500 - 1100000, in_kind=True, derived=True),
                 ],
                 "claims": [
                     ("total", "2080500", SEED_002, "Överenskommelsen i form av partnerskapet "
                      "har en total årlig kostnad på 2 080 500 kr"),
                     ("municipality", "1100000", SEED_002, "varav Linköpings kommun står för "
                      "1 100 000 kr"),
                 ],
             }],
             "claims": [("start", "december 2017", SEED_002,
                         "Linköpings kommun och Linköpings Stadsmission ingick ett idéburet "
                         "offentligt partnerskap i december 2017")]},
            {"number": 2, "kind": "revision", "title": "Revidering av IOP Hoppfull framtid",
             "period_note": "Revidering; period anges inte i källan", "status": "decided",
             "change_summary": "Målgruppen breddas så att deltagare som tidigare anvisats på "
                               "individuella avtal kan anvisas inom partnerskapet; "
                               "skrivningarna om verksamhetens utformning förtydligas.",
             "budgets": [table_2019("Linköpings Stadsmission", 2080500, 1100000,
                                    "Linköpings Stadsmissions insats")],
             "decision": {
                 "body": AN, "source": SEED_002,
                 "title": "Revidering av IOP Hoppfull framtid, Linköpings Stadsmission",
                 "date_note": "Odaterad i källan",
                 "points": "Arbetsmarknadsnämnden uppdrar till avdelningschefen för "
                           "arbetsmarknad och integration att revidera och teckna det idéburna "
                           "offentliga partnerskapet Hoppfull framtid tillsammans med "
                           "Linköpings stadsmission.",
                 "signatories": "Anne Hallberg\nHelena Paulsson",
                 "distribution": "Verksamhetschefer inom Arbetsmarknad och integration.",
                 "consultation": "Samråd har skett med kommunens juridikgrupp som tillstyrker "
                                 "att det finns ett behov av revidering och som kommer bistå "
                                 "utbildningskontoret med juridisk kompetens vid revidering.",
                 "mbl": MBL_NOT_CALLED},
             "claims": [("value_per_year", "2080500", SEED_002,
                         "Överenskommelsen i form av partnerskapet har en total årlig kostnad "
                         "på 2 080 500 kr, varav Linköpings kommun står för 1 100 000 kr.")]},
        ],
        "figures": [
            (2018, "individual_persons", 24, "24 personer", SEED_002,
             "Under 2018 gick 24 personer på individuella avtal"),
            (2018, "individual_cost", 214976, "214 976 kr", SEED_002,
             "kostnaden för dessa uppgick till 214 976 kr"),
            (2018, "referred", 14, "14 deltagare", SEED_002,
             "Under 2018 anvisades 14 deltagare enligt IOP"),
            (2019, "participants", 25, "25 st.", SEED_003, "Hoppfull framtid\tLinköpings "
             "Stadsmission\t25 st."),
        ],
    },
    {
        "name": "Kompletterande språkträning",
        "form": "iop",
        "administration": UAF,
        "parties": [(AN, "committee"), ("Studieförbundet Bilda Sydöst", "partner")],
        "target_group": "Föräldralediga, nyanlända.",
        "newly_arrived": True, "age_band": "families",
        "activities": "Öva svenska dagtid, med barnpassning.",
        "referral": ["Familjecentralerna", "Eget initiativ"],
        "versions": [
            {"number": 1, "kind": "original", "title": "Kompletterande språkträning",
             "period_note": "Period anges inte i källan", "status": "active",
             "budgets": [table_2019("Studieförbundet Bilda Sydöst", 897626, 590000,
                                    "Bildas insats")]},
        ],
        "figures": [(2019, "participants", 114, "54 st vuxna 60 st barn", SEED_003,
                     "54 st vuxna 60 st barn")],
    },
    {
        "name": "Bromodellen – Vägen till anställningsbarhet",
        "form": "iop",
        "administration": UAF,
        "parties": [(AN, "committee"), ("Erikshjälpen Linköping", "partner"),
                    ("Studieförbundet Bilda Sydöst", "partner")],
        "target_group": "Nyanlända, vuxna, som har eller löper risk för försörjningsstöd. >10h/v.",
        "newly_arrived": True, "social_assistance": True, "age_band": "adults",
        "intensity_band": ">10 h/v",
        "activities": "Bildande insatser. Arbetspraktik i verkstad, butik.",
        "referral": ["Arbetsmarknadscentrum (AMC)"],
        "versions": [
            {"number": 1, "kind": "original", "title": "Bromodellen",
             "period_note": "Period anges inte i källan", "status": "active",
             "budgets": [table_2019("Erikshjälpen Linköping", 1791200, 1150000,
                                    "Erikshjälpens och Bildas insats tillsammans")]},
        ],
        "figures": [
            (2019, "participants", 58, "58 st (5 st vidare till jobb)", SEED_003,
             "58 st (5 st vidare till jobb)"),
            (2019, "to_work", 5, "5 st vidare till jobb", SEED_003,
             "58 st (5 st vidare till jobb)"),
        ],
    },
    {
        "name": "Inkludering på lika villkor",
        "form": "iop",
        "administration": UAF,
        "parties": [(AN, "committee"),
                    ("Internationella Kvinnoföreningen i Linköping", "partner")],
        "purpose": "Att i nära dialog med handläggare samt med hjälp av hälsogrupper och sociala "
                   "aktiviteter arbeta för att stärka deltagarnas självförtroende med det "
                   "långsiktiga målet att kunna lämna försörjningsstödet och gå vidare till "
                   "sysselsättning eller arbete.",
        "target_group": "Vuxna nyanlända, f a kvinnor men alla är välkomna. <10h/v. Från 2021 "
                        "inkluderas även män, ungdomar och barn i aktiviteterna.",
        "newly_arrived": True, "social_assistance": True, "age_band": "all",
        "gender_focus": "women", "intensity_band": "<10 h/v",
        "activities": "Hälsogrupper m gemensam yoga, lätt jympa. Utflykter i Linköping. Från "
                      "2021 med stöd av familjepedagog.",
        "referral": ["Team utreda", "Eget initiativ", "Avdelningen för försörjningsinsatser"],
        "capacity": 60,
        "goal_areas": "Målområde 6, Goda villkor för ett jämlikt, meningsfullt och hälsosamt liv.",
        "gender_equality": "Aktiviteterna riktar sig främst till kvinnor, men är även öppna för "
                           "män, samt för individer i olika åldrar; män, kvinnor, flickor och "
                           "pojkar.",
        "legal_form_reasoning": "Eftersom varken traditionellt föreningsbidrag eller upphandling "
                                "bedöms lämpligt för ifrågavarande verksamhet och då båda parter "
                                "bidrar med insatser av ekonomiskt värde till överenskommelsen "
                                "bedöms den utgöra en godtagbar IOP.",
        "claims": [
            ("referral", "Team utreda. Eget initiativ.", SEED_003, "Team utreda. Eget initiativ."),
            ("referral", "Avdelningen för försörjningsinsatser", SEED_004,
             "Anvisningar till Internationella kvinnoföreningens aktiviteter sker via "
             "avdelningen för försörjningsinsatser"),
            ("capacity", "60", SEED_004,
             "föreningen har en kapacitet att aktivera 60 deltagare i taget"),
        ],
        "versions": [
            {"number": 1, "kind": "original", "title": "Inkludering på lika villkor",
             "period_note": "Sedan juni 2018", "end": D(2020, 12, 31), "status": "ended",
             # Seed 003's table (2019); seed 004 widens it from 2021 (version 2).
             "target_group": "Vuxna nyanlända, f a kvinnor men alla är välkomna. <10h/v.",
             "budgets": [table_2019("Internationella Kvinnoföreningen i Linköping", 454000,
                                    230000, "IKF:s insats")],
             "claims": [("start", "juni 2018", SEED_004,
                         "Linköpings kommun har sedan juni 2018 en överenskommelse om "
                         "partnerskap, en IOP, tillsammans med Internationella "
                         "Kvinnoföreningen i Linköping")]},
            {"number": 2, "kind": "revision",
             "title": "Idéburet offentligt partnerskap, Internationella Kvinnoföreningen i "
                      "Linköping",
             "start": D(2021, 1, 1), "status": "decided",
             "period_note": "Från och med 1 januari 2021; slutdatum anges inte i källan",
             "change_summary": "Verksamheten utvecklas med stöd av familjepedagog och byggs ut "
                               "med fler arbetstimmar; även män, ungdomar och barn inkluderas.",
             "criteria": criteria_from_memo({
                 4: "Traditionellt föreningsbidrag bedöms inte lämpligt för verksamheten "
                    "(Samråd).",
                 5: "Upphandling bedöms inte lämpligt för verksamheten (Samråd).",
                 6: "Båda parter bidrar med insatser av ekonomiskt värde till "
                    "överenskommelsen (Samråd, Ekonomiska konsekvenser).",
             }),
             "budgets": [{
                 "first_year": 2021, "last_year": None, "indexation": Decimal("2.00"),
                 "note": "För varje nytt kalenderår justeras kostnaderna för pris- och "
                         "löneförändring med 2 %. 40 veckor per år à 265 kr/h.",
                 "lines": [
                     hours(AN, "staff", "Handledare under Må bra-grupp", 20, 40, 265),
                     hours(AN, "administration",
                           "Personalkostnader, övr personal (administration och ekonomi)",
                           12, 40, 265),
                     hours("Internationella Kvinnoföreningen i Linköping", "staff",
                           "Familjepedagog", 20, 40, 265, in_kind=True),
                     hours("Internationella Kvinnoföreningen i Linköping", "volunteers",
                           "Ideella resurser", 6, 40, 265, in_kind=True),
                     lump("Internationella Kvinnoföreningen i Linköping", "premises",
                          "Lokalkostnader", 50000, in_kind=True),
                 ],
                 "claims": [
                     ("total", "664800", SEED_004, "Totalt | 664 800 kr"),
                     ("municipality", "339200", SEED_004,
                      "Linköpings kommuns del av partnerskapet uppgår till 339 200 kr/ år"),
                     ("partner", "325600", SEED_004,
                      "IKFs del av partnerskapet uppgår till 325 600 kr/ år"),
                     ("indexation", "2 %", SEED_004,
                      "För varje nytt kalenderår justeras kostnaderna för pris- och "
                      "löneförändring med 2 %."),
                 ],
             }],
             "decision": {
                 "body": AN, "source": SEED_004,
                 "title": "Idéburet offentligt partnerskap, Internationella Kvinnoföreningen i "
                          "Linköping",
                 "date_note": "november 2020 (”nov -20”)",
                 "points": "Förslag till överenskommelse om Idéburet offentligt partnerskap med "
                           "Internationella Kvinnoföreningen i Linköping från och med 1 januari "
                           "2021 antas.\nBeslutet följs upp enligt modell för samverkan med "
                           "civilsamhället, med hjälp av regelbundna dialogmöten.",
                 "signatories": "Anders Jolby",
                 "distribution": "Ordförande för Internationella Kvinnoföreningen i Linköping.\n"
                                 "Enhetschefer inom Arbetsmarknad och försörjning, Social- och "
                                 "omsorgsförvaltningen.\nEnhetschef och bitr. enhetschefer för "
                                 "Arbetsmarknadscentrum",
                 "consultation": "Samråd har skett med juridikenheten som inte har något att "
                                 "erinra mot förslaget.",
                 "mbl": MBL_NOT_CALLED},
             "claims": [("start", "2021-01-01", SEED_004,
                         "från och med 1 januari 2021 antas")]},
        ],
        "figures": [
            (2019, "participants", 80,
             "80 (20 nya, 2 st till arbete, 10 st till annan insats t ex sfi)", SEED_003,
             "80 (20 nya, 2 st till arbete, 10 st till annan insats t ex sfi)"),
            (2019, "to_work", 2, "2 st till arbete", SEED_003, "2 st till arbete"),
        ],
    },
    {
        "name": "Språkvänner",
        "form": "iop",
        "administration": UAF,
        "parties": [(AN, "committee"), ("Linköping södra Röda korsetkrets", "partner")],
        "target_group": "Etablerade i Sverige samt nyanlända. Alla åldrar.",
        "newly_arrived": True, "age_band": "all",
        "activities": "Språkcaféer, pop-up-caféer, walk n' talk. Språkvänsmatchning.",
        "referral": ["Eget initiativ"],
        "versions": [
            {"number": 1, "kind": "original", "title": "Språkvänner",
             "period_note": "Period anges inte i källan", "status": "active",
             "budgets": [table_2019("Linköping södra Röda korsetkrets", 1077600, 600000,
                                    "Röda korsets insats")]},
        ],
        "figures": [(2019, "participants", None,
                     "Nyanlända: 205st Etablerade: 92st Matchningar: 76st Språkvänspår: 88st",
                     SEED_003, "Nyanlända: 205st Etablerade: 92st Matchningar: 76st "
                     "Språkvänspår: 88st")],
    },
]

IOP_2024_TARGET = ("Individer aktuella för arbetsmarknadsnämndens insatser, som står långt ifrån "
                   "arbetsmarknaden och har behov av sammansatta insatser för att närma sig "
                   "egenförsörjning.")
MUNICIPAL_GOALS_2023 = ("De kommunövergripande målområdena Samhälle, Medborgare och Ekonomi. "
                        "Partnerskapet utvecklar samverkan med idéburen sektor och verksamheten "
                        "syftar till att på ett kostnadseffektivt sätt stötta människor i "
                        "socioekonomisk utsatthet att närma sig egenförsörjning.")
GENDER_2023 = ("Verksamheten riktar sig mot både män och kvinnor inom målgruppen. "
               "Jämställdhetsanalys är inte påkallad.")
CRITERION_6_2023 = "Båda parter bidrar med resurser enligt Ekonomiska konsekvenser."
PERIOD_2024 = ("Förvaltningen föreslår att överenskommelsen tecknas för perioden 2024-01-01 "
               "till och med 2025-12-31 med möjlighet till förlängning om 2 gånger 2 år.")

# The 2024 agreements of seeds 000 and 001 share period, extension and criteria assessment.
AGREEMENT_2024 = {
    "start": D(2024, 1, 1), "end": D(2025, 12, 31), "extension_count": 2, "extension_years": 2,
    "status": "decided", "criteria": criteria_from_memo({6: CRITERION_6_2023}),
}


def period_2024_claims(seed):
    return [("start", "2024-01-01", seed, PERIOD_2024), ("end", "2025-12-31", seed, PERIOD_2024),
            ("extension", "2 × 2 år", seed, PERIOD_2024)]


PARTNERSHIPS += [
    {
        "name": "IOP Bilda Sydöst och Erikshjälpen",
        "form": "iop",
        "administration": IAF,
        "parties": [(AN, "committee"), ("Studieförbundet Bilda Sydöst", "partner"),
                    ("Erikshjälpen Linköping", "partner")],
        "purpose": "Att samverka för att minska det långvariga ekonomiska biståndet i Linköpings "
                   "kommun genom att nyttja varandras erfarenheter och kompetenser för att öka "
                   "självtillit och självständighet hos målgruppen.",
        "target_group": IOP_2024_TARGET,
        "social_assistance": True, "age_band": "adults",
        "activities": "Bildande insatser kombinerade med arbetsträning; utbudet utformas i dialog "
                      "mellan parterna. Metoder för att mäta progression på individ- och "
                      "gruppnivå vidareutvecklas.",
        "places": 40,
        "goal_areas": MUNICIPAL_GOALS_2023,
        "gender_equality": GENDER_2023,
        "claims": [("places", "40", SEED_000, "Parterna strävar efter att kontinuerligt "
                    "erbjuda 40 heltidsplatser i insatsen.")],
        "versions": [
            {"number": 1, "kind": "original",
             "title": "Överenskommelse om Idéburet Offentligt Partnerskap med Studieförbundet "
                      "Bilda Sydöst och Erikshjälpen Linköping",
             **AGREEMENT_2024,
             "budgets": [{
                 "first_year": 2024, "last_year": None, "indexation": Decimal("0"),
                 "lines": [
                     lump(AN, "other", "Arbetsmarknadsnämndens insats", 1658160),
                     lump("Studieförbundet Bilda Sydöst", "other",
                          "Personal, lokaler och utrustning", 592200, in_kind=True,
                          at_least=True),
                     lump("Erikshjälpen Linköping", "other", "Personal, lokaler och utrustning",
                          118440, in_kind=True, at_least=True),
                 ],
                 "claims": [
                     ("total", "2368800", SEED_000, "Det totala värdet av verksamheten "
                      "beräknas uppgå till 2 368 800 kronor per år"),
                     ("municipality", "1658160", SEED_000, "varav arbetsmarknadsnämndens insats "
                      "är 1 658 160 kronor per år"),
                     ("partner", "592200 + 118440", SEED_000, "bidrar med personal, lokaler "
                      "och utrustning till ett värde om minst 592 200 kronor respektive 118 440 "
                      "kronor per år"),
                 ],
             }],
             "decision": {
                 "body": AN, "source": SEED_000,
                 "title": "Idéburet offentligt partnerskap med Studieförbundet Bilda Sydöst och "
                          "Erikshjälpen Linköping",
                 "date": D(2023, 8, 29), "date_note": "Tjänsteskrivelsens datum",
                 "points": "Arbetsmarknadsnämnden uppdrar åt förvaltningsdirektören att teckna "
                           "överenskommelse om Idéburet Offentligt Partnerskap med "
                           "Studieförbundet Bilda Sydöst och Erikshjälpen Linköping enligt "
                           "bilaga.",
                 "signatories": "Mikaela Schullström",
                 "distribution": "Studieförbundet Bilda Sydöst\nErikshjälpen Linköping",
                 "consultation": "Överenskommelsen har tagits fram i dialog med berörda parter.",
                 "mbl": MBL_NOT_CALLED},
             "claims": period_2024_claims(SEED_000)},
        ],
    },
    {
        "name": "IOP Östergötlands Stadsmission",
        "form": "iop",
        "administration": IAF,
        "parties": [(AN, "committee"), ("Östergötlands Stadsmission", "partner")],
        "purpose": "Att samverka för att minska det långvariga ekonomiska biståndet i Linköpings "
                   "kommun.",
        "target_group": "Individer i Arena Arbetsmarknad som har behov av sammansatta och "
                        "arbetslika insatser för att närma sig egenförsörjning och etablera sig "
                        "på den reguljära arbetsmarknaden.",
        "social_assistance": True, "age_band": "adults",
        "activities": "Arbetslik aktivitet utifrån individuell handlingsplan inom restaurang och "
                      "café, lager och logistik, inre och yttre fastighetskötsel samt butik.",
        "goal_areas": MUNICIPAL_GOALS_2023,
        "gender_equality": GENDER_2023,
        "versions": [
            {"number": 1, "kind": "original",
             "title": "Överenskommelse om Idéburet Offentligt Partnerskap med Östergötlands "
                      "Stadsmission",
             **AGREEMENT_2024,
             "budgets": [{
                 "first_year": 2024, "last_year": None, "indexation": Decimal("0"),
                 "lines": [
                     lump(AN, "other", "Arbetsmarknadsnämndens insats", 1710000),
                     lump("Östergötlands Stadsmission", "other",
                          "Personal, lokaler och utrustning", 4818600, in_kind=True,
                          at_least=True),
                 ],
                 "claims": [
                     ("total", "6528600", SEED_001, "Det totala värdet av verksamheten "
                      "beräknas uppgå till 6 528 600 kronor per år"),
                     ("municipality", "1710000", SEED_001, "varav arbetsmarknadsnämndens insats "
                      "är 1 710 000 kronor per år"),
                     ("partner", "4818600", SEED_001, "Östergötlands Stadsmission bidrar med "
                      "personal, lokaler och utrustning till ett värde om minst 4 818 600 "
                      "kronor per år"),
                 ],
             }],
             "decision": {
                 "body": AN, "source": SEED_001,
                 "title": "Idéburet offentligt partnerskap med Östergötlands Stadsmission",
                 "date": D(2023, 8, 30), "registry_number": "AN 2023-165",
                 "points": "Arbetsmarknadsnämnden uppdrar åt förvaltningsdirektören att teckna "
                           "överenskommelse om Idéburet Offentligt Partnerskap med "
                           "Östergötlands Stadsmission enligt bilaga.",
                 "signatories": "Tora von Eckardstein (handläggare)\nMikaela Schullström",
                 "distribution": "Östergötlands Stadsmission",
                 "consultation": "Överenskommelsen har tagits fram i dialog med Östergötlands "
                                 "Stadsmission.",
                 "mbl": MBL_NOT_CALLED},
             "claims": period_2024_claims(SEED_001)},
        ],
    },
    {
        "name": "Arena Ryds Herrgård",
        "form": "lou",
        "administration": UAF,
        "parties": [(AN, "committee"), ("Kårservice i Östergötland AB", "co_party")],
        "purpose": "Varje part finansierar hälften av en handledartjänst; handledaren har fyra "
                   "deltagare med arbetsplats i Ryds Herrgård.",
        "activities": "Arbetsträning i Ryds Herrgård.",
        "referral": ["Arbetsmarknadscentrum (AMC)"],
        "legal_form_reasoning": "Partnerskapet ryms inom Lag om offentlig upphandling.",
        "versions": [
            {"number": 1, "kind": "original", "title": "Arena Ryds Herrgård",
             "start": D(2019, 10, 1), "status": "ended",
             "period_note": "Startade okt 2019. Källorna anger olika slutdatum: december 2020 "
                            "i texten, juli 2021 i tabellen.",
             "budgets": [
                 {"first_year": 2019, "last_year": 2019, "indexation": Decimal("0"),
                  "lines": [lump(AN, "staff", "ANs kostnad 2019 (halva handledartjänsten)",
                                 120875),
                            lump("Kårservice i Östergötland AB", "staff",
                                 "Halva handledartjänsten (belopp anges inte)", None,
                                 in_kind=True)]},
                 {"first_year": 2020, "last_year": 2020, "indexation": Decimal("0"),
                  "lines": [lump(AN, "staff", "ANs kostnad 2020 (halva handledartjänsten)",
                                 290100),
                            lump("Kårservice i Östergötland AB", "staff",
                                 "Halva handledartjänsten (belopp anges inte)", None,
                                 in_kind=True)]},
             ],
             "claims": [
                 ("start", "okt 2019", SEED_003, "6 st (projektet startade okt 2019)."),
                 ("end", "2020-12-31", SEED_003, "Projektet sträcker sig till december 2020."),
                 ("end", "2021-07-31", SEED_003,
                  "Arena Ryds Herrgård\tKårservice i Östergötland AB\t…\tJuli 2021"),
             ]},
        ],
        "figures": [(2019, "participants", 6, "6 st (projektet startade okt 2019).", SEED_003,
                     "6 st (projektet startade okt 2019).")],
    },
    {
        "name": "Drivbänk",
        "form": "project",
        "administration": UAF,
        "parties": [(AN, "committee"),
                    ("Samordningsförbundet Centrala Östergötland", "co_party")],
        "purpose": "ESF-projekt som drivs och förvaltas av Samordningsförbundet Centrala "
                   "Östergötland, där Linköpings kommun är en part.",
        "activities": "Utbildning och arbetsträning: gröna näringar, arbetspraktik i café och i "
                      "odlingen.",
        "versions": [
            {"number": 1, "kind": "original", "title": "Drivbänk (ESF)",
             "end": D(2021, 7, 31), "status": "ended",
             "period_note": "Sträcker sig fram till juli 2021",
             "budgets": [{"first_year": 2019, "last_year": 2020, "indexation": Decimal("0"),
                          "lines": [
                              lump(AN, "other", "ESF", 1350000),
                              lump(AN, "staff", "Personalrelaterade kostnader", 550000),
                              lump("Samordningsförbundet Centrala Östergötland", "other",
                                   "Projektägarens finansiering (anges inte)", None),
                          ]}],
             "claims": [("end", "2021-07-31", SEED_003,
                         "Projektet sträcker sig fram till juli 2021.")]},
        ],
        "figures": [(2019, "participants", 15, "15 st", SEED_003, "Drivbänk\tSamordningsförbundet "
                     "Centrala Östergötland\t15 st")],
    },
    {
        "name": "Linkstep",
        "form": "company",
        "administration": UAF,
        "parties": [(AN, "committee"), ("AB Stångåstaden", "co_party")],
        "purpose": "Projektet möter deltagare som är arbetssökande och hjälper till med kontakter "
                   "med arbetsgivare. Varje part finansierar en del av projektet.",
        "activities": "Coachning av deltagare och hjälp med CV i syfte att hitta arbete.",
        "referral": ["Eget initiativ"],
        "versions": [
            {"number": 1, "kind": "original", "title": "Linkstep", "end": D(2020, 12, 31),
             "status": "ended", "period_note": "Sträcker sig till december 2020",
             "budgets": [
                 {"first_year": 2019, "last_year": 2019, "indexation": Decimal("0"),
                  "lines": [lump(AN, "other", "ANs kostnad 2019", 1600000),
                            lump("AB Stångåstaden", "staff",
                                 "Projektledare och personal (belopp anges inte)", None,
                                 in_kind=True)]},
                 {"first_year": 2020, "last_year": 2020, "indexation": Decimal("0"),
                  "lines": [lump(AN, "other", "ANs kostnad 2020", 2500000),
                            lump("AB Stångåstaden", "staff",
                                 "Projektledare och personal (belopp anges inte)", None,
                                 in_kind=True)]},
             ],
             "claims": [("end", "2020-12-31", SEED_003,
                         "Projektet sträcker sig till december 2020.")]},
        ],
        "figures": [(2019, "participants", None, "Ca 35 st", SEED_003, "Ca 35 st")],
    },
    {
        "name": "Återbruket",
        "form": "company",
        "administration": "Idrott och service",
        "parties": [(AN, "committee"), ("Tekniska verken", "co_party")],
        "purpose": "Tekniska verken tillhandahåller lokaler, jackor och utbildning och Linköpings "
                   "kommun tillhandahåller bemanning (arbetsledare och handledare).",
        "activities": "Arbetspraktik på Återbruket.",
        "versions": [
            {"number": 1, "kind": "original", "title": "Avtal med Tekniska verken om Återbruket",
             "end": D(2022, 6, 30), "status": "ended",
             "period_note": "Det nu gällande avtalet löper till och med juni 2022",
             "claims": [("end", "2022-06-30", SEED_003, "Det nu gällande avtalet löper till "
                         "och med juni 2022")]},
        ],
    },
]

USERS = [
    # username, password, role, organisation, first name, last name, superuser
    ("admin", "samverka-admin", "admin", IAF, "Ada", "Administratör", True),
    ("handlaggare", "samverka-demo", "officer", IAF, "Hanna", "Handläggare", False),
    ("uppfoljare", "samverka-demo", "officer", IAF, "Olle", "Uppföljare", False),
    ("namnd", "samverka-demo", "committee", AN, "Nils", "Nämndledamot", False),
]


def sources_all():
    from .sources import ALL

    return ALL
