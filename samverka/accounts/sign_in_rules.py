"""Writes of sign-in rules: administrators, in their own municipality, audited, version-locked."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.audit.actions import record

from . import policy
from .actions import _check_scope
from .forms import AccountForm
from .models import SignInProvider, SignInRule

FIELDS = ("provider", "claim", "value", "role", "organisation_id", "referring_unit_id")


class StaleRule(Exception):
    """Someone else changed or removed the rule after it was read: nothing was changed."""


def managed_rules(user):
    """The sign-in rules of USER's municipality, for administrators; none for anybody else."""
    if not policy.can(user, policy.MANAGE_USERS):
        return SignInRule.objects.none()
    return SignInRule.objects.filter(municipality_id=policy.profile_of(user).municipality_id)


def values_of(rule: SignInRule) -> dict:
    return {name: getattr(rule, name) for name in FIELDS}


def _check(actor, municipality_id, values, exclude_pk=None) -> None:
    _check_scope(municipality_id, values["role"], values["organisation_id"],
                 values["referring_unit_id"])
    clash = SignInRule.objects.filter(
        municipality_id=municipality_id, provider=values["provider"], claim=values["claim"],
        value=values["value"]).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"value": _("Det finns redan en regel för det här värdet.")})


def create_rule(actor, **values) -> SignInRule:
    if not policy.can(actor, policy.MANAGE_USERS):
        raise PermissionDenied
    municipality_id = policy.profile_of(actor).municipality_id
    with transaction.atomic():
        _check(actor, municipality_id, values)
        rule = SignInRule.objects.create(municipality_id=municipality_id, **values)
        record(actor, "sign_in_rule.create", rule, values)
    return rule


def _locked_rule(actor, rule_id, version: int) -> SignInRule:
    """The rule ACTOR manages with RULE_ID, locked for the transaction; 404 when there is none,
    StaleRule when it has changed since VERSION was read."""
    rule = managed_rules(actor).select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    if rule.version != version:
        raise StaleRule
    return rule


def change_rule(actor, rule_id, version: int, **values) -> SignInRule:
    if not policy.can(actor, policy.MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        rule = _locked_rule(actor, rule_id, version)
        _check(actor, rule.municipality_id, values, exclude_pk=rule.pk)
        before = values_of(rule)
        changed = {name: f"{before[name]} → {values[name]}" for name in FIELDS
                   if before[name] != values[name]}
        if not changed:
            return rule
        for name, value in values.items():
            setattr(rule, name, value)
        rule.version += 1
        rule.save()
        record(actor, "sign_in_rule.update", rule, changed)
    return rule


def delete_rule(actor, rule_id, version: int) -> None:
    if not policy.can(actor, policy.MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        rule = _locked_rule(actor, rule_id, version)
        record(actor, "sign_in_rule.delete", rule, values_of(rule))
        rule.delete()


class SignInRuleForm(AccountForm):
    """A rule: provider, claim and value, and the account values it gives."""

    provider = forms.ChoiceField(
        label=gettext_lazy("Identitetstjänst"), choices=SignInProvider.choices,
        error_messages={"required": gettext_lazy("Välj en identitetstjänst."),
                        "invalid_choice": gettext_lazy("Välj en identitetstjänst.")})
    claim = forms.CharField(
        label=gettext_lazy("Attribut"), max_length=200,
        help_text=gettext_lazy("Namnet på attributet som identitetstjänsten skickar, t.ex. "
                               "groups (Entra ID) eller eduPersonAffiliation (SAML2)."),
        error_messages={"required": gettext_lazy("Ange attributets namn.")})
    value = forms.CharField(
        label=gettext_lazy("Värde"), max_length=500,
        help_text=gettext_lazy("Värdet som ger rollen, t.ex. gruppens id."),
        error_messages={"required": gettext_lazy("Ange värdet som ska matcha.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["provider", "claim", "value", "role", "organisation", "referring_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            del self.fields[name]

    def rule_values(self) -> dict:
        data = self.cleaned_data
        return {"provider": data["provider"], "claim": data["claim"].strip(),
                "value": data["value"].strip(), "role": data["role"],
                "organisation_id": data["organisation"].pk if data["organisation"] else None,
                "referring_unit_id": (data["referring_unit"].pk if data["referring_unit"]
                                      else None)}
