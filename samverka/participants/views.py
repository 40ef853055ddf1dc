"""Thin views: read through selectors, write through actions, refuse when the log fails."""

import datetime as dt
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverka.accounts import policy
from samverka.core import params
from samverka.core.spreadsheet import csv_writer

from . import actions, selectors
from .accesslog import Purpose, guarded
from .forms import (
    DecisionForm,
    ExitForm,
    PlacementForm,
    ReferralEditForm,
    ReferralForm,
    SearchForm,
    WeekForm,
    apply_errors,
)
from .models import AccessLogEntry, Referral

Action = AccessLogEntry.Action

NAV = "participants"


def _municipality(request):
    profile = policy.profile_of(request.user)
    if profile is None:
        raise PermissionDenied
    return profile.municipality_id


def _page(request) -> int:
    return params.get_page(request, "sida")


@guarded
@require_http_methods(["GET"])
def participant_list(request):
    page = _page(request)
    rows, total = selectors.list_participants(request.user, Purpose.CASEWORK, page=page)
    return render(request, "participants/list.html", {
        "nav": NAV, "rows": rows, "total": total, "page": page,
        "has_next": page * selectors.PAGE_SIZE < total, "search_form": SearchForm(),
        "can_refer": policy.can(request.user, policy.REFER_PARTICIPANTS),
        "can_export": policy.can(request.user, policy.EXPORT_PARTICIPANTS),
        "can_review": policy.can(request.user, policy.REVIEW_ACCESS_LOG),
    })


@guarded
@require_http_methods(["POST"])
def participant_search(request):
    form = SearchForm(request.POST)
    valid = form.is_valid()
    # Logged once whatever the outcome: a refusal, an invalid term (nothing found) or the hits.
    rows = selectors.search_participants(request.user, Purpose.CASEWORK,
                                         form.cleaned_data["term"] if valid else "")
    if not valid:
        rows = None
    return render(request, "participants/search.html",
                  {"nav": NAV, "search_form": SearchForm(), "rows": rows,
                   "invalid": not valid})


@guarded
@require_http_methods(["GET"])
def participant_detail(request, pk):
    view = selectors.get_participant_for_user(request.user, pk, Purpose.CASEWORK)
    user = request.user
    return render(request, "participants/detail.html", {
        "nav": NAV, "view": view, "participant": view.participant,
        "can_edit_referral": policy.can(user, policy.EDIT_REFERRALS),
        "can_decide": policy.can(user, policy.DECIDE_REFERRALS),
        "can_place": policy.can(user, policy.MANAGE_PLACEMENTS),
        "can_right_of_access": policy.can(user, policy.RIGHT_OF_ACCESS_EXPORT),
        "open_statuses": {Referral.Status.REQUESTED, Referral.Status.WAITING},
    })


@guarded
@require_http_methods(["GET"])
def reveal_number(request, pk):
    participant, number = selectors.reveal_personal_number(request.user, pk, Purpose.CASEWORK)
    response = render(request, "participants/reveal.html",
                      {"nav": NAV, "participant": participant, "number": number})
    response["Cache-Control"] = "no-store"
    return response


