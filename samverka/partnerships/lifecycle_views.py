"""Web forms of an agreement's lifecycle: extend by one option, terminate."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.accounts import policy
from samverka.organisations.models import Organisation

from . import lifecycle
from .actions import Conflict
from .forms import DATE_WIDGET, LockVersionField, municipal_bodies
from .models import AgreementVersion, Partnership


class DecisionFields(forms.Form):
    """The decision behind a lifecycle step, and the version of the agreement as read."""

    lock_version = LockVersionField(required=False)
    decision_date = forms.DateField(label=gettext_lazy("Beslutsdatum"), widget=DATE_WIDGET,
                                    error_messages={"required": gettext_lazy(
                                        "Ange beslutets datum.")})
    body = forms.ModelChoiceField(label=gettext_lazy("Beslutande organ"),
                                  queryset=Organisation.objects.none())
    registry_number = forms.CharField(label=gettext_lazy("Diarienummer"), max_length=40,
                                      required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = municipal_bodies(partnership.municipality)

    def decision(self) -> lifecycle.DecisionInput:
        data = self.cleaned_data
        return lifecycle.DecisionInput(data["decision_date"], data["body"],
                                       data.get("registry_number") or "")


class ExtendForm(DecisionFields):
    pass


class TerminateForm(DecisionFields):
    terminated_on = forms.DateField(label=gettext_lazy("Överenskommelsen upphör"),
                                    widget=DATE_WIDGET, error_messages={
                                        "required": gettext_lazy(
                                            "Ange när överenskommelsen upphör.")})
    reason = forms.CharField(label=gettext_lazy("Skäl till uppsägningen"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["terminated_on", "reason", "decision_date", "body", "registry_number"]


def _version(request, pk, version_pk):
    partnership = get_object_or_404(Partnership.objects.select_related("municipality"), pk=pk)
    policy.require(request.user, policy.EDIT_REGISTER, partnership.municipality_id)
    version = get_object_or_404(AgreementVersion, pk=version_pk, partnership=partnership)
    return partnership, version


def _lifecycle(request, pk, version_pk, form_class, run, title, done):
    partnership, version = _version(request, pk, version_pk)
    initial = {"lock_version": version.lock_version, "body": partnership.committee_id}
    form = form_class(request.POST or None, partnership=partnership, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            run(request.user, version, form)
        except Conflict:
            conflict = True
            form.add_error(None, _("Någon annan har ändrat överenskommelsen medan du fyllde i "
                                   "formuläret. Inget sparades; läs uppgifterna nedan och "
                                   "försök igen."))
            form.data = form.data.copy()
            form.data["lock_version"] = AgreementVersion.objects.get(pk=version.pk).lock_version
            version.refresh_from_db()
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, done(version))
            return redirect("partnership_detail", partnership.pk)
    return render(request, "partnerships/lifecycle_form.html", {
        "nav": "portfolio", "partnership": partnership, "version": version, "form": form,
        "title": title, "new_end": lifecycle.new_end(version),
        "extending": form_class is ExtendForm,
    }, status=409 if conflict else 400 if form.is_bound else 200)


def _apply(form, error: ValidationError) -> None:
    """Put ERROR's messages on FORM's fields (unknown fields: on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def version_extend(request, pk, version_pk):
    def run(user, version, form):
        lifecycle.extend_agreement(user, version, form.cleaned_data["lock_version"],
                                   form.decision())

    def done(version):
        version.refresh_from_db()
        return _("Förlängningen är registrerad: överenskommelsen gäller till och med %(end)s.") \
            % {"end": f"{version.current_end:%Y-%m-%d}"}

    return _lifecycle(request, pk, version_pk, ExtendForm, run,
                      _("Förläng överenskommelsen"), done)


@login_required
def version_terminate(request, pk, version_pk):
    def run(user, version, form):
        data = form.cleaned_data
        lifecycle.terminate_agreement(user, version, data["lock_version"],
                                      terminated_on=data["terminated_on"],
                                      reason=data["reason"], decision=form.decision())

    def done(version):
        version.refresh_from_db()
        return _("Uppsägningen är registrerad: överenskommelsen upphör %(date)s.") % {
            "date": f"{version.terminated_on:%Y-%m-%d}"}

    return _lifecycle(request, pk, version_pk, TerminateForm, run,
                      _("Säg upp överenskommelsen"), done)
