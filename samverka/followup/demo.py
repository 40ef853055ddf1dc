"""Demo follow-up data: dialogue meetings for the demo partnerships (idempotent)."""

import datetime as dt

from samverka.partnerships.models import Partnership

from .models import DialogueMeeting

MEETINGS = [
    # partnership, date, status, participants, minutes
    ("Inkludering på lika villkor", dt.date(2021, 4, 20), "held",
     "IKF:s ordförande, familjepedagog, handläggare från avdelningen för försörjningsinsatser",
     "Antal deltagare och genomströmning gicks igenom; flera har gått vidare till sfi."),
    ("Inkludering på lika villkor", dt.date(2021, 10, 12), "held",
     "IKF:s ordförande, handledare, enhetschef AMC",
     "Vad deltagarna går vidare till och hur partnerskapet kan utvecklas."),
    ("IOP Bilda Sydöst och Erikshjälpen", dt.date(2024, 5, 14), "held",
     "Bilda Sydöst, Erikshjälpen, Integrations- och arbetsmarknadsförvaltningen",
     "Beläggning och flöde; rekrytering av deltagare via AMC."),
    ("IOP Bilda Sydöst och Erikshjälpen", dt.date(2024, 11, 19), "planned", "", ""),
    ("IOP Östergötlands Stadsmission", dt.date(2024, 6, 4), "held",
     "Östergötlands Stadsmission, Integrations- och arbetsmarknadsförvaltningen",
     "Genomströmning och vad deltagarna går vidare till."),
]


def load(municipality) -> None:
    for name, date, status, participants, minutes in MEETINGS:
        partnership = Partnership.objects.filter(municipality=municipality, name=name).first()
        if partnership is None:
            continue
        held = status == "held"
        DialogueMeeting.objects.update_or_create(
            partnership=partnership, date=date,
            defaults={"municipality": municipality, "status": status,
                      "participants": participants, "minutes": minutes,
                      "topic_participants": held, "topic_flow": held,
                      "topic_next_steps": held, "topic_development": held},
        )
