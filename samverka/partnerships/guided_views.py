"""The guided flow's pages (issue 15): one page per step, each saved through the register's actions.

A step's POST saves what it holds and goes on to the next step; nothing is kept in the session, so
an officer who stops halfway finds everything saved and the checklist saying what is missing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation

from . import actions, guided
from . import forms as register_forms
from . import guided_forms as step_forms
from .models import AgreementVersion, Decision, Partnership, Party
from .views import (
    _conflict,
    _municipality,
    _partnership,
    _save_or_errors,
    _status,
    criteria_rows,
    criteria_step,
)


def _render(request, template, partnership, step, context):
    checklist = guided.checklist(partnership)
    return render(request, f"partnerships/guided/{template}", {
        "partnership": partnership, "step": step, "checklist": checklist,
        "steps": checklist.steps(step), "step_label": dict(guided.STEPS)[step],
        "step_number": guided.STEP_KEYS.index(step) + 1, "step_count": len(guided.STEPS),
        "next_url": (guided.step_url(partnership, guided.next_step(step))
                     if partnership and guided.next_step(step) else None),
        **context,
    }, status=_status(request))


def _submit(user, action, form, expected_version=None):
    """Save FORM (built by the flow from validated input) through the register's ACTION."""
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    return action(user, form, expected_version)


def _add_party(user, partnership, organisation, role):
    form = register_forms.PartyForm({"organisation": organisation.pk, "role": role},
                                    instance=Party(partnership=partnership),
                                    municipality=partnership.municipality)
    return _submit(user, actions.save_party, form)


def _new_organisation(user, municipality, data):
    form = register_forms.OrganisationForm(data, instance=Organisation(municipality=municipality),
                                           municipality=municipality)
    return _submit(user, actions.save_organisation, form)


@transaction.atomic
def _create(user, municipality, form):
    """Step 1's writes: the organisation when new, the partnership, the committee and the
    organisation as parties, and the creating officer as the responsible one."""
    organisation = form.cleaned_data["organisation"] or _new_organisation(
        user, municipality, form.organisation_data(Organisation.Kind.CIVIL_SOCIETY))
    partnership = _submit(user, actions.save_partnership, register_forms.PartnershipForm(
        form.partnership_data(), instance=Partnership(municipality=municipality),
        municipality=municipality))
    _add_party(user, partnership, partnership.committee, Party.Role.COMMITTEE)
    _add_party(user, partnership, organisation, Party.Role.PARTNER)
    if policy.may_assign_responsible(user, partnership) and \
            policy.may_be_responsible(user, partnership):
        responsible = register_forms.ResponsibleForm(
            {"responsible_officer": user.pk, "deputy_officer": "",
             "lock_version": partnership.lock_version},
            instance=partnership, municipality=municipality)
        _submit(user, actions.save_responsible, responsible, partnership.lock_version)
    return partnership


