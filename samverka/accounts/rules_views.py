"""The sign-in rules page beside the user page: administrators list, create, change and delete
the rules that give municipal sign-in users their role. Writes go through sign_in_rules.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import policy
from . import sign_in_rules as rules
from .views import NAV, _apply_errors, _forbidden

STALE = _("Någon annan ändrade eller tog bort regeln medan du redigerade den. Ingenting är "
          "sparat; öppna regeln igen.")


def _not_found(request):
    return render(request, "accounts/not_found.html", {"nav": NAV}, status=404)


@login_required
@require_http_methods(["GET"])
def rule_list(request):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    listed = rules.managed_rules(request.user).select_related(
        "organisation", "referring_unit").order_by("provider", "claim", "value")
    return render(request, "accounts/sign_in_rules.html", {
        "nav": NAV, "rules": listed, "oidc_enabled": settings.OIDC_ENABLED,
        "saml2_enabled": settings.SAML2_ENABLED,
        "local_login_enabled": settings.LOCAL_LOGIN_ENABLED})


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    municipality_id = policy.profile_of(request.user).municipality_id
    form = rules.SignInRuleForm(request.POST or None, municipality_id=municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            rules.create_rule(request.user, **form.rule_values())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Regeln är sparad."))
            return redirect("accounts:sign_in_rules")
    return render(request, "accounts/sign_in_rule_form.html", {"nav": NAV, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    rule = rules.managed_rules(request.user).filter(pk=pk).first()
    if rule is None:
        return _not_found(request)
    initial = {**rules.values_of(rule), "organisation": rule.organisation_id,
               "referring_unit": rule.referring_unit_id, "version": rule.version}
    form = rules.SignInRuleForm(request.POST or None, initial=initial,
                                municipality_id=rule.municipality_id)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            rules.change_rule(request.user, rule.pk, form.cleaned_data["version"],
                              **form.rule_values())
        except rules.StaleRule:
            form.add_error(None, STALE)
            status = 409
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Regeln är sparad."))
            return redirect("accounts:sign_in_rules")
    return render(request, "accounts/sign_in_rule_form.html",
                  {"nav": NAV, "form": form, "rule": rule}, status=status)


@login_required
@require_http_methods(["POST"])
def rule_delete(request, pk):
    if not policy.can(request.user, policy.MANAGE_USERS):
        return _forbidden(request)
    rule = rules.managed_rules(request.user).filter(pk=pk).first()
    if rule is None:
        return _not_found(request)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        rules.delete_rule(request.user, rule.pk, version)
    except rules.StaleRule:
        messages.error(request, STALE)
    else:
        messages.success(request, _("Regeln är borttagen."))
    return redirect("accounts:sign_in_rules")
