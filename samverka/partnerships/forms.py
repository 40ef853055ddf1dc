"""Forms for the register; each keeps choices inside the user's municipality."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samverka.accounts import policy
from samverka.budgets.models import Budget, BudgetLine
from samverka.core.decimals import FlexibleDecimalField, between
from samverka.organisations.models import Organisation

from .models import (
    AgreementVersion,
    CriterionAssessment,
    Decision,
    Partnership,
    Party,
    ReferringUnit,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def municipal_bodies(municipality):
    """The municipality's own committees, council and administrations: the bodies that decide
    on its partnerships (not companies, associations or other public bodies)."""
    return Organisation.objects.filter(municipality=municipality,
                                       kind=Organisation.Kind.MUNICIPAL_BODY)


class LockVersionField(forms.IntegerField):
    """The hidden version number a form was read at. Anything unreadable counts as missing, so a
    tampered value gets the form's own message, never an error naming the hidden field."""

    widget = forms.HiddenInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None


class LockedModelForm(forms.ModelForm):
    """Carries the object's lock_version as read, so that a save after someone else's is caught
    (see actions.Conflict)."""

    lock_version = LockVersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("lock_version") is None:
            raise forms.ValidationError(_(
                "Formuläret saknar uppgift om vilken version du utgick från. Ladda om sidan och "
                "gör ändringen igen."
            ))
        return cleaned

    @property
    def expected_version(self):
        return self.cleaned_data.get("lock_version")

    def show_saved_version(self, current) -> None:
        """After a conflict: keep the user's input, but let the next save replace CURRENT."""
        self.data = self.data.copy()
        self.data[self.add_prefix("lock_version")] = current.lock_version


class MunicipalityScopedForm(LockedModelForm):
    """Limits every foreign-key choice to the municipality's own organisations and units."""

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model in (Organisation, ReferringUnit):
                field.queryset = queryset.filter(municipality=municipality)


class OrganisationForm(MunicipalityScopedForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "org_number", "idea_register"]

    def save(self, commit=True):
        self.instance.municipality = self.municipality
        return super().save(commit)


