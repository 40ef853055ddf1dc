"""The memo written from the register has seed 000's figures, in seed 000's sections."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import CommandError, call_command

from samverka.audit.models import AuditEvent
from samverka.documents.actions import generate_memo
from samverka.documents.extraction import extract_bytes
from samverka.documents.generation import memo_context, render
from samverka.documents.models import GeneratedMemo

from .converters import seed_text
from .readback import SECTIONS, docx_sections, pdf_text, text_sections

TITLE = ("Idéburet offentligt partnerskap med Studieförbundet Bilda Sydöst och Erikshjälpen "
         "Linköping")
# Where each of seed 000's figures stands, in the seed and in the generated memo.
FIGURES = {
    "Ekonomiska konsekvenser": ["2 368 800 kronor", "1 658 160 kronor", "minst 592 200 kronor",
                                "118 440 kronor"],
    "Bakgrund": ["40 heltidsplatser", "2024-01-01", "2025-12-31", "2 gånger 2 år"],
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def memos(bilda_version):
    context = memo_context(bilda_version)
    return {fmt: render(context, fmt) for fmt in ("docx", "pdf")}


def _check_sections(sections: list[tuple[str, str]]) -> None:
    assert [heading for heading, _ in sections] == SECTIONS
    body = dict(sections)
    for heading, figures in FIGURES.items():
        for figure in figures:
            assert figure in body[heading], f"{figure!r} saknas under {heading}"
            others = [h for h, text in sections if h != heading and figure in text]
            assert not others, f"{figure!r} står också under {others}"


def test_seed_000_has_the_same_sections_and_figures():
    """The oracle itself: seed 000's headings in this order, the figures in these sections."""
    sections = text_sections(seed_text("000").replace("118 \n440", "118 440"))
    assert [h for h, _ in sections] == SECTIONS
    body = dict(sections)
    for heading, figures in FIGURES.items():
        assert all(figure in body[heading] for figure in figures)


def test_docx_has_seed_000_figures_in_the_right_sections(memos):
    title, sections = docx_sections(memos["docx"])
    assert title == TITLE
    _check_sections(sections)
    body = dict(sections)
    assert "respektive" in body["Ekonomiska konsekvenser"]
    assert "Bilda Sydöst" in body["Ekonomiska konsekvenser"]
    # the signature and the distribution follow the MBL section
    last = body[SECTIONS[-1]]
    assert "Mikaela Schullström" in last and "Beslutet skickas till" in last
    assert last.index("Mikaela Schullström") < last.index("Beslutet skickas till")


def test_pdf_has_seed_000_figures_in_the_right_sections(memos):
    text = pdf_text(memos["pdf"])
    assert TITLE.split()[0] in text and "Sydöst" in text  # å ä ö survive (DejaVuSans)
    _check_sections(text_sections(text))


def test_criteria_section_lists_all_eight_as_assessed(memos):
    """The officer's one recorded assessment is shown; the seven unassessed criteria are listed
    as the seed lists them, without "Oklart" or "Inte bedömt"."""
    _, sections = docx_sections(memos["docx"])
    criteria = dict(sections)["Idéburet Offentligt Partnerskap"]
    assert criteria.count("förvaltningens bedömning: uppfyllt.") == 1
    assert "Oklart" not in criteria and "Inte bedömt" not in criteria
    assert "Båda parter bidrar med resurser enligt Ekonomiska konsekvenser." in criteria
    assert "verksamheten inte detaljregleras från kommunen" in criteria


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_round_trip_extraction_gives_back_the_register(memos, fmt):
    fields = extract_bytes(memos[fmt], name=f"memo.{fmt}")["fields"]
    assert fields["total_yearly_value"]["value"] == 2368800
    assert fields["committee_contribution"]["value"] == 1658160
    parties = {c["value"]["party"]: c["value"] for c in fields["party_contributions"]}
    assert parties["Studieförbundet Bilda Sydöst"]["amount"] == 592200
    assert parties["Erikshjälpen Linköping"]["amount"] == 118440
    assert all(p["minimum"] for p in parties.values())
    assert fields["period_start"]["value"] == "2024-01-01"
    assert fields["period_end"]["value"] == "2025-12-31"
    assert fields["extension"]["value"] == {"count": 2, "years": 2}
    assert fields["places"]["value"] == 40
    assert fields["committee"]["value"] == "Arbetsmarknadsnämnden"
    assert fields["signatories"]["value"] == ["Mikaela Schullström"]


def test_edited_free_text_appears_and_figures_stay(bilda_version):
    texts = {"samrad": "ignored", "consultation": "Samråd har skett med juridikenheten.",
             "registry_number": "AN 2023-999"}
    data = render(memo_context(bilda_version, texts), "docx")
    _, sections = docx_sections(data)
    assert dict(sections)["Samråd"] == "Samråd har skett med juridikenheten."
    fields = extract_bytes(data, name="memo.docx")["fields"]
    assert fields["registry_number"]["value"] == "AN 2023-999"
    assert fields["total_yearly_value"]["value"] == 2368800


def test_each_generation_adds_a_numbered_version(bilda_version, officer):
    first = generate_memo(officer, bilda_version, "docx")
    second = generate_memo(officer, bilda_version, "pdf")
    third = generate_memo(officer, bilda_version, "docx", {"consultation": "Ny text."})
    assert [m.number for m in (first, second, third)] == [1, 2, 3]
    stored = GeneratedMemo.objects.filter(version=bilda_version).order_by("number")
    assert [m.format for m in stored] == ["docx", "pdf", "docx"]
    for memo in stored:
        content = bytes(memo.content)
        assert memo.sha256 == hashlib.sha256(content).hexdigest() and memo.size == len(content)
        assert memo.created_by == officer
        assert memo.decision is not None
        assert memo.file_name.endswith(f"-{memo.number}.{memo.format}")
    assert bytes(stored[0].content)[:2] == b"PK" and bytes(stored[1].content)[:4] == b"%PDF"
    assert stored[2].texts == {"consultation": "Ny text."}
    events = AuditEvent.objects.filter(action="memo.generate",
                                       object_type="documents.generatedmemo")
    assert events.count() == 3


def test_cli_writes_the_memo(bilda_version, tmp_path):
    out = tmp_path / "memo.pdf"
    call_command("memo", "IOP Bilda Sydöst och Erikshjälpen", "--version", "1", "--format",
                 "pdf", "--output", str(out))
    assert out.read_bytes()[:4] == b"%PDF"
    assert "2 368 800" in pdf_text(out.read_bytes()).replace("\u00a0", " ")
    assert not GeneratedMemo.objects.exists()
    call_command("memo", "iop bilda sydöst och erikshjälpen", "--format", "docx", "--output",
                 str(tmp_path / "memo.docx"), "--spara")
    assert GeneratedMemo.objects.get().number == 1


def test_cli_unknown_partnership_or_version_is_a_swedish_error(bilda_version, tmp_path):
    out = str(tmp_path / "x.docx")
    with pytest.raises(CommandError, match="Det finns inget partnerskap som heter ”Okänt”"):
        call_command("memo", "Okänt", "--output", out)
    with pytest.raises(CommandError, match="ingen version 9 av överenskommelsen"):
        call_command("memo", "IOP Bilda Sydöst och Erikshjälpen", "--version", "9", "--output",
                     out)