@login_required
def new(request):
    municipality = _municipality(request, policy.EDIT_REGISTER)
    form = step_forms.StartForm(request.POST or None, municipality=municipality,
                                committee=guided.default_committee(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            partnership = _create(request.user, municipality, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Partnerskapet är skapat. Nämnden och organisationen är "
                                        "tillagda som parter."))
            return redirect(guided.step_url(partnership, "parties"))
    started = (Partnership.objects.filter(municipality=municipality)
               .filter(Q(versions__isnull=True) | Q(versions__status=AgreementVersion.Status.DRAFT))
               .distinct().order_by("name"))
    return _render(request, "start.html", None, "start", {"form": form, "started": started})


def _ensure_committee_party(user, partnership):
    if not partnership.parties.filter(organisation=partnership.committee).exists():
        _add_party(user, partnership, partnership.committee, Party.Role.COMMITTEE)


@login_required
def start(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    form = step_forms.PartnershipStepForm(request.POST or None, instance=partnership,
                                          municipality=partnership.municipality)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = _save_or_errors(request, form, actions.save_partnership)
            if saved is not None:
                _ensure_committee_party(request.user, saved)
        if saved is not None:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(guided.step_url(saved, "parties"))
    return _render(request, "step.html", partnership, "start", {
        "form": form, "conflict": getattr(request, "conflict", None)})


@login_required
def parties(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    current = guided.parties_in_order(partnership)
    form = step_forms.NewPartyForm(request.POST or None, municipality=partnership.municipality,
                                   exclude=[party.organisation_id for party in current])
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                organisation = form.cleaned_data["organisation"] or _new_organisation(
                    request.user, partnership.municipality,
                    form.organisation_data(form.cleaned_data["new_kind"]))
                party = _add_party(request.user, partnership, organisation,
                                   form.cleaned_data["role"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s är tillagd som part.")
                             % {"name": party.organisation.name})
            return redirect(guided.step_url(partnership, "parties"))
    return _render(request, "parties.html", partnership, "parties", {
        "form": form, "parties": current})


@login_required
def agreement(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    version = guided.first_version(partnership) or AgreementVersion(
        partnership=partnership, number=1, kind=AgreementVersion.Kind.ORIGINAL,
        status=AgreementVersion.Status.DRAFT, title=partnership.name)
    form = step_forms.AgreementStepForm(request.POST or None, instance=version,
                                        municipality=partnership.municipality)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_errors(request, form, actions.save_agreement_version)
        if saved is not None:
            messages.success(request, _("Överenskommelsen är sparad."))
            return redirect(guided.step_url(partnership, "budget"))
    return _render(request, "step.html", partnership, "agreement", {
        "form": form, "conflict": getattr(request, "conflict", None), "version": version})


def _needs_agreement(request, partnership):
    messages.error(request, _("Ange överenskommelsens period först."))
    return redirect(guided.step_url(partnership, "agreement"))


@login_required
def budget(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    version = guided.first_version(partnership)
    if version is None or version.start is None:
        return _needs_agreement(request, partnership)
    budget = guided.main_budget(version) or Budget(version=version, first_year=version.start.year)
    form = step_forms.BudgetStepForm(request.POST or None, instance=budget, prefix="budget",
                                     version=version)
    formset = register_forms.scope_budget_lines(
        step_forms.BudgetLinesFormSet(request.POST or None, instance=budget, prefix="lines",
                                      queryset=BudgetLine.objects.order_by("id")),
        partnership)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            actions.save_budget(request.user, form, formset, form.expected_version)
        except actions.Conflict as conflict:
            _conflict(form, conflict)
            request.conflict = conflict
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Budgeten är sparad."))
            if "continue" in request.POST:
                return redirect(guided.step_url(partnership, "criteria"))
            return redirect(guided.step_url(partnership, "budget") + "#running-total")
    return _render(request, "budget.html", partnership, "budget", {
        "form": form, "formset": formset, "version": version,
        "conflict": getattr(request, "conflict", None),
        "total": guided.running_total(budget if budget.pk else None),
        "municipal_parties": ",".join(
            str(party.pk) for party in partnership.parties.select_related("organisation")
            if party.is_municipal),
    })


@login_required
def criteria(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    version = guided.first_version(partnership)
    if version is None:
        return _needs_agreement(request, partnership)
    formset, saved = criteria_step(request, version, step_forms.CriteriaFormSet)
    if saved:
        return redirect(guided.step_url(partnership, "decision"))
    rows = criteria_rows(formset)
    return _render(request, "criteria.html", partnership, "criteria", {
        "formset": formset, "rows": rows, "version": version,
        "conflict": getattr(request, "conflict", None)})


def _decision_for(partnership, version):
    existing = version.decisions.order_by("pk").first()
    if existing:
        return existing
    partners = [party.organisation.name for party in guided.parties_in_order(partnership)
                if party.role != Party.Role.COMMITTEE]
    with_whom = " och ".join(partners) or partnership.name
    period = (f"{version.start:%Y-%m-%d}–{version.end:%Y-%m-%d}"
              if version.start and version.end else "")
    return Decision(
        partnership=partnership, version=version, body=partnership.committee,
        title=_("Idéburet offentligt partnerskap med %(who)s") % {"who": with_whom},
        points=_("Att ingå en överenskommelse om idéburet offentligt partnerskap med %(who)s "
                 "för perioden %(period)s.") % {"who": with_whom, "period": period})


@transaction.atomic
def _decide(user, form, version):
    """Save the decision; a draft agreement becomes decided (through the version's action)."""
    decision = actions.save_decision(user, form, form.expected_version)
    version = AgreementVersion.objects.get(pk=version.pk)
    if version.status == AgreementVersion.Status.DRAFT:
        status = step_forms.VersionStatusForm(
            {"status": AgreementVersion.Status.DECIDED, "lock_version": version.lock_version},
            instance=version)
        _submit(user, actions.save_agreement_version, status, version.lock_version)
    return decision


@login_required
def decision(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    version = guided.first_version(partnership)
    if version is None or version.start is None:
        return _needs_agreement(request, partnership)
    instance = _decision_for(partnership, version)
    form = step_forms.DecisionStepForm(request.POST or None, instance=instance,
                                       municipality=partnership.municipality)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_errors(request, form, lambda user, f, expected: _decide(user, f,
                                                                                 version))
        if saved is not None:
            if guided.checklist(partnership).complete:
                messages.success(request, _("Beslutet är sparat och partnerskapet är "
                                            "registrerat."))
                return redirect(reverse("partnership_detail", args=[partnership.pk]))
            messages.success(request, _("Beslutet är sparat. Checklistan visar vad som saknas."))
            return redirect(reverse("guided_overview", args=[partnership.pk]))
    return _render(request, "step.html", partnership, "decision", {
        "form": form, "conflict": getattr(request, "conflict", None)})


@login_required
def overview(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    return _render(request, "overview.html", partnership, "start", {"overview": True})