@guarded
@require_http_methods(["GET", "POST"])
def referral_create(request):
    selectors.require(request.user, policy.REFER_PARTICIPANTS, Purpose.CASEWORK, Action.CREATE)
    municipality_id = _municipality(request)
    profile = policy.profile_of(request.user)
    form = ReferralForm(request.POST or None, municipality_id=municipality_id,
                        initial={"referring_unit": profile.referring_unit_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = actions.register_referral(
                request.user,
                person=actions.IdentityInput(
                    kind=data["kind"], number=data["number"], reason=data["reason"],
                    first_name=data["first_name"], last_name=data["last_name"],
                    gender=data["gender"], birth_year=data["birth_year"],
                ),
                partnership_id=data["partnership"].pk,
                referring_unit_id=data["referring_unit"].pk,
                requested_on=data["requested_on"],
                planned_hours_per_week=data["planned_hours_per_week"],
                action_plan_reference=data["action_plan_reference"],
                consent_to_share=data["consent_to_share"], note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if referral.over_capacity:
                messages.warning(request, _(
                    "Anvisningen är registrerad, men partnerskapet har inga lediga platser: "
                    "den kan sättas på väntelista."
                ))
            else:
                messages.success(request, _("Anvisningen är registrerad."))
            return redirect("participants:detail", pk=referral.participant_id)
    response = render(request, "participants/referral_form.html", {"nav": NAV, "form": form})
    response["Cache-Control"] = "no-store"
    return response


def _referral_initial(referral):
    return {
        "version": referral.version, "partnership": referral.partnership_id,
        "requested_on": referral.requested_on,
        "planned_hours_per_week": referral.planned_hours_per_week,
        "action_plan_reference": referral.action_plan_reference,
        "consent_to_share": referral.consent_to_share, "note": referral.note,
    }


def _referral(request, pk, purpose, permission):
    """GET: the referral, its view logged. POST: the referral unlogged (the action or the
    re-rendered form writes the one entry). A refusal is logged either way."""
    if request.method == "GET":
        return selectors.get_referral_for_user(request.user, pk, purpose, permission)
    return selectors.referral_for_change(request.user, pk, purpose, permission)


def _placement(request, pk):
    if request.method == "GET":
        return selectors.get_placement_for_user(request.user, pk, Purpose.PLACEMENT,
                                                policy.MANAGE_PLACEMENTS)
    return selectors.placement_for_change(request.user, pk, Purpose.PLACEMENT,
                                          policy.MANAGE_PLACEMENTS)


def _shown_again(request, purpose, participant, obj=None, **detail):
    """A POST that saved nothing shows the form again: that is a read, logged once."""
    if request.method == "POST":
        selectors.log_view(request.user, purpose, participant, obj=obj,
                           detail={"form": "not_saved", **detail})


@guarded
@require_http_methods(["GET", "POST"])
def referral_edit(request, pk):
    referral = _referral(request, pk, Purpose.CASEWORK, policy.EDIT_REFERRALS)
    municipality_id = _municipality(request)
    form = ReferralEditForm(request.POST or None, municipality_id=municipality_id,
                            initial=_referral_initial(referral))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["partnership_id"] = data.pop("partnership").pk
        try:
            actions.update_referral(request.user, pk, version, **data)
        except actions.Conflict as error:
            conflict = error.current
            form.add_error(None, _(
                "Någon annan sparade anvisningen medan du redigerade den. Dina ändringar är "
                "inte sparade men finns kvar i formuläret; jämför med de sparade uppgifterna "
                "nedan och spara igen."
            ))
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Anvisningen är sparad."))
            return redirect("participants:detail", pk=referral.participant_id)
    _shown_again(request, Purpose.CASEWORK, referral.participant, referral,
                 **({"conflict": True} if conflict else {}))
    return render(request, "participants/referral_edit.html", {
        "nav": NAV, "form": form, "referral": referral, "conflict": conflict,
    }, status=409 if conflict else 200)


@guarded
@require_http_methods(["GET", "POST"])
def referral_decide(request, pk):
    referral = _referral(request, pk, Purpose.PLACEMENT, policy.DECIDE_REFERRALS)
    form = DecisionForm(request.POST or None, initial={
        "version": referral.version, "hours_per_week": referral.planned_hours_per_week,
    })
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.decide_referral(
                request.user, pk, data["version"], data["decision"], reason=data["reason"],
                start=data["start"], hours_per_week=data["hours_per_week"],
                confirm_over_capacity=data["confirm_over_capacity"],
            )
        except actions.Conflict:
            conflict = True
            form.add_error(None, _("Någon annan har redan besvarat eller ändrat anvisningen. "
                                   "Ladda om sidan för att se det senaste."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Svaret är sparat."))
            return redirect("participants:detail", pk=referral.participant_id)
    _shown_again(request, Purpose.PLACEMENT, referral.participant, referral,
                 **({"conflict": True} if conflict else {}))
    return render(request, "participants/decide.html",
                  {"nav": NAV, "form": form, "referral": referral},
                  status=409 if conflict else 200)


@guarded
@require_http_methods(["GET", "POST"])
def placement_create(request, pk):
    participant = selectors.participant_for_change(
        request.user, pk, Purpose.PLACEMENT, policy.MANAGE_PLACEMENTS).participant
    if request.method == "GET":
        selectors.log_view(request.user, Purpose.PLACEMENT, participant)
    form = PlacementForm(request.POST or None, municipality_id=_municipality(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            actions.create_placement(request.user, pk, data.pop("partnership").pk, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Placeringen är registrerad."))
            return redirect("participants:detail", pk=pk)
    _shown_again(request, Purpose.PLACEMENT, participant)
    return render(request, "participants/placement_form.html",
                  {"nav": NAV, "form": form, "participant": participant})


@guarded
@require_http_methods(["GET", "POST"])
def placement_exit(request, pk):
    placement = _placement(request, pk)
    return exit_form(request, placement, actions.exit_placement, _("Placeringen är avslutad."),
                     {"version": placement.version})


def exit_form(request, placement, save, done: str, initial: dict, correcting: bool = False):
    """The exit form of PLACEMENT: a valid POST is saved by SAVE (an action taking the acting
    user, the placement, its version, end and outcome); a stale version answers 409. Shared by
    ending a placement and correcting its exit."""
    form = ExitForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save(request.user, placement.pk, data["version"], end=data["end"],
                 outcome=data["outcome"])
        except actions.Conflict:
            conflict = True
            form.add_error(None, _("Någon annan har ändrat placeringen. Ladda om sidan."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("participants:detail", pk=placement.participant_id)
    _shown_again(request, Purpose.PLACEMENT, placement.participant, placement,
                 **({"conflict": True} if conflict else {}))
    return render(request, "participants/exit_form.html",
                  {"nav": NAV, "form": form, "placement": placement, "correcting": correcting},
                  status=409 if conflict else 200)


@guarded
@require_http_methods(["GET", "POST"])
def placement_week(request, pk):
    placement = _placement(request, pk)
    form = WeekForm(request.POST) if request.method == "POST" else _week_form(request, placement)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_week(request.user, pk, form.cleaned_data["week_start"],
                                form.cleaned_data["hours"], form.expected_version)
        except actions.Conflict as error:  # the action has logged that the saved hours show
            conflict = error.current
            form.add_error(None, _(
                "Någon annan sparade timmar för veckan medan du fyllde i formuläret. Dina timmar "
                "är inte sparade men finns kvar i formuläret; jämför med de sparade och spara "
                "igen om dina ska gälla."
            ))
            form.show_saved(conflict)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Veckans timmar är sparade."))
            return redirect("participants:detail", pk=placement.participant_id)
    if conflict is None:  # a conflict was logged by the action (its transaction rolled back)
        _shown_again(request, Purpose.PLACEMENT, placement.participant, placement)
    return render(request, "participants/week_form.html",
                  {"nav": NAV, "form": form, "placement": placement, "conflict": conflict},
                  status=409 if conflict else 200)


def _week_form(request, placement):
    """The form for the week ?vecka=ÅÅÅÅ-MM-DD with its saved hours, else an empty one."""
    try:
        week_start = dt.date.fromisoformat(request.GET.get("vecka", ""))
    except ValueError:
        return WeekForm()
    week = placement.weeks.filter(week_start=week_start).first()
    return WeekForm.for_week(week) if week else WeekForm(initial={"week_start": week_start})


@guarded
@require_http_methods(["GET"])
def export_csv(request):
    columns, rows = selectors.export_placements(request.user, Purpose.FOLLOW_UP)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="placeringar.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv_writer(response, delimiter=";")
    writer.writerow(columns)
    writer.writerows(rows)
    return response


@guarded
@require_http_methods(["GET"])
def right_of_access(request, pk):
    data = selectors.right_of_access_export(request.user, pk)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
