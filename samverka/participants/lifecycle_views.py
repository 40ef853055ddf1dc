"""Web forms of the later steps: withdraw a referral, correct an exit."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from samverka.accounts import policy

from . import lifecycle, selectors
from .accesslog import Purpose, guarded
from .forms import apply_errors
from .views import _shown_again, exit_form

NAV = "participants"


class WithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Skäl till att anvisningen återtas"),
                             required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _read(request, getter, changer, pk, purpose, permission):
    """GET: the row, its view logged. POST: unlogged (the action or the form logs once)."""
    if request.method == "GET":
        return getter(request.user, pk, purpose, permission)
    return changer(request.user, pk, purpose, permission)


@guarded
@require_http_methods(["GET", "POST"])
def referral_withdraw(request, pk):
    referral = _read(request, selectors.get_referral_for_user, selectors.referral_for_change,
                     pk, Purpose.CASEWORK, policy.EDIT_REFERRALS)
    form = WithdrawForm(request.POST or None, initial={"version": referral.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.withdraw_referral(request.user, pk, form.cleaned_data["version"],
                                        reason=form.cleaned_data["reason"])
        except lifecycle.Conflict:
            conflict = True
            form.add_error(None, _("Någon annan har ändrat anvisningen. Ladda om sidan."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Anvisningen är återtagen."))
            return redirect("participants:detail", pk=referral.participant_id)
    _shown_again(request, Purpose.CASEWORK, referral.participant, referral,
                 **({"conflict": True} if conflict else {}))
    return render(request, "participants/withdraw_form.html",
                  {"nav": NAV, "form": form, "referral": referral},
                  status=409 if conflict else 200)


@guarded
@require_http_methods(["GET", "POST"])
def placement_correct_exit(request, pk):
    placement = _read(request, selectors.get_placement_for_user,
                      selectors.placement_for_change, pk, Purpose.PLACEMENT,
                      policy.MANAGE_PLACEMENTS)
    return exit_form(request, placement, lifecycle.correct_exit, _("Avslutet är rättat."),
                     {"version": placement.version, "end": placement.end,
                      "outcome": placement.outcome}, correcting=True)
