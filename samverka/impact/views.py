"""Thin views: check the policy, call a selector or an action, render."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.accounts import policy
from samverka.partnerships.models import Partnership

from . import actions, charts, selectors
from .models import Assessment, FinancialProxy, InstrumentVersion, SroiCalculation

DEFAULT_YEAR = 2024


def _year(request) -> int:
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year - 1 if timezone.localdate().year > DEFAULT_YEAR \
            else DEFAULT_YEAR
    return min(max(year, 1990), 2100)


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
        .prefetch_related("dimensions__steps"),
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
    })


@login_required
def participant(request, participant_id):
    view, assessments, journeys = selectors.participant_progression(request.user, participant_id)
    charted = [
        (journey, mark_safe(charts.journey_svg(
            f"chart-{journey.key}", _("%(name)s över tid") % {"name": journey.name},
            [(point[0].isoformat(), point[1]) for point in journey.points],
            journey.scale_min, journey.scale_max)))
        for journey in journeys
    ]
    return render(request, "impact/participant.html", {
        "nav": "participants", "view": view, "person": view.participant,
        "assessments": assessments, "journeys": charted,
        "can_record": policy.can(request.user, policy.RECORD_ASSESSMENTS),
    })


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


@login_required
def assessment_create(request, participant_id):
    policy.require(request.user, policy.RECORD_ASSESSMENTS)
    view, _assessments, _journeys = selectors.participant_progression(
        request.user, participant_id)
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
                          initial={"date": date.today()})
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
    return render(request, "impact/assessment_form.html", {
        "nav": "participants", "form": form, "person": view.participant, "version": version,
    })