class PartnershipForm(MunicipalityScopedForm):
    class Meta:
        model = Partnership
        fields = [
            "name", "form", "committee", "administration", "purpose", "target_group",
            "newly_arrived", "social_assistance", "age_band", "gender_focus", "intensity_band",
            "activities", "referral_routes", "places", "capacity", "goal_areas",
            "gender_equality", "legal_form_reasoning",
        ]
        widgets = {"referral_routes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipal = Organisation.Kind.MUNICIPAL_BODY
        for name in ("committee", "administration"):
            self.fields[name].queryset = self.fields[name].queryset.filter(kind=municipal)
        self.instance.municipality = self.municipality

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Partnership.objects.filter(municipality=self.municipality, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Det finns redan ett partnerskap med det namnet."))
        return name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ResponsibleForm(MunicipalityScopedForm):
    """The partnership's responsible officer and deputy: reminders go to them."""

    class Meta:
        model = Partnership
        fields = ["responsible_officer", "deputy_officer"]
        field_classes = {"responsible_officer": PersonChoiceField,
                         "deputy_officer": PersonChoiceField}
        help_texts = {
            "responsible_officer": _("Får påminnelserna för partnerskapet per e-post och under "
                                     "Att göra. Utan ansvarig går de till alla handläggare."),
            "deputy_officer": _("Får samma påminnelser som den ansvariga."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = policy.responsible_candidates(self.municipality).order_by(
            "first_name", "last_name", "username")
        for name in ("responsible_officer", "deputy_officer"):
            self.fields[name].queryset = candidates
            self.fields[name].empty_label = _("Ingen utsedd")

    def clean(self):
        cleaned = super().clean()
        responsible, deputy = cleaned.get("responsible_officer"), cleaned.get("deputy_officer")
        if responsible is not None and responsible == deputy:
            self.add_error("deputy_officer", _("Ersättaren ska vara en annan person än den "
                                               "ansvariga handläggaren."))
        return cleaned


class PartyForm(MunicipalityScopedForm):
    class Meta:
        model = Party
        fields = ["organisation", "role"]


class VersionForm(MunicipalityScopedForm):
    class Meta:
        model = AgreementVersion
        fields = [
            "number", "kind", "title", "start", "end", "period_note", "extension_count",
            "extension_years", "extensions_used", "extension_decision_due", "status",
            "change_summary",
        ]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET, "extension_decision_due": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # an extension is registered with its decision, not typed here
            self.fields["extensions_used"].disabled = True
            self.fields["extensions_used"].help_text = _(
                "Ändras när en förlängning registreras (”Förläng överenskommelsen” på "
                "partnerskapets sida).")


class DecisionForm(MunicipalityScopedForm):
    class Meta:
        model = Decision
        fields = [
            "version", "body", "title", "date", "date_note", "registry_number", "points",
            "signatories", "distribution", "consultation", "mbl",
        ]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = AgreementVersion.objects.filter(
            partnership=self.instance.partnership
        )
        self.fields["body"].queryset = municipal_bodies(self.municipality)
        self.fields["body"].error_messages["invalid_choice"] = _(
            "Välj en nämnd eller ett annat kommunalt organ i kommunen; företag och föreningar "
            "fattar inte kommunens beslut.")


class CriterionForm(LockedModelForm):
    class Meta:
        model = CriterionAssessment
        fields = ["criterion", "status", "motivation"]
        widgets = {"criterion": forms.HiddenInput, "motivation": forms.Textarea(attrs={"rows": 2})}

    def has_changed(self):
        # Saving the page records all eight criteria, the ones left "unclear" too (otherwise the
        # formset would count them as empty and refuse fewer than eight).
        return self.instance.pk is None or super().has_changed()


CriterionFormSet = inlineformset_factory(
    AgreementVersion, CriterionAssessment, form=CriterionForm, extra=0, can_delete=False,
    min_num=8, max_num=8, validate_min=True,
)


def _decimal(model, name, low, high, unit="", **extra):
    """A FlexibleDecimalField for MODEL's field NAME with the plausibility range LOW..HIGH."""
    field = model._meta.get_field(name)
    return FlexibleDecimalField(
        label=capfirst(field.verbose_name), help_text=field.help_text,
        required=not field.blank, max_digits=field.max_digits,
        decimal_places=field.decimal_places, min_value=low, max_value=high,
        range_message=between(low, high, unit), **extra)


def _integer(model, name, low, high, unit=""):
    field = model._meta.get_field(name)
    message = between(low, high, unit)
    return forms.IntegerField(
        label=capfirst(field.verbose_name), help_text=field.help_text,
        required=not field.blank, min_value=low, max_value=high,
        error_messages={"min_value": message, "max_value": message,
                        "invalid": _("Ange ett heltal, utan mellanslag och decimaler.")})


MAX_INDEXATION_PERCENT = 20
MAX_HOURS_PER_WEEK = 60
MAX_HOURLY_RATE = 5_000
MAX_YEARLY_AMOUNT = 1_000_000_000


class BudgetForm(LockedModelForm):
    indexation_percent = _decimal(Budget, "indexation_percent", 0, MAX_INDEXATION_PERCENT, "%")

    class Meta:
        model = Budget
        fields = ["first_year", "last_year", "indexation_percent", "note"]


class BudgetLineForm(forms.ModelForm):
    hours_per_week = _decimal(BudgetLine, "hours_per_week", 0, MAX_HOURS_PER_WEEK,
                              _("timmar"))
    weeks_per_year = _integer(BudgetLine, "weeks_per_year", 0, 53, _("veckor"))
    hourly_rate = _decimal(BudgetLine, "hourly_rate", 0, MAX_HOURLY_RATE, "kr")
    lump_sum = _integer(BudgetLine, "lump_sum", 0, MAX_YEARLY_AMOUNT, "kr")

    class Meta:
        model = BudgetLine
        fields = [
            "party", "kind", "description", "in_kind", "hours_per_week", "weeks_per_year",
            "hourly_rate", "lump_sum", "at_least", "derived",
        ]


BudgetLineFormSet = inlineformset_factory(
    Budget, BudgetLine, form=BudgetLineForm, extra=2, can_delete=True
)


def scope_budget_lines(formset, partnership):
    """Offer only the partnership's own parties in every line of FORMSET."""
    parties = Party.objects.filter(partnership=partnership).select_related("organisation")
    for form in [*formset.forms, formset.empty_form]:
        form.fields["party"].queryset = parties
    return formset
