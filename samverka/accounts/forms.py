"""Forms of the user administration page; choices limited to the administrator's municipality."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.organisations.models import Organisation
from samverka.partnerships.models import ReferringUnit

from .models import Role


class AccountForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-post"), required=False,
                             error_messages={"invalid": _("Ange en giltig e-postadress.")})
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices,
                             error_messages={"required": _("Välj en roll."),
                                             "invalid_choice": _("Välj en roll.")})
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False,
        help_text=_("Krävs för personal hos en samverkanspart."),
        error_messages={"invalid_choice": _("Välj en organisation i din kommun.")})
    referring_unit = forms.ModelChoiceField(
        label=_("Anvisande enhet"), queryset=ReferringUnit.objects.none(), required=False,
        help_text=_("Krävs för handläggare: den enhet vars anvisningar de ser."),
        error_messages={"invalid_choice": _("Välj en anvisande enhet i din kommun.")})

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=municipality_id).order_by("name")
        self.fields["referring_unit"].queryset = ReferringUnit.objects.filter(
            municipality_id=municipality_id).order_by("name")

    def account_values(self) -> dict:
        data = self.cleaned_data
        return {"first_name": data["first_name"].strip(), "last_name": data["last_name"].strip(),
                "email": data["email"].strip(), "role": data["role"],
                "organisation_id": data["organisation"].pk if data["organisation"] else None,
                "referring_unit_id": (data["referring_unit"].pk if data["referring_unit"]
                                      else None)}


class UserCreateForm(AccountForm):
    username = forms.CharField(label=_("Användarnamn"), max_length=150,
                               error_messages={"required": _("Ange ett användarnamn.")})
    password1 = forms.CharField(label=_("Lösenord"), strip=False, widget=forms.PasswordInput,
                                error_messages={"required": _("Ange ett lösenord.")})
    password2 = forms.CharField(label=_("Lösenordet igen"), strip=False,
                                widget=forms.PasswordInput,
                                error_messages={"required": _("Ange lösenordet igen.")})

    field_order = ["username", "first_name", "last_name", "email", "role", "organisation",
                   "referring_unit", "password1", "password2"]

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and \
                data["password1"] != data["password2"]:
            self.add_error("password2", _("Lösenorden är inte lika."))
        return data


class UserChangeForm(AccountForm):
    is_active = forms.BooleanField(label=_("Kontot är aktivt"), required=False,
                                   help_text=_("Ett inaktiverat konto kan inte logga in."))
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def account_values(self) -> dict:
        return {**super().account_values(), "is_active": self.cleaned_data["is_active"]}
