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
from samverka.partnerships.models import AgreementVersion, Partnership

from . import importing
from .actions import ImportRefused, confirm_import, generate_memo
from .extraction import ExtractionError, extract_bytes, extract_text
from .forms import ImportForm, MemoForm, MemoUploadForm, PartyImportFormSet, check_sum
from .generation import CONTENT_TYPES, editable_defaults, register_facts
from .models import GeneratedMemo
from .presentation import review_rows, source_lines


@login_required
def upload(request):
    """Upload a memo, review the proposal beside its text, correct it and confirm it."""
    policy.require(request.user, policy.EDIT_REGISTER)
    if request.method == "POST" and "confirm" in request.POST:
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
    return render(request, "documents/upload.html", context, status=status)


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
    if form.is_valid() and parties.is_valid():
        rows = [row for row in (f.cleaned_data for f in parties) if row.get("name")]
        check_sum(form, rows)
        if form.is_valid():
            try:
                partnership, version, _decision = confirm_import(
                    request.user, request.user.profile.municipality, form.cleaned_data, rows,
                    result)
            except ImportRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _(
                    "Tjänsteskrivelsen är inläst i registret: %(name)s, version %(number)s."
                ) % {"name": partnership.name, "number": version.number})
                return redirect("partnership_detail", partnership.pk)
    context = {"nav": "documents", "form": MemoUploadForm(), "error": None, "result": result,
               "import_form": form, "parties": parties}
    return _review(request, context, result, 400)


def _version(request, pk, version_pk, action):
    partnership = get_object_or_404(Partnership.objects.select_related("municipality"), pk=pk)
    policy.require(request.user, action, partnership.municipality_id)
    version = get_object_or_404(AgreementVersion, pk=version_pk, partnership=partnership)
    return partnership, version


@login_required
def memo(request, pk, version_pk):
    """The memo form, prefilled from the register, and the stored versions of the memo."""
    partnership, version = _version(request, pk, version_pk, policy.EDIT_REGISTER)
    form = MemoForm(request.POST or None, initial=editable_defaults(version))
    if request.method == "POST" and form.is_valid():
        created = generate_memo(request.user, version, form.cleaned_data["format"], form.texts())
        messages.success(request, _("Tjänsteskrivelsen är skapad och sparad som version "
                                    "%(number)s.") % {"number": created.number})
        return redirect(request.path)
    memos = GeneratedMemo.objects.filter(version=version).select_related("created_by").defer(
        "content")
    return render(request, "documents/memo.html", {
        "nav": "documents", "partnership": partnership, "version": version, "form": form,
        "facts": register_facts(version), "memos": memos,
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
