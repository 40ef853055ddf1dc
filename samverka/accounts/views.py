"""The user administration page: administrators list, create and change the accounts of their
own municipality. Every change goes through accounts/actions.py (policy, transaction, audit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import actions, policy
from .forms import UserChangeForm, UserCreateForm

NAV = "users"


def _forbidden(request):
    return render(request, "accounts/forbidden.html", {"nav": NAV}, status=403)


def _apply_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _municipality_id(request) -> int:
    return policy.profile_of(request.user).municipality_id


@login_required
@require_http_methods(["GET"])
def users(request):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    profiles = policy.managed_profiles(request.user).select_related(
        "user", "organisation", "referring_unit").order_by("user__username")
    return render(request, "accounts/users.html", {"nav": NAV, "profiles": profiles})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    form = UserCreateForm(request.POST or None, municipality_id=_municipality_id(request))
    if request.method == "POST" and form.is_valid():
        try:
            profile = actions.create_user(
                request.user, username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"], **form.account_values())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Kontot %(name)s är skapat.")
                             % {"name": profile.user.username})
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"nav": NAV, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    profile = policy.managed_profiles(request.user).select_related("user").filter(pk=pk).first()
    if profile is None:
        return render(request, "accounts/not_found.html", {"nav": NAV}, status=404)
    initial = {**actions.values_of(profile), "organisation": profile.organisation_id,
               "referring_unit": profile.referring_unit_id, "stamp": actions.stamp(profile)}
    form = UserChangeForm(request.POST or None, initial=initial,
                          municipality_id=profile.municipality_id)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_user(request.user, profile.pk, form.cleaned_data["stamp"],
                                **form.account_values())
        except actions.StaleAccount as error:
            current = error.current
            form.add_error(None, _(
                "Någon annan ändrade kontot medan du redigerade det. Dina ändringar är inte "
                "sparade men finns kvar i formuläret; jämför med de sparade uppgifterna och "
                "spara igen."))
            form.data = form.data.copy()
            form.data["stamp"] = actions.stamp(current)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Kontot %(name)s är sparat.")
                             % {"name": profile.user.username})
            return redirect("accounts:users")
    status = 409 if current else 400 if form.is_bound else 200
    return render(request, "accounts/user_form.html", {
        "nav": NAV, "form": form, "profile": profile, "current": current}, status=status)
