"""The administrator's page of API clients: list, create (the token is shown once), deactivate,
reactivate and new token. Every change through api/actions.py (policy, transaction, audit)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from samverka.accounts import policy
from samverka.organisations.models import Organisation
from samverka.partnerships.models import ReferringUnit

from . import actions
from .models import ApiClient

NAV = "users"
SCOPE_LABELS = {
    policy.SCOPE_REGISTER_READ: _("Läsa registret (register:read)"),
    policy.SCOPE_REGISTER_WRITE: _("Ändra registret som handläggare (register:write)"),
    policy.SCOPE_REFERRALS_WRITE: _("Anvisa från en anvisande enhet (referrals:write)"),
    policy.SCOPE_PLACEMENTS_WRITE: _("Svara på anvisningar och placera för en organisation "
                                     "(placements:write)"),
    policy.SCOPE_STATISTICS_READ: _("Läsa publicerad statistik (statistics:read)"),
}


class ClientForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=120,
                           help_text=_("Systemets namn, t.ex. Treserva Individ och familj."))
    scopes = forms.MultipleChoiceField(label=_("Behörigheter"),
                                       choices=list(SCOPE_LABELS.items()),
                                       widget=forms.CheckboxSelectMultiple)
    referring_unit = forms.ModelChoiceField(ReferringUnit.objects.none(), required=False,
                                            label=_("Anvisande enhet"))
    organisation = forms.ModelChoiceField(Organisation.objects.none(), required=False,
                                          label=_("Organisation"))

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referring_unit"].queryset = ReferringUnit.objects.filter(
            municipality_id=municipality_id)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=municipality_id)


def _forbidden(request):
    return render(request, "accounts/forbidden.html", {"nav": NAV}, status=403)


def _allowed(request) -> bool:
    return policy.can(request.user, policy.MANAGE_API_CLIENTS)


@login_required
@require_http_methods(["GET"])
def client_list(request):
    if not _allowed(request):
        return _forbidden(request)
    clients = ApiClient.objects.filter(
        municipality_id=policy.profile_of(request.user).municipality_id
    ).select_related("organisation", "referring_unit")
    return render(request, "api/clients.html", {"nav": NAV, "clients": clients,
                                                "labels": SCOPE_LABELS})


@login_required
@require_http_methods(["GET", "POST"])
def client_create(request):
    if not _allowed(request):
        return _forbidden(request)
    form = ClientForm(request.POST or None,
                      municipality_id=policy.profile_of(request.user).municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            client, token = actions.create_client(request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return render(request, "api/client_token.html", {"nav": NAV, "client": client,
                                                             "token": token})
    return render(request, "api/client_form.html", {"nav": NAV, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def client_detail(request, pk):
    if not _allowed(request):
        return _forbidden(request)
    client = ApiClient.objects.filter(pk=pk).first()
    if not policy.may_manage_api_client(request.user, client):  # none, or another municipality
        return render(request, "accounts/not_found.html", {"nav": NAV}, status=404)
    error = None
    if request.method == "POST":
        version = request.POST.get("version", "")
        todo = request.POST.get("do", "")
        try:
            version = int(version)
            if todo == "rotate":
                client, token = actions.rotate_token(request.user, client.pk, version)
                return render(request, "api/client_token.html",
                              {"nav": NAV, "client": client, "token": token})
            if todo in ("deactivate", "activate"):
                client = actions.set_active(request.user, client.pk, version,
                                            todo == "activate")
        except (ValueError, ValidationError) as problem:
            error = problem.messages[0] if isinstance(problem, ValidationError) else _(
                "Ladda om sidan och försök igen.")
    return render(request, "api/client_detail.html", {
        "nav": NAV, "client": client, "error": error,
        "scope_labels": [SCOPE_LABELS[scope] for scope in client.scopes if scope in SCOPE_LABELS],
    }, status=400 if error else 200)
