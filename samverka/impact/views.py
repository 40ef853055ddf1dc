"""Thin views: check the policy, call a selector or an action, render."""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samverka.accounts import policy
from samverka.core import params
from samverka.participants import selectors as participant_selectors
from samverka.participants.accesslog import Purpose, guarded
from samverka.partnerships.models import Partnership

from . import actions, charts, selectors
from . import forms as impact_forms
from .models import (
    Assessment,
    FinancialProxy,
    Instrument,
    InstrumentVersion,
    SocioeconomicAccount,
    SroiCalculation,
)

ROW_KEY = re.compile(r"^([a-z_]+)-(\d+)-([a-z_]+)$")

DEFAULT_YEAR = 2024


def _year(request) -> int:
    default = timezone.localdate().year - 1 if timezone.localdate().year > DEFAULT_YEAR \
        else DEFAULT_YEAR
    return params.get_year(request, "ar", default)


def _municipality_id(request):
    profile = policy.profile_of(request.user)
    policy.require(request.user, policy.VIEW_REGISTER)
    return profile.municipality_id


@login_required
def index(request):
    municipality_id = _municipality_id(request)
    calculations = SroiCalculation.objects.filter(
        municipality_id=municipality_id).select_related("partnership").order_by(
        "partnership__name", "year")
    return render(request, "impact/index.html", {
        "nav": "impact", "calculations": calculations,
        "versions": InstrumentVersion.objects.filter(
            instrument__municipality_id=municipality_id).select_related("instrument")
        .annotate(assessment_count=Count("assessments"))
        .prefetch_related("dimensions__steps").order_by("instrument__name", "-number"),
        "can_manage": policy.can(request.user, policy.MANAGE_IMPACT),
    })


@login_required
def partnership(request, pk):
    item = get_object_or_404(Partnership, pk=pk)
    policy.require(request.user, policy.VIEW_REGISTER, item.municipality_id)
    year = _year(request)
    return render(request, "impact/partnership.html", {
        "nav": "impact", "partnership": item, "year": year,
        "impact": selectors.impact_summary(item, year),
    })


@login_required
def proxies(request):
    municipality_id = _municipality_id(request)
    return render(request, "impact/proxies.html", {
        "nav": "impact",
        "proxies": FinancialProxy.objects.filter(municipality_id=municipality_id),
        "can_manage": policy.can(request.user, policy.MANAGE_IMPACT),
    })


@guarded(purpose=Purpose.FOLLOW_UP)
def participant(request, participant_id):
    view, assessments, journeys = selectors.participant_progression(request.user, participant_id)
    chart, table = _progression(view.participant, assessments, journeys)
    return render(request, "impact/participant.html", {
        "nav": "participants", "view": view, "person": view.participant,
        "assessments": assessments, "journeys": journeys, "chart": chart, "table": table,
        "can_record": policy.can(request.user, policy.RECORD_ASSESSMENTS),
    })


def _progression(person, assessments, journeys):
    """One chart of every dimension over the assessments, and the table beside it: a row per
    assessment, a column per dimension (issue 15)."""
    if not journeys:
        return "", None
    rows = []
    for assessment in assessments:
        values = {score.dimension.key: score.value for score in assessment.scores.all()}
        rows.append({"date": assessment.date, "stage": assessment.get_stage_display(),
                     "version": assessment.version.number,
                     "values": [values.get(journey.key) for journey in journeys]})
    dates = [row["date"].isoformat() for row in rows]
    series = [(journey.name, {index: row["values"][number] for index, row in enumerate(rows)
                              if row["values"][number] is not None})
              for number, journey in enumerate(journeys)]
    low = min(journey.scale_min for journey in journeys)
    high = max(journey.scale_max for journey in journeys)
    chart = mark_safe(charts.progression_svg(
        "chart-progression", _("Progression för %(name)s, alla dimensioner över tid")
        % {"name": person.display_name}, dates, series, low, high))
    legend = [(journey, mark_safe(charts.legend_symbol(number)))
              for number, journey in enumerate(journeys)]
    return chart, {"rows": rows, "legend": legend, "low": low, "high": high}


