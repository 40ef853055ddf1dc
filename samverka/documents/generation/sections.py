"""The memo's free-text sections: prefilled from the register, edited by the officer, and the
list of what the register does not hold ("Uppgifter som saknas"), asked for instead of invented.

The prefilled wording of "Förslag till beslut", "Ärende" and "Bakgrund" comes from the templates
documents/memo/sections/*.txt, which a municipality overrides like the memo template itself.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.partnerships.models import AgreementVersion

from . import swedish
from .content import decision_of, register_facts

TEXTS = [
    "officer", "registry_number", "memo_date", "points", "arende", "beslutsunderlag", "bakgrund",
    "economy_note", "municipal_goals", "gender_equality", "consultation", "follow_up", "mbl",
    "signatories", "distribution",
]
FLAGS = ["iop_section"]
EDITABLE = TEXTS + FLAGS
OFFICER_MARK = "(handläggare)"


def _section(name: str, context: dict) -> str:
    text = render_to_string(f"documents/memo/sections/{name}.txt", context)
    return "\n\n".join(" ".join(swedish.lines(block)) for block in text.split("\n\n")
                       if block.strip())


def _signatories(decision) -> tuple[str, list[str]]:
    """(case officer, signatories) from the decision: a line marked "(handläggare)" is the
    officer, who stands in the memo's header, not in its signature block."""
    officer, signing = "", []
    for line in swedish.lines(decision.signatories if decision else ""):
        if line.endswith(OFFICER_MARK):
            officer = line[: -len(OFFICER_MARK)].strip()
        else:
            signing.append(line)
    return officer, signing


def memo_date(version: AgreementVersion, decision) -> dt.date | None:
    """The version's decision (memo) date; today only for a version still being drafted."""
    if decision and decision.date:
        return decision.date
    if version.status == AgreementVersion.Status.DRAFT:
        return timezone.localdate()
    return None


def defaults(version: AgreementVersion, facts: dict | None = None) -> dict:
    """The sections as the register gives them; "" where it holds nothing to say."""
    facts = facts or register_facts(version)
    partnership = version.partnership
    decision = decision_of(version)
    officer, signing = _signatories(decision)
    context = {**facts, "purpose": _purpose(partnership.purpose),
               "change_summary": swedish.prose(version.change_summary),
               "activities": swedish.prose(partnership.activities),
               "target_group_lower": swedish.lower_first(facts["target_group"]),
               "decision_points": decision.point_list if decision else []}
    date = memo_date(version, decision)
    underlag = ""
    if date:
        underlag = (f"Tjänsteskrivelse – {facts['title']}, {date.isoformat()}\n"
                    f"Bilaga 1 – {version.title or facts['partnership']}")
    return {
        "officer": officer,
        "registry_number": decision.registry_number if decision else "",
        "memo_date": date,
        "points": _section("points", context),
        "arende": _section("arende", context),
        "beslutsunderlag": underlag,
        "bakgrund": _section("bakgrund", context),
        "economy_note": "",
        "municipal_goals": _goals(partnership.goal_areas),
        "gender_equality": swedish.prose(partnership.gender_equality),
        "consultation": "\n\n".join(filter(None, [
            swedish.prose(partnership.legal_form_reasoning),
            swedish.prose(decision.consultation) if decision else ""])),
        "follow_up": "",
        "mbl": decision.mbl if decision else "",
        "signatories": "\n".join(signing),
        "distribution": decision.distribution if decision else "",
        "iop_section": facts["is_iop"] and not facts["is_revision"],
    }


def _purpose(text: str) -> str:
    """The partnership's purpose as the end of "… i syfte att …", or "" when it is not prose."""
    text = swedish.lower_first(text or "").rstrip(".")
    if not text.startswith("att ") or swedish.is_shorthand(text):
        return ""
    return text


def _goals(goal_areas: str) -> str:
    text = swedish.prose(goal_areas)
    if text.split(" ", 1)[0] in {"De", "Det", "Den"}:
        return "Överenskommelsen bidrar till måluppfyllelse inom " + swedish.lower_first(text)
    return text


