"""Thin views of the register: check the policy, call a selector or an action, render."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.accounts import policy
from samverka.budgets.models import Budget
from samverka.budgets.selectors import BUDGET_PREFETCH, budget_for_year
from samverka.core import params
from samverka.impact.selectors import impact_summary
from samverka.organisations.models import Organisation

from . import actions, attachments, exports, forms, history, selectors
from .criteria import IOP_CRITERIA
from .models import AgreementVersion, CriterionAssessment, Decision, Partnership, Party


def _municipality(request, action=policy.VIEW_REGISTER):
    policy.require(request.user, action)
    return request.user.profile.municipality


@login_required
def portfolio(request):
    municipality = _municipality(request)
    year = params.get_year(request, "year", timezone.localdate().year)
    form = params.get_choice(request, "form", Partnership.Form.values)
    status = params.get_choice(request, "status", AgreementVersion.Status.values)
    sort = params.get_choice(request, "sort", selectors.SORT_KEYS, default="name")
    result = selectors.portfolio(municipality, year, form=form, status=status, sort=sort)
    export = params.get_choice(request, "export", {"csv", "xlsx"})
    if export in {"csv", "xlsx"}:
        policy.require(request.user, policy.EXPORT_REGISTER)
        return _export(result, municipality, form, export)
    iop_rows = [row for row in result.rows if row.form == Partnership.Form.IOP]
    other_rows = [row for row in result.rows if row.form != Partnership.Form.IOP]
    return render(request, "partnerships/portfolio.html", {
        "nav": "portfolio", "year": year, "form_filter": form or "", "status": status or "",
        "sort": sort, "groups": _groups(year, iop_rows, other_rows),
        "forms": Partnership.Form.choices, "statuses": AgreementVersion.Status.choices,
        "can_edit": policy.can(request.user, policy.EDIT_REGISTER),
        "years": range(2017, timezone.localdate().year + 3),
        "query": request.GET.urlencode(),
    })


def _groups(year, iop_rows, other_rows):
    groups = []
    for title, rows in ((_("Idéburna offentliga partnerskap"), iop_rows),
                        (_("Övriga samverkansformer"), other_rows)):
        if rows:
            portfolio = selectors.Portfolio(year, rows)
            groups.append({"title": title, "portfolio": portfolio})
    return groups


def _export(result, municipality, form, export):
    data = exports.portfolio_dict(result, municipality, form)
    name = f"portfolj-{result.year}"
    if export == "csv":
        response = HttpResponse(exports.portfolio_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        exports.portfolio_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _partnership(request, pk, action=policy.VIEW_REGISTER, related=()):
    partnership = get_object_or_404(
        Partnership.objects.select_related("municipality", *related), pk=pk)
    policy.require(request.user, action, partnership.municipality_id)
    return partnership


# What the partnership page reads of its partnership, fetched once after the access check: the
# versions with their criteria, the budgets with their lines and the reported figures (so that
# every budget_for_year on the page, the impact section's included, needs no further query) and
# the referral routes.
DETAIL_PREFETCH = ["versions__criteria", *BUDGET_PREFETCH, "referral_routes"]


def _budget_years(partnership):
    """The calendar years the budgets of PARTNERSHIP (its versions and budgets prefetched)
    cover."""
    years = set()
    for version in partnership.versions.all():
        end = version.current_end
        for budget in version.budgets.all():
            last = budget.last_year or (end.year if end else budget.first_year)
            years.update(range(budget.first_year, max(last, budget.first_year) + 1))
    return sorted(years)


@login_required
def partnership_detail(request, pk):
    partnership = _partnership(request, pk, related=("committee", "administration",
                                                     "responsible_officer", "deputy_officer"))
    prefetch_related_objects([partnership], *DETAIL_PREFETCH)
    budget_years = _budget_years(partnership)
    default_year = timezone.localdate().year
    if budget_years and default_year not in budget_years:
        default_year = budget_years[-1]
    year = params.get_year(request, "year", default_year)
    versions = list(partnership.versions.all())  # prefetched with criteria and budgets
    parties = list(partnership.parties.select_related("organisation"))
    decisions = list(partnership.decisions.select_related("body", "version"))
    criteria_versions = [
        {"version": version, "rows": _criteria_rows(version)}
        for version in versions if version.criteria.all()
    ]
    sources = selectors.sources_for([
        partnership, *parties, *versions, *decisions,
        *partnership.reported_figures.all(),
        *[budget for version in versions for budget in version.budgets.all()],
        *[party.organisation for party in parties],
    ])
    return render(request, "partnerships/detail.html", {
        "partnership": partnership,
        "parties": parties,
        "versions": versions, "decisions": decisions,
        "statement": budget_for_year(partnership, year), "year": year,
        "budget_years": budget_years, "criteria_versions": criteria_versions,
        "sources": sources, "conflicts": [group for group in sources if group.in_conflict],
        "figures": partnership.reported_figures.all(),
        "can_edit": policy.can(request.user, policy.EDIT_REGISTER),
        "guided_missing": _guided_missing(request.user, partnership, versions),
        "impact": impact_summary(partnership, year),
        "attachments": attachments.attachments_of(request.user, partnership),
        "history": history.change_history(
            partnership, parties=parties, versions=versions, decisions=decisions,
        ) if policy.may_view_change_history(request.user, partnership) else None,
    })


def _guided_missing(user, partnership, versions) -> int:
    """How many checklist items of the guided registration are missing, for an officer, while
    the first agreement is not yet decided (0 otherwise: the link is then not shown)."""
    from .guided import checklist

    undecided = not versions or versions[0].status == AgreementVersion.Status.DRAFT
    if not undecided or not policy.may_edit_partnership(user, partnership):
        return 0
    return len(checklist(partnership).missing)


def _criteria_rows(version):
    assessed = {row.criterion: row for row in version.criteria.all()}  # prefetched
    return [(number, text, assessed.get(number)) for number, text in IOP_CRITERIA.items()]


CONFLICT_MESSAGE = gettext_lazy(
    "Någon annan sparade ändringar medan du redigerade. Dina ändringar är inte sparade men finns "
    "kvar i formuläret. Jämför med det som nu är sparat nedan och spara igen om dina uppgifter "
    "ska gälla."
)
GONE_MESSAGE = gettext_lazy(
    "Uppgiften har tagits bort av någon annan medan du redigerade. Inget sparades."
)


def _conflict(form, conflict):
    """Put the conflict on FORM (the user's input stays) and let the next save win."""
    if conflict.current is None:
        form.add_error(None, GONE_MESSAGE)
        return
    form.add_error(None, CONFLICT_MESSAGE)
    form.show_saved_version(conflict.current)


def _save_or_errors(request, form, action):
    """Call ACTION(user, form, expected_version): the saved object, or None with the errors (and
    the conflict, if any) on FORM."""
    try:
        return action(request.user, form, form.expected_version)
    except actions.Conflict as conflict:
        _conflict(form, conflict)
        request.conflict = conflict
    except ValidationError as error:
        form.add_error(None, error)
    return None


def _status(request):
    if request.method != "POST":
        return 200
    return 409 if getattr(request, "conflict", None) else 400


def _edit(request, form_class, *, instance, action, title, back, municipality, context=None,
          cancel=None):
    """Show FORM_CLASS for INSTANCE; on a valid POST save it through ACTION, go to BACK(obj).
    "Avbryt" leads to CANCEL, by default BACK(INSTANCE)."""
    form = form_class(request.POST or None, instance=instance, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        obj = _save_or_errors(request, form, action)
        if obj is not None:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(back(obj))
    conflict = getattr(request, "conflict", None)
    return render(request, "partnerships/form.html", {
        "form": form, "title": title, "conflict": conflict,
        "cancel_url": cancel or back(instance), **(context or {}),
    }, status=_status(request))


def _detail_url(partnership):
    return reverse("partnership_detail", args=[partnership.pk])


@login_required
def partnership_create(request):
    municipality = _municipality(request, policy.EDIT_REGISTER)
    instance = Partnership(municipality=municipality)
    return _edit(request, forms.PartnershipForm, instance=instance,
                 action=actions.save_partnership, title=_("Nytt partnerskap"),
                 back=_detail_url, municipality=municipality, cancel=reverse("portfolio"))


@login_required
def partnership_edit(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    return _edit(request, forms.PartnershipForm, instance=partnership,
                 action=actions.save_partnership,
                 title=_("Ändra %(name)s") % {"name": partnership}, back=_detail_url,
                 municipality=partnership.municipality)


@login_required
def responsible_edit(request, pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    if not policy.may_assign_responsible(request.user, partnership):
        raise PermissionDenied
    return _edit(request, forms.ResponsibleForm, instance=partnership,
                 action=actions.save_responsible,
                 title=_("Ansvarig handläggare för %(name)s") % {"name": partnership},
                 back=_detail_url, municipality=partnership.municipality)


def _child_edit(request, pk, form_class, instance_for, action, title):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    instance = instance_for(partnership)
    return _edit(request, form_class, instance=instance, action=action, title=title,
                 back=lambda obj: _detail_url(partnership), municipality=partnership.municipality,
                 context={"partnership": partnership})


@login_required
def party_edit(request, pk, party_pk=None):
    def instance_for(partnership):
        if party_pk is None:
            return Party(partnership=partnership)
        return get_object_or_404(Party, pk=party_pk, partnership=partnership)

    return _child_edit(request, pk, forms.PartyForm, instance_for, actions.save_party,
                       _("Part"))


@login_required
def version_edit(request, pk, version_pk=None):
    def instance_for(partnership):
        if version_pk is None:
            latest = partnership.versions.order_by("-number").first()
            return AgreementVersion(partnership=partnership,
                                    number=(latest.number + 1) if latest else 1)
        return get_object_or_404(AgreementVersion, pk=version_pk, partnership=partnership)

    return _child_edit(request, pk, forms.VersionForm, instance_for,
                       actions.save_agreement_version, _("Överenskommelse (version)"))


@login_required
def decision_edit(request, pk, decision_pk=None):
    def instance_for(partnership):
        if decision_pk is None:
            return Decision(partnership=partnership, body=partnership.committee)
        return get_object_or_404(Decision, pk=decision_pk, partnership=partnership)

    return _child_edit(request, pk, forms.DecisionForm, instance_for, actions.save_decision,
                       _("Beslut"))


@login_required
def criteria_edit(request, pk, version_pk):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    version = get_object_or_404(AgreementVersion, pk=version_pk, partnership=partnership)
    formset, saved = criteria_step(request, version, forms.CriterionFormSet)
    if saved:
        return redirect(_detail_url(partnership))
    rows = criteria_rows(formset)
    return render(request, "partnerships/criteria_form.html", {
        "partnership": partnership, "version": version, "formset": formset, "rows": rows,
        "conflict": getattr(request, "conflict", None), "conflict_message": CONFLICT_MESSAGE,
    }, status=_status(request))


def criteria_step(request, version, formset_class):
    """(formset, saved) for the eight criteria of VERSION: the criteria not yet assessed are
    offered as "Oklart"; a valid POST is saved through the action (a conflict rebinds the user's
    assessments to the rows saved meanwhile). Shared by the register's page and the guided flow."""
    assessed = set(version.criteria.values_list("criterion", flat=True))
    missing = [n for n in IOP_CRITERIA if n not in assessed]
    initial = [{"criterion": n, "status": CriterionAssessment.Status.UNCLEAR} for n in missing]
    formset = formset_class(request.POST or None, instance=version, initial=initial)
    formset.extra = len(missing)
    if request.method == "POST" and formset.is_valid():
        try:
            actions.save_criteria(request.user, version, formset)
        except actions.Conflict as conflict:
            request.conflict = conflict
            return _criteria_after_conflict(formset, version), False
        messages.success(request, _("Kriteriebedömningen är sparad."))
        return formset, True
    return formset, False


def criteria_rows(formset) -> list:
    """(form, the criterion's text) for each row of a criteria formset."""
    return [(form, IOP_CRITERIA.get(int(form["criterion"].value() or 0), "")) for form in formset]


def _criteria_after_conflict(formset, version):
    """The user's assessments bound again to the rows saved now, so that the next save replaces
    them knowingly (saved rows first, as the formset expects its existing rows)."""
    saved = {row.criterion: row for row in version.criteria.all()}
    posted = sorted((form.cleaned_data for form in formset.forms),
                    key=lambda row: (row["criterion"] not in saved, row["criterion"]))
    prefix = formset.prefix
    data = {f"{prefix}-TOTAL_FORMS": len(posted), f"{prefix}-MIN_NUM_FORMS": formset.min_num,
            f"{prefix}-INITIAL_FORMS": sum(row["criterion"] in saved for row in posted),
            f"{prefix}-MAX_NUM_FORMS": formset.max_num}
    for index, row in enumerate(posted):
        current = saved.get(row["criterion"])
        data.update({
            f"{prefix}-{index}-criterion": row["criterion"],
            f"{prefix}-{index}-status": row["status"],
            f"{prefix}-{index}-motivation": row["motivation"],
            f"{prefix}-{index}-id": current.pk if current else "",
            f"{prefix}-{index}-lock_version": current.lock_version if current else "",
            f"{prefix}-{index}-version": version.pk,
        })
    return forms.CriterionFormSet(data, instance=version)


@login_required
def budget_edit(request, pk, version_pk, budget_pk=None):
    partnership = _partnership(request, pk, policy.EDIT_REGISTER)
    version = get_object_or_404(AgreementVersion, pk=version_pk, partnership=partnership)
    budget = (get_object_or_404(Budget, pk=budget_pk, version=version) if budget_pk
              else Budget(version=version))
    form = forms.BudgetForm(request.POST or None, instance=budget, prefix="budget")
    formset = forms.scope_budget_lines(
        forms.BudgetLineFormSet(request.POST or None, instance=budget, prefix="lines"),
        partnership,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = actions.save_budget(request.user, form, formset, form.expected_version)
        except actions.Conflict as conflict:
            _conflict(form, conflict)
            request.conflict = conflict
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Budgeten är sparad."))
            return redirect(_detail_url(partnership) + f"?year={saved.first_year}#budget")
    return render(request, "partnerships/budget_form.html", {
        "partnership": partnership, "version": version, "form": form, "formset": formset,
        "conflict": getattr(request, "conflict", None),
    }, status=_status(request))


@login_required
def organisation_list(request):
    municipality = _municipality(request)
    return render(request, "partnerships/organisations.html", {
        "nav": "organisations",
        "organisations": Organisation.objects.filter(municipality=municipality),
        "can_edit": policy.can(request.user, policy.EDIT_REGISTER),
    })


@login_required
def organisation_edit(request, org_pk=None):
    municipality = _municipality(request, policy.EDIT_REGISTER)
    instance = (get_object_or_404(Organisation, pk=org_pk, municipality=municipality)
                if org_pk else Organisation(municipality=municipality))
    return _edit(request, forms.OrganisationForm, instance=instance,
                 action=actions.save_organisation, title=_("Organisation"),
                 back=lambda obj: reverse("organisations"), municipality=municipality)
