"""The demo's memo drafts: for each seed-based agreement version, the sections its officer wrote
in the seed memo that the register has no field for (follow-up, budget coverage, the list of
decision documents). Loaded by `samverka load_demo`; every text is quoted from its seed."""

from samverka.partnerships.models import AgreementVersion

from .models import MemoDraft

FOLLOW_UP_2023 = ("Parterna kommer löpande att följa upp och utvärdera beläggningsgrad, flöde och "
                  "verksamhetens innehåll. Partnerskapet redovisas skriftligen till "
                  "arbetsmarknadsnämnden en gång per år.")
BUDGET_2023 = "Arbetsmarknadsnämndens insats ryms inom befintlig budgetram."

DRAFTS = {
    # seed 000
    ("IOP Bilda Sydöst och Erikshjälpen", 1): {
        "beslutsunderlag": "Tjänsteskrivelse – Idéburet offentligt partnerskap med Bilda och "
                           "Erikshjälpen, 2023-08-29\nBilaga 1 – IOP Studieförbundet Bilda Sydöst "
                           "och Erikshjälpen",
        "economy_note": BUDGET_2023,
        "follow_up": FOLLOW_UP_2023,
    },
    # seed 001
    ("IOP Östergötlands Stadsmission", 1): {
        "beslutsunderlag": "Tjänsteskrivelse – Idéburet Offentligt Partnerskap med "
                           "Östergötlands Stadsmission, 2023-08-30\nBilaga 1 – IOP Östergötlands "
                           "Stadsmission",
        "economy_note": BUDGET_2023,
        "follow_up": FOLLOW_UP_2023,
    },
    # seed 002: no list of decision documents
    ("Hoppfull framtid", 2): {
        "beslutsunderlag": "",
        "economy_note": "Det bedöms finnas utrymme för många fler deltagare inom "
                        "partnerskapet.",
        "follow_up": "Uppföljning sker inom ramarna för partnerskapet.",
    },
    # seed 004
    ("Inkludering på lika villkor", 2): {
        "beslutsunderlag": "Tjänsteskrivelse – Idéburet offentligt partnerskap, Internationella "
                           "Kvinnoföreningen i Linköping (nov -20)\nBilaga Överenskommelse om IOP "
                           "– IKF (nov 2020).docx",
        "follow_up": "Uppföljning av aktiviteter sker regelbundet genom återkommande "
                     "dialogmöten, som sker minst två gånger per kalenderår. Vad som diskuteras "
                     "är antal deltagare, genomströmning, vad deltagarna går vidare till och på "
                     "vilket sätt parterna tillsammans kan utveckla partnerskapet för "
                     "deltagarnas bästa.",
    },
}


def load_memo_drafts(municipality) -> None:
    """Create or reset the demo's memo drafts (idempotent)."""
    for (name, number), texts in DRAFTS.items():
        version = AgreementVersion.objects.filter(
            partnership__municipality=municipality, partnership__name=name, number=number
        ).first()
        if version is not None:
            MemoDraft.objects.update_or_create(
                version=version, defaults={"municipality": municipality, "texts": texts})