class AssessmentForm(forms.Form):
    partnership = forms.TypedChoiceField(label=gettext_lazy("Partnerskap"), coerce=int)
    date = forms.DateField(label=gettext_lazy("Datum"),
                           help_text=gettext_lazy("ÅÅÅÅ-MM-DD"))
    stage = forms.ChoiceField(label=gettext_lazy("Tillfälle"), choices=Assessment.Stage.choices)
    assessor = forms.CharField(label=gettext_lazy("Bedömd av"), max_length=200,
                               help_text=gettext_lazy("Vem som gjorde bedömningen tillsammans "
                                                      "med deltagaren."))
    comment = forms.CharField(label=gettext_lazy("Kommentar"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, version, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["partnership"].choices = [(p.pk, p.name) for p in partnerships]
        for dimension in version.dimensions.prefetch_related("steps"):
            self.fields[f"score_{dimension.pk}"] = forms.TypedChoiceField(
                label=dimension.name, coerce=int,
                choices=[("", "–")] + [(s.value, f"{s.value} – {s.label}")
                                       for s in dimension.steps.all()],
            )


def _assessed_participant(request, participant_id):
    """GET: the participant, the view logged. POST: unlogged when allowed (the action, or the
    re-rendered form, writes the response's one entry). Refusals are logged either way."""
    view = participant_selectors.participant_for_change(
        request.user, participant_id, Purpose.FOLLOW_UP, policy.RECORD_ASSESSMENTS)
    if request.method != "POST":
        participant_selectors.log_view(request.user, Purpose.FOLLOW_UP, view.participant)
    return view


@guarded(purpose=Purpose.FOLLOW_UP)
def assessment_create(request, participant_id):
    view = _assessed_participant(request, participant_id)
    version = InstrumentVersion.objects.filter(
        instrument__municipality_id=view.participant.municipality_id,
        status=InstrumentVersion.Status.ACTIVE,
    ).order_by("instrument__name", "-number").first()
    if version is None:
        messages.error(request, _("Det finns inget instrument i bruk."))
        return redirect("impact:participant", participant_id)
    partnerships = {p.partnership for p in view.placements}
    partnerships = sorted(partnerships, key=lambda p: p.name)
    form = AssessmentForm(request.POST or None, version=version, partnerships=partnerships,
                          initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_assessment(request.user, actions.AssessmentInput(
                participant_id=participant_id, partnership_id=data["partnership"],
                version_id=version.pk, date=data["date"], stage=data["stage"],
                assessor=data["assessor"], comment=data["comment"],
                scores={int(name[6:]): value for name, value in data.items()
                        if name.startswith("score_")},
            ))
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect("impact:participant", participant_id)
    if request.method == "POST":  # nothing saved: the form is shown again, a logged read
        participant_selectors.log_view(request.user, Purpose.FOLLOW_UP, view.participant,
                                       detail={"form": "not_saved"})
    return render(request, "impact/assessment_form.html", {
        "nav": "participants", "form": form, "person": view.participant, "version": version,
    })


# --- The administration's forms (MANAGE_IMPACT) -------------------------------------------------

ROW_LABELS = {
    "dimensions": gettext_lazy("Dimension"),
    "outcomes": gettext_lazy("Utfall"),
    "actors": gettext_lazy("Aktör"),
}


def _manager_municipality(request) -> int:
    policy.require(request.user, policy.MANAGE_IMPACT)
    return policy.profile_of(request.user).municipality_id


def _managed_partnership(request, pk) -> Partnership:
    item = get_object_or_404(Partnership, pk=pk)
    policy.require(request.user, policy.MANAGE_IMPACT, item.municipality_id)
    return item


def _valid_year(year) -> int:
    if not 1990 <= year <= 2100:
        raise Http404
    return year


def _raw(form) -> dict:
    return {name: form[name].value() for name in form.fields}


def _apply_errors(error: ValidationError, form, formsets: dict) -> None:
    """Put an action's errors on the fields they name: 'rate' on the form, 'outcomes-2-duration'
    on the third filled-in outcome row, 'outcomes' on the outcome rows as a whole."""
    for key, messages_ in error.message_dict.items():
        row = ROW_KEY.match(key)
        if row and row[1] in formsets:
            rows = formsets[row[1]].rows()
            index = int(row[2])
            if index < len(rows):
                target = rows[index]
                target.add_error(row[3] if row[3] in target.fields else None, messages_)
                continue
        if key in formsets:
            formsets[key].extra_errors.extend(messages_)
        elif key in form.fields:
            form.add_error(key, messages_)
        else:
            form.add_error(None, messages_)


def _error_summary(form, formsets: dict) -> list[tuple[str, str]]:
    """(anchor, text) for every error on the page, for the summary at its top."""
    items = [("", str(message)) for message in form.non_field_errors()]
    items += [(f"#{form[name].id_for_label}", f"{form[name].label}: {errors[0]}")
              for name, errors in form.errors.items() if name != "__all__"]
    for prefix, formset in formsets.items():
        label = ROW_LABELS[prefix]
        for message in [*formset.non_form_errors(), *formset.extra_errors]:
            items.append((f"#{prefix}-rows", f"{label}: {message}"))
        for number, row in enumerate(formset.forms, start=1):
            for message in row.non_field_errors():
                items.append((f"#{prefix}-row-{number}", f"{label} {number}: {message}"))
            for name, errors in row.errors.items():
                if name != "__all__":
                    items.append((f"#{row[name].id_for_label}",
                                  f"{label} {number}, {row[name].label}: {errors[0]}"))
    return items


STALE = _("Någon annan sparade ändringar medan du redigerade. Dina ändringar är inte sparade "
          "men finns kvar i formuläret; jämför med de sparade uppgifterna nedan och spara igen.")


def _stale(form, current, message=STALE) -> None:
    """After an EditConflict: the message on the form, whose version becomes CURRENT's, so that
    saving again knowingly replaces what is saved now."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = current.version


def _row_form_page(request, *, form_class, form_initial, formset_classes, rows_initial,
                   form_kwargs, save, template, context, saved_now=None):
    """GET: the form with its rows. POST with add_row: the same input again with one more row,
    nothing validated or saved. POST: validate, call SAVE(form, formsets) (an action); its
    ValidationError goes onto the fields; its EditConflict gives a 409 page comparing the input
    with SAVED_NOW(form, formsets, current), the rows of what is saved now. Returns a response
    or the saved object."""
    conflict = None
    if request.method == "POST" and "add_row" not in request.POST:
        form = form_class(request.POST)
        formsets = {
            prefix: formset_class(request.POST, prefix=prefix, form_kwargs=form_kwargs,
                                  minimum_message=message)
            for prefix, (formset_class, message) in formset_classes.items()
        }
        for formset in formsets.values():
            formset.extra_errors = []
        if form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            try:
                return save(form, formsets)
            except actions.EditConflict as error:
                conflict = saved_now(form, formsets, error.current)
                _stale(form, error.current)
            except ValidationError as error:
                _apply_errors(error, form, formsets)
    elif request.method == "POST":
        bound = {
            prefix: formset_class(request.POST, prefix=prefix, form_kwargs=form_kwargs)
            for prefix, (formset_class, _message) in formset_classes.items()
        }
        form = form_class(initial=_raw(form_class(request.POST)))
        formsets = {
            prefix: formset_class(prefix=prefix, form_kwargs=form_kwargs,
                                  initial=bound[prefix].raw_rows()
                                  if bound[prefix].management_form.is_valid() else [])
            for prefix, (formset_class, _message) in formset_classes.items()
        }
        for formset in formsets.values():
            formset.extra_errors = []
            new_row = formset.forms[-1]
            new_row.fields[next(iter(new_row.fields))].widget.attrs["autofocus"] = True
    else:
        form = form_class(initial=form_initial)
        formsets = {
            prefix: formset_class(prefix=prefix, form_kwargs=form_kwargs,
                                  initial=rows_initial.get(prefix, []))
            for prefix, (formset_class, _message) in formset_classes.items()
        }
        for formset in formsets.values():
            formset.extra_errors = []
    summary = _error_summary(form, formsets) if form.is_bound else []
    return render(request, template, {
        **context, "nav": "impact", "form": form, "formsets": formsets, "errors": summary,
        "conflict": conflict,
    }, status=409 if conflict else 200)


@login_required
def proxy_edit(request, pk=None):
    municipality_id = _manager_municipality(request)
    proxy = None
    if pk is not None:
        proxy = get_object_or_404(FinancialProxy, pk=pk, municipality_id=municipality_id)
    initial = ({name: getattr(proxy, name) for name in impact_forms.ProxyForm.base_fields}
               if proxy else {"year": timezone.localdate().year})
    form = impact_forms.ProxyForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        if proxy is None and FinancialProxy.objects.filter(
                municipality_id=municipality_id, name=data["name"].strip()).exists():
            form.add_error("name", _("Det finns redan en proxy med det namnet. Ändra den i "
                                     "stället."))
        else:
            try:
                actions.save_proxy(request.user, proxy_id=proxy.pk if proxy else None,
                                   expected_version=version if proxy else None, **data)
            except actions.EditConflict as error:
                conflict = form.conflict_rows(error.current)
                _stale(form, error.current, _(
                    "Någon annan sparade proxyn medan du redigerade den. Dina ändringar är inte "
                    "sparade men finns kvar i formuläret; jämför med de sparade uppgifterna nedan "
                    "och spara igen."))
            except ValidationError as error:
                _apply_errors(error, form, {})
            else:
                messages.success(request, _("Proxyn är sparad."))
                return redirect("impact:proxies")
    return render(request, "impact/proxy_form.html", {
        "nav": "impact", "form": form, "proxy": proxy, "conflict": conflict,
        "errors": _error_summary(form, {}) if form.is_bound else [],
    }, status=409 if conflict else 200)


def _steps_text(dimension) -> str:
    return "\n".join(f"{step.value}={step.label}" for step in dimension.steps.all())


@login_required
def instrument_version_create(request):
    municipality_id = _manager_municipality(request)
    based_on = None
    instrument_id = params.get_id(request, "instrument")
    if instrument_id is not None:
        instrument = get_object_or_404(Instrument, pk=instrument_id,
                                       municipality_id=municipality_id)
        based_on = instrument.versions.order_by("-number").first()
    form_initial = {"activate": True}
    rows = []
    if based_on is not None:
        form_initial.update(instrument_name=based_on.instrument.name,
                            description=based_on.instrument.description,
                            based_on_number=based_on.number)
        rows = [{"name": d.name, "key": d.key, "steps": _steps_text(d),
                 "description": d.description}
                for d in based_on.dimensions.prefetch_related("steps")]

    def save(form, formsets):
        data = form.cleaned_data
        try:
            version = actions.create_instrument_version(
                request.user, data["instrument_name"].strip(), [
                    actions.DimensionInput(row.cleaned_data["key"],
                                           row.cleaned_data["name"].strip(),
                                           row.cleaned_data["steps"],
                                           row.cleaned_data["description"].strip())
                    for row in formsets["dimensions"].rows()
                ], description=data["description"].strip(),
                change_note=data["change_note"].strip(), activate=data["activate"],
                based_on_number=data.get("based_on_number"),
            )
        except actions.InstrumentConflict as conflict:
            form.data = form.data.copy()
            form.data["based_on_number"] = conflict.latest.number
            raise ValidationError({"__all__": [
                impact_forms.instrument_conflict_message(conflict.latest)]}) from None
        messages.success(request, _("Version %(number)s av %(name)s är sparad.")
                         % {"number": version.number, "name": version.instrument.name})
        return redirect("impact:index")

    return _row_form_page(
        request, form_class=impact_forms.InstrumentForm, form_initial=form_initial,
        formset_classes={"dimensions": (impact_forms.DimensionFormSet,
                                        _("Ett instrument behöver minst en dimension."))},
        rows_initial={"dimensions": rows}, form_kwargs={}, save=save,
        template="impact/instrument_form.html", context={"based_on": based_on},
    )


@login_required
@require_POST
def instrument_version_status(request, pk, change):
    municipality_id = _manager_municipality(request)
    version = get_object_or_404(InstrumentVersion, pk=pk,
                                instrument__municipality_id=municipality_id)
    try:
        if change == "activate":
            actions.activate_instrument_version(request.user, version.pk)
            messages.success(request, _("%(version)s är i bruk.") % {"version": version})
        else:
            actions.retire_instrument_version(request.user, version.pk)
            messages.success(request, _("%(version)s är utfasad. Bedömningar som gjorts med "
                                        "den går fortfarande att läsa.") % {"version": version})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("impact:index")


@login_required
def sroi_edit(request, pk, year):
    item = _managed_partnership(request, pk)
    year = _valid_year(year)
    calculation = SroiCalculation.objects.filter(partnership=item, year=year).first()
    proxies = list(impact_forms.proxies_of(item.municipality_id))
    form_initial, rows = impact_forms.sroi_initial(calculation)

    def save(form, formsets):
        data = form.cleaned_data
        actions.save_sroi_calculation(
            request.user, item.pk, year, expected_version=data["version"] or 0,
            discount_rate=data["discount_rate"],
            index_percent=data["index_percent"], description=data["description"].strip(),
            outcomes=[actions.OutcomeInput(
                stakeholder=row.cleaned_data["stakeholder"], name=row.cleaned_data["name"],
                indicator=row.cleaned_data["indicator"], proxy_id=row.cleaned_data["proxy"],
                duration=row.cleaned_data["duration"], quantity=row.cleaned_data["quantity"],
                quantity_source=row.cleaned_data["quantity_source"],
                quantity_note=row.cleaned_data["quantity_note"],
                deadweight=row.cleaned_data["deadweight"],
                displacement=row.cleaned_data["displacement"],
                attribution=row.cleaned_data["attribution"],
                drop_off=row.cleaned_data["drop_off"], rationale=row.cleaned_data["rationale"],
            ) for row in formsets["outcomes"].rows()],
        )
        messages.success(request, _("SROI-beräkningen för %(year)s är sparad.") % {"year": year})
        return redirect(f"{reverse('impact:partnership', args=[item.pk])}?ar={year}")

    return _row_form_page(
        request, form_class=impact_forms.SroiForm, form_initial=form_initial,
        formset_classes={"outcomes": (impact_forms.OutcomeFormSet, _("Ange minst ett utfall."))},
        rows_initial={"outcomes": rows}, form_kwargs={"proxies": proxies}, save=save,
        saved_now=lambda form, formsets, current: impact_forms.saved_now(
            form, formsets["outcomes"], impact_forms.sroi_initial(current), _("Utfall")),
        template="impact/sroi_form.html",
        context={"partnership": item, "year": year, "calculation": calculation,
                 "proxies": proxies},
    )


@login_required
def account_edit(request, pk, year):
    item = _managed_partnership(request, pk)
    year = _valid_year(year)
    account = SocioeconomicAccount.objects.filter(partnership=item, year=year).first()
    form_initial, rows = impact_forms.account_initial(account)

    def save(form, formsets):
        data = form.cleaned_data
        actions.save_socioeconomic_account(
            request.user, item.pk, year, expected_version=data["version"] or 0,
            actors=[{**row.cleaned_data, "actor": row.cleaned_data["actor"].strip(),
                     "after_cost": row.cleaned_data["after_cost"] or 0}
                    for row in formsets["actors"].rows()],
            persons_source=data["persons_source"], persons=data["persons"],
            persons_note=data["persons_note"].strip(), discount_rate=data["discount_rate"],
            drop_off=data["drop_off"], source=data["source"].strip(),
        )
        messages.success(request, _("Det socioekonomiska bokslutet för %(year)s är sparat.")
                         % {"year": year})
        return redirect(f"{reverse('impact:partnership', args=[item.pk])}?ar={year}")

    return _row_form_page(
        request, form_class=impact_forms.AccountForm, form_initial=form_initial,
        formset_classes={"actors": (impact_forms.ActorFormSet, _("Ange minst en aktör."))},
        rows_initial={"actors": rows}, form_kwargs={}, save=save,
        saved_now=lambda form, formsets, current: impact_forms.saved_now(
            form, formsets["actors"], impact_forms.account_initial(current), _("Aktör")),
        template="impact/account_form.html",
        context={"partnership": item, "year": year, "account": account},
    )
