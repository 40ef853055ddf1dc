"""Item 1 of issue 14: every generated PDF of the demo fits its pages and is numbered "N (M)"."""

import pytest

from tests.documents.pagecheck import problems

pytestmark = pytest.mark.django_db


def test_every_demo_document_is_generated(generated):
    kinds = {name.split("-")[0] for name in generated.pdf}
    assert kinds == {"portfolio", "uppfoljning", "memo"}
    assert len([n for n in generated.pdf if n.startswith("memo")]) >= 5


def test_every_pdf_keeps_inside_the_text_area(generated):
    found = [p for name, pdf in generated.pdf.items() for p in problems(pdf, name)]
    assert not found, "\n".join(found[:30])
