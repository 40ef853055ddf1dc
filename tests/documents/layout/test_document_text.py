"""Item 2 of issue 14 on every generated document of the demo: no internal note, placeholder,
code or English word (the lists in tests/documents/doctext.py and memo_text.py), and every figure
of a follow-up or portfolio report one that the follow-up's JSON (the publication layer, the
impact summary, the dialogue meetings) or the letterhead holds.

Set SAMVERKA_DOCS_DIR to a folder to get every generated file written there (for docs/images)."""

import os
from pathlib import Path

import pytest

from samverka.core import numbers
from tests.documents.doctext import (
    REPORT_FORBIDDEN,
    SENTENCE_FORBIDDEN,
    contains,
    docx_blocks,
    figures,
    json_figures,
    pdf_text,
)
from tests.documents.memo_text import FORBIDDEN as MEMO_FORBIDDEN

pytestmark = pytest.mark.django_db
# the memo list's markup characters stand for the memo's markup, not its rendered text
MEMO_RENDERED_FORBIDDEN = [p for p in MEMO_FORBIDDEN if p not in ("<", ">")]


def test_write_documents_when_asked(generated):
    folder = os.environ.get("SAMVERKA_DOCS_DIR")
    if not folder:
        pytest.skip("SAMVERKA_DOCS_DIR är inte satt: dokumenten skrivs inte ut")
    Path(folder).mkdir(parents=True, exist_ok=True)
    for suffix, files in (("pdf", generated.pdf), ("docx", generated.docx),
                          ("xlsx", generated.xlsx), ("csv", generated.csv)):
        for name, data in files.items():
            (Path(folder) / f"{name}.{suffix}").write_bytes(data)


def _texts(generated):
    for name, data in generated.pdf.items():
        yield f"{name}.pdf", pdf_text(data)
    for name, data in generated.docx.items():
        yield f"{name}.docx", "\n".join(docx_blocks(data))


def test_no_document_has_a_note_placeholder_code_or_english_word(generated):
    found = []
    for name, text in _texts(generated):
        phrases = MEMO_RENDERED_FORBIDDEN if name.startswith("memo") else REPORT_FORBIDDEN
        found += [f"{name}: {phrase!r}" for phrase in phrases if contains(text, phrase)]
    for name, data in generated.docx.items():
        paragraphs = "\n".join(docx_blocks(data, cells=False)).replace("\u00a0", " ")
        found += [f"{name}: {phrase!r}" for phrase in SENTENCE_FORBIDDEN
                  if contains(paragraphs, phrase)]
    assert not found, "\n".join(found)


def _report_figures(name: str, municipality) -> set[str]:
    """The figures the follow-up's JSON holds for the report NAME ("uppfoljning-<pk>-<year>" or
    "portfolio-<year>"), with the letterhead's."""
    from samverka.followup import publication
    from samverka.followup.dialogue import meeting_years
    from samverka.followup.periods import year_period
    from samverka.followup.report import letterhead
    from samverka.impact.selectors import for_viewer, impact_summary
    from samverka.partnerships.models import Partnership

    parts = name.split("-")
    year = int(parts[-1])
    period = year_period(year)
    if parts[0] == "portfolio":
        data, rows = publication.portfolio(period, [municipality.pk])
        return json_figures(data) | {str(len(rows)), str(year)} | json_figures(
            vars(letterhead(None, municipality, "")))
    partnership = Partnership.objects.get(pk=int(parts[1]))
    data = publication.partnership(partnership, period)
    meetings = list(partnership.dialogue_meetings.filter(date__year=year))
    found = json_figures(data) | json_figures(meetings) | json_figures(
        meeting_years(partnership, meetings, period)) | json_figures(
        for_viewer(impact_summary(partnership, year), None)) | json_figures(
        vars(letterhead(partnership, municipality, "")))
    # "Antal mellan 1 och 4 personer redovisas inte": the rule's bounds
    return found | {"1", str(data["small_cell_threshold"] - 1), str(year)}


def test_every_figure_of_a_report_is_in_the_follow_up_json(generated):
    from samverka.organisations.models import Municipality

    municipality = Municipality.objects.get(code="0580")
    found, checked = [], 0
    for name, data in generated.docx.items():
        if name.startswith("memo"):
            continue  # the memo's figures: tests/documents/test_memo_text.py, per version
        known = _report_figures(name, municipality)
        for block in docx_blocks(data, header=False):
            for figure in figures(block):
                checked += 1
                if figure not in known:
                    found.append(f"{name}: {figure!r} i {block[:120]!r}")
    assert checked > 1000
    assert not found, "\n".join(sorted(set(found))[:80])


def test_the_figure_check_finds_a_figure_the_json_does_not_hold():
    known = json_figures({"occupancy": {"rate_percent": 81.3, "places": 12},
                          "economics": {"value": 1658160}})
    assert set(figures("Beläggningsgraden var 81,3 % (12 platser), värdet 1 658 160 kr.")) \
        <= known
    assert "81,4" not in known and set(figures("värdet 1\u00a0658\u00a0161 kr")) - known
    assert numbers.SUPPRESSED not in figures("..")


def test_the_phrase_check_finds_the_issues_phrases_as_words():
    assert contains("Status: decided.", "decided") and contains("30,00 %", ",00 %")
    assert not contains("Ärende till nämnden", "nan")
    assert contains("Förväntat – Oklart.", "Oklart")
