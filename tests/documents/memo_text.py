"""Helpers of the memo text checks: the memo as sentences, its figures, its sentence skeletons."""

from __future__ import annotations

import re

from samverka.documents.generation import memo_context, parse, register_facts, render_text

try:
    from samverka.documents.models import MemoDraft
except ImportError:  # the code before memo drafts (to show that the checks fail on it)
    MemoDraft = None

# Phrases no memo may contain: internal notes, placeholders, codes and English words. Every
# phrase quoted in issue #14 about the memo is here.
FORBIDDEN = [
    # internal notes of the register (#14)
    "period anges inte i källan", "anges inte i källan", "härlett", "(härlett:",
    "värde/år − ANs kostnad/år", "Oklart", "Tjänsteskrivelsen återger riktlinjens kriterium",
    "bedömer det inte särskilt", "Inte bedömt", "Odaterad i källan", "enligt källan",
    "belopp anges inte", "(anges inte)",
    # register shorthand printed as prose (#14)
    "Hälsogrupper m gemensam yoga", " m gemensam", ">20h/v", ">20 h/v", ">10h/v", "<10h/v",
    "2nd hand", "f a kvinnor", "walk n' talk",
    # formatting (#14)
    "2,00 %", "30,00 %", ",00 %",
    # placeholders and template leftovers
    "uppgift saknas", "{{", "}}", "{%", "%}", "TODO", "XXX", "None", "[", "]", "<", ">",
    "–  ", "Lorem",
    # codes and English words
    "iop ", "decided", "active", "ended", "revision", "original", "not_met", "unclear",
    " met ", "True", "False", "null", "Break-even", " the ", " and ", "partnership",
    "committee", "version",
]
# Sentences no source states unless the officer wrote them (#14).
UNSTATED = ["ryms inom befintlig budgetram",
            "Dialogmöten hålls minst två gånger per kalenderår."]

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9])")
_AMOUNT = re.compile(r"(\d{1,3}(?: \d{3})+|\d+)\s*(?:kronor|kr)\b")
_NUMBER = re.compile(r"\d+(?:[ ,]\d+)*")


def memo_markup(version, texts=None) -> str:
    return render_text(memo_context(version, texts))


def blocks(version, texts=None):
    return parse(memo_markup(version, texts))


def plain(version, texts=None) -> str:
    """The memo's text as a reader sees it, one block per line (table cells separated by |)."""
    out = []
    for block in blocks(version, texts):
        if block.kind == "table":
            out += [" | ".join(row) for row in block.rows]
        elif block.text:
            out.append(block.text)
    return "\n".join(out)


def headings(version, texts=None) -> list[str]:
    return [b.text for b in blocks(version, texts) if b.kind == "heading"]


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return out


def amounts(text: str) -> list[int]:
    """Every amount in kronor the text states."""
    return [int(m.group(1).replace(" ", "")) for m in _AMOUNT.finditer(text.replace("\u00a0",
                                                                                     " "))]


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    elif hasattr(value, "__dataclass_fields__"):
        yield from _leaves(vars(value))
    elif value not in (None, "", True, False):
        yield str(value)


COMPOSED = {"partner_sentence", "period", "partners"}  # sentences built by the code: checked


def officer_texts(version, texts=None) -> dict:
    """What the officer wrote: TEXTS, or the saved draft when None."""
    if texts is None and MemoDraft is None:
        return {}
    if texts is None:
        draft = MemoDraft.objects.filter(version=version).first()
        texts = draft.texts if draft else {}
    return texts


def register_values(version, texts=None) -> list[str]:
    """Every value the memo may print as it stands: the register's facts (not the sentences the
    code composes from them), the register's own texts, and what the officer wrote. The
    prefilled section texts are not among them: their sentences must be template skeletons."""
    facts = register_facts(version)
    found = set(_leaves({k: v for k, v in facts.items() if k not in COMPOSED}))
    for party in facts["partners"]:
        found |= {party.name, party.amount_text, getattr(party, "genitive", ""), party.description}
    partnership = version.partnership
    found |= {str(version.extension_count), str(version.extension_years), version.change_summary,
              partnership.purpose, partnership.target_group, partnership.activities,
              partnership.goal_areas, partnership.gender_equality,
              partnership.legal_form_reasoning, partnership.committee.name}
    for decision in version.decisions.all():
        found |= {decision.date.isoformat() if decision.date else "", decision.title,
                  decision.points, decision.signatories, decision.distribution,
                  decision.consultation, decision.mbl, decision.registry_number}
    found |= set(_leaves(officer_texts(version, texts)))
    found |= {part for value in list(found) for part in sentences(value)}
    found |= {line.strip() for value in list(found) for line in value.splitlines()}
    found |= {line[: -len(" (handläggare)")] for line in found if line.endswith("(handläggare)")}
    return sorted((v for v in found if v and v.strip()), key=len, reverse=True)


def skeleton(sentence: str, known: list[str]) -> str:
    """SENTENCE with every register or officer value replaced by "∎" (longest first)."""
    for value in known:
        for form in {value, value[:1].lower() + value[1:]}:  # lower_first() at a sentence start
            sentence = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", "∎", sentence)
    return re.sub(r"∎(\s*∎)+", "∎", sentence)


def numbers_outside_values(sentence: str) -> list[str]:
    return _NUMBER.findall(sentence)
