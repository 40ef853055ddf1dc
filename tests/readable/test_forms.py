"""Every form (issue 15): an error summary at the top linked to the fields (focus moved there by
static JavaScript, no inline script), a cancel link, and a confirmation after saving."""

import re
from pathlib import Path

from django.urls import reverse

from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures

ROOT = Path(__file__).resolve().parents[2] / "samverka"
# Templates whose form enters data: each has "Avbryt" and an error summary.
FIELD_FORM = re.compile(r'includes/field\.html|_form_fields\.html')
# Not data-entry forms: sign-in (no page to go back to), a search box, the rows of a formset.
NOT_DATA_ENTRY = {
    "templates/registration/login.html", "templates/registration/otp_enrol.html",
    "templates/registration/otp_verify.html", "participants/templates/participants/_search.html",
    "participants/templates/participants/_form_fields.html",
    "participants/templates/participants/access_log.html",  # a filter (GET), "Rensa filtret"
    "impact/templates/impact/includes/rows.html",
}
SUMMARY = re.compile(r'includes/form_errors\.html|impact/includes/errors\.html|_form_fields\.html'
                     r'|id="form-errors"')


def _with_includes(text: str) -> str:
    """TEXT with the templates it includes appended (a shared actions row holds the link)."""
    included = [next(ROOT.rglob(f"templates/{name}"), None)
                for name in re.findall(r'{% include "([^"]+)"', text)]
    return text + "".join(path.read_text() for path in included if path)


def _form_templates():
    for path in sorted(ROOT.rglob("*.html")):
        name = str(path.relative_to(ROOT))
        if FIELD_FORM.search(path.read_text()) and name not in NOT_DATA_ENTRY:
            yield name, path.read_text()


def test_every_form_has_a_cancel_link_and_an_error_summary():
    found = list(_form_templates())
    assert len(found) >= 20
    missing_cancel = [name for name, text in found if "Avbryt" not in _with_includes(text)]
    missing_summary = [name for name, text in found if not SUMMARY.search(text)]
    assert missing_cancel == [] and missing_summary == []


def test_no_inline_script_and_the_focus_script_is_loaded():
    inline = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.html")
              if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", p.read_text())
              or re.search(r"\son[a-z]+=\"", p.read_text())]
    assert inline == []
    base = (ROOT / "templates/base.html").read_text()
    assert "samverka/samverka.js" in base
    script = (ROOT / "static/samverka/samverka.js").read_text()
    assert "#form-errors" in script and ".focus()" in script


def test_invalid_referral_shows_a_summary_linked_to_the_fields(world, login):  # noqa: F811
    response = login(world.users["case_worker"]).post(
        reverse("participants:referral_create"), {"kind": "personnummer"})
    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index('id="form-errors"'):]
    summary = summary[:summary.index("</div>")]
    assert 'href="#id_first_name"' in summary and 'href="#id_last_name"' in summary
    assert 'tabindex="-1"' in html[html.rindex("<div", 0, html.index('id="form-errors"')):][:200]
    assert 'id="id_first_name"' in html
    assert f'href="{reverse("participants:list")}">Avbryt' in html
