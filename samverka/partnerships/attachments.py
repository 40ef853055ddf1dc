"""Attachments of a partnership: upload (a new version of the same kind and object keeps the old
ones) and download, each through accounts/policy.py; uploads checked by core/uploads.py."""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.core.uploads import check_attachment

from .models import Attachment, Partnership


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Slag av handling"),
                             choices=Attachment.Kind.choices)
    target = forms.ChoiceField(label=gettext_lazy("Hör till"))
    file = forms.FileField(label=gettext_lazy("Fil"), help_text=gettext_lazy(
        "PDF, Word, Excel, OpenDocument, PNG eller JPEG, högst 8 MB."))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets(partnership)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        data = upload.read()
        try:
            self.content_type = check_attachment(upload.name, data)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        self.content = data
        return upload


def targets(partnership) -> list[tuple[str, str]]:
    """The objects of PARTNERSHIP an attachment can belong to, as (key, label)."""
    choices = [("", _("Partnerskapet som helhet"))]
    choices += [(f"version:{v.pk}", _("Överenskommelse, version %(n)s") % {"n": v.number})
                for v in partnership.versions.all()]
    choices += [(f"decision:{d.pk}", _("Beslut: %(title)s") % {"title": d.title[:80]})
                for d in partnership.decisions.all()]
    choices += [(f"meeting:{m.pk}", _("Dialogmöte %(date)s") % {"date": f"{m.date:%Y-%m-%d}"})
                for m in partnership.dialogue_meetings.all()]
    return choices


def _target_fields(partnership, key: str) -> dict:
    if not key:
        return {}
    kind, _sep, pk = key.partition(":")
    related = {"version": partnership.versions, "decision": partnership.decisions,
               "meeting": partnership.dialogue_meetings}.get(kind)
    found = related.filter(pk=pk).first() if related is not None and pk.isdigit() else None
    if found is None:
        raise ValidationError({"target": _("Välj vad handlingen hör till.")})
    return {kind: found}


@transaction.atomic
def add_attachment(user, partnership, *, kind, target, file_name, content_type, content):
    """Store a file with PARTNERSHIP (and TARGET's object) as the next version of its kind."""
    if not policy.may_edit_partnership(user, partnership):
        raise PermissionDenied
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": _("Välj slag av handling.")})
    related = _target_fields(partnership, target)
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()  # numbering
    same = Attachment.objects.filter(partnership=partnership, kind=kind,
                                     **{"version": None, "decision": None, "meeting": None,
                                        **related})
    number = (same.aggregate(n=Max("number"))["n"] or 0) + 1
    attachment = Attachment.objects.create(
        partnership=partnership, kind=kind, number=number, file_name=_safe_name(file_name),
        content_type=content_type, size=len(content), content=content, uploaded_by=user,
        **related)
    record(user, "attachment.create", attachment, {
        "_partnership": partnership.pk, "_object": str(attachment), "kind": kind,
        "number": number, "file_name": attachment.file_name, "size": attachment.size,
        "target": target})
    return attachment


def _safe_name(name: str) -> str:
    base = re.sub(r"[^\w.\- ]+", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip()
    return (base or "bilaga")[:200]


@login_required
def attachment_create(request, pk):
    partnership = get_object_or_404(Partnership, pk=pk)
    policy.require(request.user, policy.EDIT_REGISTER, partnership.municipality_id)
    form = AttachmentForm(request.POST or None, request.FILES or None, partnership=partnership,
                          initial={"target": request.GET.get("hor_till", "")[:40]})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment = add_attachment(
                request.user, partnership, kind=form.cleaned_data["kind"],
                target=form.cleaned_data["target"], file_name=upload.name,
                content_type=form.content_type, content=form.content)
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                form.add_error(name, errors)
        else:
            messages.success(request, _("Handlingen är sparad: %(name)s, version %(n)s.")
                             % {"name": attachment.file_name, "n": attachment.number})
            return redirect(f"{partnership_url(partnership)}#attachments")
    return render(request, "partnerships/attachment_form.html", {
        "nav": "portfolio", "partnership": partnership, "form": form,
    }, status=400 if form.is_bound else 200)


def partnership_url(partnership) -> str:
    from django.urls import reverse

    return reverse("partnership_detail", args=[partnership.pk])


@login_required
def attachment_download(request, attachment_pk):
    attachment = Attachment.objects.select_related("partnership").filter(
        pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    profile = policy.profile_of(request.user)
    if profile is None or profile.municipality_id != attachment.partnership.municipality_id:
        raise Http404
    if not policy.may_view_attachment(request.user, attachment):
        raise PermissionDenied
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachments_of(user, partnership) -> list:
    """PARTNERSHIP's attachments USER may download, newest version of each kind first (no file
    contents read)."""
    rows = list(Attachment.objects.filter(partnership=partnership).defer("content")
                .select_related("version", "decision", "meeting", "uploaded_by")
                .order_by("kind", "version_id", "decision_id", "meeting_id", "-number"))
    return [row for row in rows if policy.may_view_attachment(user, row)]
