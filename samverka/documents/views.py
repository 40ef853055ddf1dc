"""Pages of the documents app: write a memo from the register; read a memo into the register.

Views are thin: check the policy, call generation/extraction or an action, render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.core.conflicts import conflict_rows
from samverka.partnerships.models import AgreementVersion, Partnership

from . import importing
from .actions import ImportRefused, confirm_import, confirm_tables, generate_memo
from .drafts import DraftConflict, save_draft, saved_texts
from .extraction import ExtractionError, extract_bytes, extract_text
from .forms import (
    ImportForm,
    MemoForm,
    MemoUploadForm,
    PartyImportFormSet,
    TableImportForm,
    check_sum,
    check_unique_names,
    table_row_formset,
)
from .generation import CONTENT_TYPES, missing, register_facts, values
from .importing import DuplicatePartnership
from .models import GeneratedMemo
from .presentation import review_rows, source_lines
from .tables import table_proposals


@login_required
def upload(request):
    """Upload a memo, review the proposal beside its text, correct it and confirm it."""
    policy.require(request.user, policy.IMPORT_DOCUMENTS)
    if request.method == "POST" and "confirm_tables" in request.POST:
        return _confirm_tables(request)
    if request.method == "POST" and ("confirm" in request.POST
                                     or request.POST.get("update_existing")):
        return _confirm(request)
    result = None
    error = None
    if request.method == "POST":
        form = MemoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            memo = form.cleaned_data["memo"]
            try:
                result = extract_bytes(memo.read(), name=memo.name)
            except ExtractionError as exc:
                error = str(exc)
    else:
        form = MemoUploadForm()
    context = {"nav": "documents", "form": form, "error": error, "result": result}
    if result is not None:
        found = importing.conflicts(result)
        context["import_form"] = ImportForm(
            initial={**importing.initial(result), "source_text": result["text"],
                     "file_name": result["file"]},
            conflicts=found,
        )
        context["parties"] = PartyImportFormSet(initial=importing.party_initial(result),
                                                prefix="parter")
    status = 400 if request.method == "POST" and result is None else 200
    return _review(request, context, result, status)


def _review(request, context, result, status):
    if result is not None:
        context["rows"] = review_rows(result)
        context["lines"] = source_lines(result)
        if "table_form" not in context:
            context.update(_table_context(result))
    return render(request, "documents/upload.html", context, status=status)


def _table_context(result, data=None) -> dict:
    """The memo's tables, each row paired with its form; empty when the memo has no table."""
    tables = table_proposals(result)
    if not tables:
        return {"table_form": None, "tables": []}
    committee = (result["fields"].get("committee") or {}).get("value")
    administration = (result["fields"].get("administration") or {}).get("value")
    form = TableImportForm(data, tables=tables, initial={
        "source_text": result["text"], "file_name": result["file"],
        "committee": committee or "", "administration": administration or "",
    })
    shown = []
    for table in tables:
        formset = table_row_formset(table, data)
        shown.append({"table": table, "formset": formset, "year": form.year_field(table),
                      "rows": list(zip(table.rows, formset.forms, strict=False))})
    return {"table_form": form, "tables": shown}


def _result_from_post(request):
    text = request.POST.get("source_text", "")
    return {"file": request.POST.get("file_name", ""), "format": "txt",
            **extract_text(text), "text": text}


def _confirm_tables(request):
    try:
        result = _result_from_post(request)
    except ExtractionError as exc:
        return _review(request, {"nav": "documents", "form": MemoUploadForm(),
                                 "error": str(exc), "result": None}, None, 400)
    context = {"nav": "documents", "form": MemoUploadForm(), "error": None, "result": result,
               **_table_context(result, request.POST)}
    form = context["table_form"]
    if form is None:
        context["error"] = _("Tjänsteskrivelsen innehåller ingen tabell att läsa in.")
        return _review(request, context, result, 400)
    shown = context["tables"]
    valid = form.is_valid() & all([item["formset"].is_valid() for item in shown])
    valid = valid and check_unique_names([item["formset"] for item in shown])
    selected = []
    if valid:
        for item in shown:
            table = item["table"]
            for row, row_form in item["rows"]:
                data = row_form.cleaned_data
                if data.get("include"):
                    selected.append({
                        "table": table, "row": row, "year": form.cleaned_data[f"year_{table.key}"],
                        "name": data["name"].strip(), "value": data.get("value"),
                        "committee_cost": data["committee_cost"],
                        "form": data.get("form") or row.form,
                    })
        if not selected:
            form.add_error(None, _("Välj minst en rad att ta med."))
            valid = False
    if valid:
        fields = result["fields"]
        try:
            counts = confirm_tables(
                request.user, request.user.profile.municipality,
                committee_name=form.cleaned_data["committee"],
                administration_name=form.cleaned_data.get("administration") or "",
                source={"file_name": result["file"],
                        "title": (fields.get("title") or {}).get("value") or result["file"],
                        "registry_number": (fields.get("registry_number") or {}).get("value"),
                        "document_date": (fields.get("memo_date") or {}).get("value")},
                selected=selected)
        except ImportRefused as exc:
            form.add_error("committee", str(exc))
        else:
            messages.success(request, _(
                "Tabellerna är inlästa i registret: %(created)s nya och %(updated)s uppdaterade "
                "partnerskap."
            ) % counts)
            year = selected[0]["year"]
            return redirect(f"{reverse('portfolio')}?year={year}")
    return _review(request, context, result, 400)


