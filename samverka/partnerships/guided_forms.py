"""The guided flow's forms (issue 15): each step's validation, with Swedish messages on the field.

They narrow the register's own forms (forms.py) to what the step asks; saving still goes through
the register's actions with those forms, so the policy check, the audit rows and the optimistic
locking are the same as on the single pages.
"""

import datetime as dt

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.budgets.models import Budget, BudgetLine
from samverka.organisations.models import Organisation
from samverka.organisations.orgnr import OrgNumberError, normalise_org_number

from . import forms as register_forms
from .models import AgreementVersion, CriterionAssessment, Decision, Partnership, Party

MAX_AGREEMENT_YEARS = 10
MAX_EXTENSIONS = 5
MAX_EXTENSION_YEARS = 5


class OrganisationChoice(forms.Form):
    """Pick an organisation of the municipality, or name a new one (with its org number)."""

    organisation_kinds = None  # the kinds offered in the list; None: all

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Organisation"),
        empty_label=_("– Ny organisation (fyll i nedan) –"))
    new_name = forms.CharField(label=_("Ny organisations namn"), max_length=200, required=False)
    new_org_number = forms.CharField(
        label=_("Organisationsnummer"), max_length=13, required=False,
        help_text=_("10 siffror, till exempel 802002-4512. Lämna tomt om det inte är känt."))

    def __init__(self, *args, municipality, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        queryset = Organisation.objects.filter(municipality=municipality).exclude(pk__in=exclude)
        if self.organisation_kinds:
            queryset = queryset.filter(kind__in=self.organisation_kinds)
        self.fields["organisation"].queryset = queryset

    def clean_new_org_number(self):
        number = self.cleaned_data["new_org_number"].strip()
        if not number:
            return ""
        try:
            return normalise_org_number(number)
        except OrgNumberError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        chosen, name = cleaned.get("organisation"), (cleaned.get("new_name") or "").strip()
        if chosen is None and not name and "new_name" not in self.errors:
            self.add_error("organisation", _("Välj en organisation i listan eller skriv namnet "
                                             "på en ny."))
        elif chosen is not None and name:
            self.add_error("new_name", _("Välj antingen en organisation i listan eller en ny, "
                                         "inte båda."))
        elif name:
            existing = Organisation.objects.filter(municipality=self.municipality,
                                                   name__iexact=name).first()
            if existing is not None:
                self.add_error("new_name", _("%(name)s finns redan; välj organisationen i "
                                             "listan.") % {"name": existing.name})
            number = cleaned.get("new_org_number")
            clash = number and Organisation.objects.filter(
                municipality=self.municipality, org_number=number).first()
            if clash:
                self.add_error("new_org_number", _(
                    "Organisationsnumret finns redan hos %(name)s; välj den i listan.")
                    % {"name": clash.name})
        cleaned["new_name"] = name
        return cleaned

    def organisation_data(self, kind) -> dict:
        """POST data for the register's OrganisationForm for the new organisation."""
        return {"name": self.cleaned_data["new_name"], "short_name": "", "kind": kind,
                "org_number": self.cleaned_data.get("new_org_number", ""),
                "idea_register": Organisation.IdeaRegister.UNKNOWN}


class StartForm(OrganisationChoice):
    """Step 1 for a new partnership: the civil-society organisation behind it, the partnership's
    name, form and committee, and what it is for."""

    organisation_kinds = [Organisation.Kind.CIVIL_SOCIETY]

    name = forms.CharField(label=_("Partnerskapets namn"), max_length=200,
                           help_text=_("T.ex. ”IOP Östergötlands Stadsmission”."))
    form = forms.ChoiceField(label=_("Samverkansform"), choices=Partnership.Form.choices,
                             initial=Partnership.Form.IOP)
    committee = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Ansvarig nämnd"),
        help_text=_("Läggs till som part automatiskt."))
    purpose = forms.CharField(label=_("Syfte"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    target_group = forms.CharField(label=_("Målgrupp"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    places = forms.IntegerField(
        label=_("Heltidsplatser"), required=False, min_value=1, max_value=10_000,
        error_messages={"min_value": _("Ange ett antal mellan 1 och 10 000."),
                        "max_value": _("Ange ett antal mellan 1 och 10 000."),
                        "invalid": _("Ange ett heltal.")})

    field_order = ["organisation", "new_name", "new_org_number", "name", "form", "committee",
                   "purpose", "target_group", "places"]

    def __init__(self, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label = _("Idéburen organisation")
        self.fields["new_name"].label = _("Eller en ny idéburen organisation")
        self.fields["committee"].queryset = register_forms.municipal_bodies(self.municipality)
        self.fields["committee"].error_messages["invalid_choice"] = _(
            "Välj en nämnd i kommunen.")
        if committee is not None:
            self.fields["committee"].initial = committee.pk

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Partnership.objects.filter(municipality=self.municipality, name__iexact=name).exists():
            raise forms.ValidationError(_("Det finns redan ett partnerskap med det namnet."))
        return name

    def partnership_data(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "form": data["form"], "committee": data["committee"].pk,
                "purpose": data["purpose"], "target_group": data["target_group"],
                "places": data["places"] or "", "age_band": Partnership.AgeBand.ADULTS,
                "gender_focus": Partnership.GenderFocus.ALL}


class PartnershipStepForm(register_forms.PartnershipForm):
    """Step 1 again, once the partnership exists: its own fields."""

    class Meta(register_forms.PartnershipForm.Meta):
        fields = ["name", "form", "committee", "administration", "purpose", "target_group",
                  "places"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}),
                   "target_group": forms.Textarea(attrs={"rows": 2})}


class NewPartyForm(OrganisationChoice):
    """Step 2: one more party, an organisation of the municipality or a new one, with its role."""

    role = forms.ChoiceField(label=_("Roll"), initial=Party.Role.CO_PARTY, choices=[
        (Party.Role.PARTNER, Party.Role.PARTNER.label),
        (Party.Role.CO_PARTY, Party.Role.CO_PARTY.label)])
    new_kind = forms.ChoiceField(label=_("Den nya organisationens typ"),
                                 choices=Organisation.Kind.choices,
                                 initial=Organisation.Kind.CIVIL_SOCIETY)

    field_order = ["organisation", "new_name", "new_org_number", "new_kind", "role"]

    def clean(self):
        cleaned = super().clean()
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        kind = organisation.kind if organisation else cleaned.get("new_kind")
        if role == Party.Role.PARTNER and kind and kind != Organisation.Kind.CIVIL_SOCIETY:
            self.add_error("role", _("En idéburen part ska vara en idéburen organisation; välj "
                                     "rollen samverkanspart."))
        return cleaned


class AgreementStepForm(register_forms.MunicipalityScopedForm):
    """Step 3: the first agreement's period and its extension option."""

    class Meta:
        model = AgreementVersion
        widgets = {"start": register_forms.DATE_WIDGET, "end": register_forms.DATE_WIDGET,
                   "extension_decision_due": register_forms.DATE_WIDGET}
        fields = ["title", "start", "end", "extension_count", "extension_years",
                  "extension_decision_due"]
        labels = {"extension_count": _("Antal möjliga förlängningar"),
                  "extension_years": _("År per förlängning")}
        help_texts = {"extension_count": _("T.ex. 2 för ”möjlighet till förlängning om 2 gånger "
                                           "2 år”; 0 om förlängning inte ingår.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].required = True
        self.fields["start"].error_messages["required"] = _("Ange när överenskommelsen börjar.")
        self.fields["end"].error_messages["required"] = _("Ange när överenskommelsen slutar.")
        for name, high in (("extension_count", MAX_EXTENSIONS),
                           ("extension_years", MAX_EXTENSION_YEARS)):
            model_field = AgreementVersion._meta.get_field(name)
            message = _("Ange ett heltal mellan 0 och %(high)s.") % {"high": high}
            self.fields[name] = forms.IntegerField(
                label=self.fields[name].label, help_text=self.fields[name].help_text,
                required=False, min_value=0, max_value=high, initial=model_field.default,
                error_messages={"min_value": message, "max_value": message, "invalid": message})

    def clean_extension_count(self):
        return self.cleaned_data["extension_count"] or 0

    def clean_extension_years(self):
        return self.cleaned_data["extension_years"] or 0

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        count, years = cleaned.get("extension_count"), cleaned.get("extension_years")
        if start and end and end >= start and (end - start).days > 366 * MAX_AGREEMENT_YEARS:
            self.add_error("end", _("En period på mer än %(years)s år är inte rimlig; kontrollera "
                                    "datumen.") % {"years": MAX_AGREEMENT_YEARS})
        if years and not count and "extension_count" not in self.errors:
            self.add_error("extension_count", _("Ange hur många förlängningar som är möjliga."))
        due = cleaned.get("extension_decision_due")
        if due and not count:
            self.add_error("extension_decision_due", _(
                "Utan möjlighet till förlängning behövs inget datum för beslut om förlängning."))
        elif due and end and due > end:
            self.add_error("extension_decision_due", _(
                "Beslutet om förlängning behöver fattas före periodens slut (%(end)s).")
                % {"end": f"{end:%Y-%m-%d}"})
        return cleaned


class BudgetStepForm(register_forms.BudgetForm):
    """Step 4: the budget's first year and its yearly indexation."""

    class Meta(register_forms.BudgetForm.Meta):
        fields = ["first_year", "indexation_percent"]
        labels = {"first_year": _("Budgetår")}
        help_texts = {"first_year": _("Beloppen gäller detta år; följande år räknas upp.")}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["indexation_percent"].help_text = _(
            "Pris- och löneförändring per nytt kalenderår, t.ex. 2 eller 2,5.")

    def clean_first_year(self):
        year = self.cleaned_data["first_year"]
        start, end = self.version.start, self.version.end
        if start and end and not start.year <= year <= end.year:
            raise forms.ValidationError(_(
                "Budgetåret ska ligga inom överenskommelsens period (%(first)s–%(last)s).")
                % {"first": start.year, "last": end.year})
        return year


class BudgetLineStepForm(register_forms.BudgetLineForm):
    """A line of the budget table: whose contribution, what, and hours × weeks × rate or a sum."""

    class Meta(register_forms.BudgetLineForm.Meta):
        fields = ["party", "kind", "description", "in_kind", "hours_per_week",
                  "weeks_per_year", "hourly_rate", "lump_sum", "at_least"]
        labels = {"in_kind": _("Resurser, inte pengar"), "lump_sum": _("Belopp (kr)"),
                  "at_least": _("Minst")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("hours_per_week", "weeks_per_year", "hourly_rate", "lump_sum"):
            self.fields[name].help_text = ""
        self.fields["description"].error_messages["required"] = _("Beskriv posten.")
        self.fields["party"].error_messages["required"] = _("Välj vilken part som bidrar.")
        self.fields["party"].label_from_instance = lambda party: party.organisation.name

    def clean(self):
        cleaned = super().clean()
        hours = [cleaned.get(name) for name in ("hours_per_week", "weeks_per_year",
                                                "hourly_rate")]
        no_errors = not any(name in self.errors for name in
                            ("hours_per_week", "weeks_per_year", "hourly_rate", "lump_sum"))
        if no_errors and cleaned.get("lump_sum") is None and all(v is None for v in hours):
            self.add_error("lump_sum", _("Ange ett belopp, eller timmar per vecka, veckor per "
                                         "år och timpris."))
        return cleaned


class BaseBudgetLines(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data and
                not form.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError(_("Lägg till minst en budgetrad."))


BudgetLinesFormSet = inlineformset_factory(
    Budget, BudgetLine, form=BudgetLineStepForm, formset=BaseBudgetLines, extra=2,
    can_delete=True)


class CriterionStepForm(register_forms.CriterionForm):
    """Step 5: one of the eight criteria; an assessment (met or not) needs its motivation."""

    def clean(self):
        cleaned = super().clean()
        decided = cleaned.get("status") in (CriterionAssessment.Status.MET,
                                            CriterionAssessment.Status.NOT_MET)
        if decided and not (cleaned.get("motivation") or "").strip():
            self.add_error("motivation", _("Skriv en kort motivering till bedömningen."))
        return cleaned


CriteriaFormSet = inlineformset_factory(
    AgreementVersion, CriterionAssessment, form=CriterionStepForm, extra=0, can_delete=False,
    min_num=8, max_num=8, validate_min=True)


class DecisionStepForm(register_forms.MunicipalityScopedForm):
    """Step 6: the committee's decision on the agreement, with date and registry number. The
    deciding body is one of the municipality's own bodies (never a company or an association)."""

    class Meta:
        model = Decision
        fields = ["body", "title", "date", "registry_number", "points"]
        widgets = {"date": register_forms.DATE_WIDGET, "points": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"registry_number": _("T.ex. AN 2026-123.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = register_forms.municipal_bodies(self.municipality)
        self.fields["body"].error_messages["invalid_choice"] = _(
            "Välj en nämnd eller ett annat kommunalt organ i kommunen; företag och föreningar "
            "fattar inte kommunens beslut.")
        self.fields["date"].required = True
        self.fields["date"].error_messages["required"] = _("Ange beslutets datum.")
        self.fields["registry_number"].required = True
        self.fields["registry_number"].error_messages["required"] = _(
            "Ange diarienumret, t.ex. AN 2026-123.")

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("Beslutsdatumet kan inte ligga i framtiden; registrera "
                                          "beslutet när det är fattat."))
        if date and date < dt.date(2000, 1, 1):
            raise forms.ValidationError(_("Kontrollera året: beslutet kan inte vara fattat före "
                                          "år 2000."))
        return date

    def clean_registry_number(self):
        number = " ".join(self.cleaned_data["registry_number"].split())
        clash = (Decision.objects.filter(partnership__municipality=self.municipality,
                                         registry_number__iexact=number)
                 .exclude(partnership=self.instance.partnership).select_related("partnership")
                 .first())
        if clash:
            raise forms.ValidationError(_("Diarienumret %(number)s hör redan till %(name)s.")
                                        % {"number": number, "name": clash.partnership.name})
        return number


class VersionStatusForm(register_forms.LockedModelForm):
    """The agreement's status, set to decided by the decision step (through the version action)."""

    class Meta:
        model = AgreementVersion
        fields = ["status"]