def values(version: AgreementVersion, saved: dict | None = None) -> dict:
    """The defaults with the officer's saved texts on top (a saved "" removes a section)."""
    result = defaults(version)
    for key, value in (saved or {}).items():
        if key in EDITABLE and value is not None:
            result[key] = value
    if isinstance(result["memo_date"], str):
        result["memo_date"] = dt.date.fromisoformat(result["memo_date"]) if result[
            "memo_date"] else None
    return result


def missing(version: AgreementVersion, current: dict, facts: dict | None = None) -> list[str]:
    """What the memo needs and neither the register nor the officer has given, in the memo's
    order; each item names the section where the officer writes it."""
    facts = facts or register_facts(version)
    partnership = version.partnership
    items = []

    def need(condition, text):
        if condition:
            items.append(text)

    need(not current["officer"], _("Handläggare (står i sidhuvudet)."))
    need(not current["memo_date"], _("Tjänsteskrivelsens datum."))
    need(not current["registry_number"], _("Diarienummer, när ärendet har fått ett."))
    need(not _purpose(partnership.purpose), _(
        "Syftet i löptext under Ärende (”… i syfte att …”): registret har bara en förkortning "
        "eller inget: ”%(text)s”.") % {"text": partnership.purpose or "–"})
    need(not facts["target_group"], _(
        "Målgruppen i löptext under Ärende: registret har bara en förkortning eller inget: "
        "”%(text)s”.") % {"text": version.target_group or partnership.target_group or "–"})
    need(not current["bakgrund"], _(
        "Verksamhetens innehåll i löptext under Bakgrund: registret har bara en förkortning "
        "eller inget: ”%(text)s”.") % {"text": partnership.activities or "–"})
    need(not facts["period"], _("Överenskommelsens period (från och med, till och med) i "
                                "registret."))
    need(not facts["total_text"], _("Budget med belopp per part i registret."))
    need(not current["economy_note"], _(
        "Under Ekonomiska konsekvenser: om nämndens insats ryms inom befintlig budgetram."))
    need(not current["municipal_goals"], _("Kommunala mål."))
    need(not current["gender_equality"], _("Jämställdhet."))
    need(not current["consultation"], _("Samråd: med vilka ärendet har beretts."))
    need(not current["follow_up"], _("Uppföljning och utvärdering: hur och hur ofta."))
    need(not current["mbl"], _("Information eller förhandling enligt MBL."))
    need(not current["signatories"], _("Undertecknare."))
    need(not current["distribution"], _("Beslutet skickas till."))
    unassessed = [c["number"] for c in facts["criteria"] if not c["assessment"]]
    need(current["iop_section"] and unassessed, _(
        "Förvaltningens bedömning av riktlinjens kriterier %(numbers)s (registrets "
        "kriteriebedömning).") % {"numbers": ", ".join(map(str, unassessed))})
    return items


def paragraphs(text: str) -> list[str]:
    """Officer text split into paragraphs at blank lines; lines inside one are joined."""
    blocks = [" ".join(swedish.lines(block)) for block in (text or "").split("\n\n")]
    return [b for b in blocks if b]


def memo_context(version: AgreementVersion, texts: dict | None = None) -> dict:
    """The template context: the register's facts and the free texts: TEXTS, or when None the
    version's saved memo draft, over the register's defaults."""
    if texts is None:
        from samverka.documents.models import MemoDraft

        draft = MemoDraft.objects.filter(version=version).first()
        texts = draft.texts if draft else {}
    current = values(version, texts)
    context = register_facts(version)
    date = current["memo_date"]
    context.update({
        "officer": (current["officer"] or "").strip(),
        "registry_number": (current["registry_number"] or "").strip(),
        "memo_date": date.isoformat() if date else "",
        "points": swedish.lines(current["points"]),
        "beslutsunderlag": swedish.lines(current["beslutsunderlag"]),
        "signatories": swedish.lines(current["signatories"]),
        "distribution": swedish.lines(current["distribution"]),
        "iop_section": bool(current["iop_section"]),
    })
    for key in ("arende", "bakgrund", "economy_note", "municipal_goals", "gender_equality",
                "consultation", "follow_up", "mbl"):
        context[key] = paragraphs(current[key])
    return context