def _confirm(request):
    text = request.POST.get("source_text", "")
    try:
        result = {"file": request.POST.get("file_name", ""), "format": "txt",
                  **extract_text(text), "text": text}
    except ExtractionError as exc:
        return _review(request, {"nav": "documents", "form": MemoUploadForm(),
                                 "error": str(exc), "result": None}, None, 400)
    form = ImportForm(request.POST, conflicts=importing.conflicts(result))
    parties = PartyImportFormSet(request.POST, prefix="parter")
    duplicate = None
    if form.is_valid() and parties.is_valid():
        rows = [row for row in (f.cleaned_data for f in parties) if row.get("name")]
        check_sum(form, rows)
        if form.is_valid():
            try:
                partnership, version, _decision = confirm_import(
                    request.user, request.user.profile.municipality, form.cleaned_data, rows,
                    result)
            except DuplicatePartnership as exc:
                form.add_error("partnership_name", str(exc))
                duplicate = exc.existing
            except ImportRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _(
                    "Tjänsteskrivelsen är inläst i registret: %(name)s, version %(number)s."
                ) % {"name": partnership.name, "number": version.number})
                return redirect("partnership_detail", partnership.pk)
    context = {"nav": "documents", "form": MemoUploadForm(), "error": None, "result": result,
               "import_form": form, "parties": parties, "duplicate": duplicate}
    return _review(request, context, result, 400)


def _version(request, pk, version_pk, action):
    partnership = get_object_or_404(Partnership.objects.select_related("municipality"), pk=pk)
    policy.require(request.user, action, partnership.municipality_id)
    version = get_object_or_404(AgreementVersion, pk=version_pk, partnership=partnership)
    return partnership, version


@login_required
def memo(request, pk, version_pk):
    """The memo form, prefilled from the register and the saved draft, with what is missing;
    "Spara texterna" saves the draft, "Skapa dokument" saves it and generates the file."""
    partnership, version = _version(request, pk, version_pk, policy.EDIT_REGISTER)
    saved, lock = saved_texts(version)
    current = values(version, saved)
    form = MemoForm(request.POST or None, initial={**current, "lock_version": lock})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            draft = save_draft(request.user, version, form.texts(),
                               form.cleaned_data["lock_version"])
        except DraftConflict as exc:
            form.add_error(None, str(exc))
            mine = form.texts()
            conflict = conflict_rows(form.fields, mine, {k: values(version, exc.saved)[k]
                                                         for k in mine})
            form.data = {**form.data.dict(), "lock_version": saved_texts(version)[1]}
        else:
            if "generate" in request.POST:
                created = generate_memo(request.user, version, form.cleaned_data["format"],
                                        draft.texts)
                messages.success(request, _("Tjänsteskrivelsen är skapad och sparad som "
                                            "version %(number)s.") % {"number": created.number})
            else:
                messages.success(request, _("Texterna är sparade."))
            return redirect(request.path)
    memos = GeneratedMemo.objects.filter(version=version).select_related("created_by").defer(
        "content")
    facts = register_facts(version)
    return render(request, "documents/memo.html", {
        "nav": "documents", "partnership": partnership, "version": version, "form": form,
        "facts": facts, "memos": memos, "missing": missing(version, current, facts),
        "conflict": conflict,
    }, status=400 if request.method == "POST" else 200)


@login_required
def memo_download(request, memo_pk):
    stored = get_object_or_404(GeneratedMemo, pk=memo_pk)
    policy.require(request.user, policy.VIEW_REGISTER, stored.municipality_id)
    response = HttpResponse(bytes(stored.content), content_type=CONTENT_TYPES[stored.format])
    response["Content-Disposition"] = f'attachment; filename="{stored.file_name}"'
    return response


def memo_url(version) -> str:
    return reverse("documents:memo", args=[version.partnership_id, version.pk])
