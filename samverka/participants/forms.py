"""Forms for participant pages; validation that needs the database lives in the actions."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverka.core.decimals import FlexibleDecimalField
from samverka.core.params import MAX_DB_ID
from samverka.partnerships.forms import LockVersionField
from samverka.partnerships.models import Partnership, ReferringUnit

from .actions import Decision
from .models import Gender, Outcome, Participant

DATE = {"type": "date"}


def hours_field(label, required=False):
    """Hours per week, read as "7,5" or "7.5", within 0–60."""
    return FlexibleDecimalField(label=label, required=required, max_digits=4, decimal_places=1,
                                min_value=0, max_value=60,
                                range_message=_("Ange mellan 0 och 60 timmar."))


def apply_errors(form, error: ValidationError) -> None:
    """Put ERROR's messages on the form's fields, the rest on the form as a whole."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class MunicipalityForm(forms.Form):
    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        if "partnership" in self.fields:
            self.fields["partnership"].queryset = Partnership.objects.filter(
                municipality_id=municipality_id
            )
        if "referring_unit" in self.fields:
            self.fields["referring_unit"].queryset = ReferringUnit.objects.filter(
                municipality_id=municipality_id
            )


class SearchForm(forms.Form):
    term = forms.CharField(
        label=_("Namn eller personnummer"), max_length=100,
        help_text=_("Sökordet sparas inte i adressen eller i loggen."),
    )


class ReferralForm(MunicipalityForm):
    kind = forms.ChoiceField(label=_("Identitet"), choices=Participant.IdentityKind.choices,
                             initial=Participant.IdentityKind.PERSONNUMMER)
    number = forms.CharField(
        label=_("Personnummer eller samordningsnummer"), required=False, max_length=13,
        help_text=_("ÅÅMMDD-NNNN, ÅÅMMDD+NNNN (100 år eller äldre) eller ÅÅÅÅMMDDNNNN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    reason = forms.CharField(label=_("Skäl till att nummer saknas"), required=False,
                             max_length=200)
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    gender = forms.ChoiceField(label=_("Kön"), choices=[("", "–")] + Gender.choices,
                               required=False,
                               help_text=_("Tomt: enligt personnumret."))
    birth_year = forms.IntegerField(label=_("Födelseår"), required=False, min_value=1900,
                                    help_text=_("Endast när personnummer saknas."))
    partnership = forms.ModelChoiceField(label=_("Partnerskap"), queryset=Partnership.objects)
    referring_unit = forms.ModelChoiceField(label=_("Anvisningsväg"),
                                            queryset=ReferringUnit.objects)
    requested_on = forms.DateField(label=_("Anvisningsdatum"), widget=forms.DateInput(DATE))
    planned_hours_per_week = hours_field(_("Planerad intensitet (timmar per vecka)"))
    action_plan_reference = forms.CharField(label=_("Referens till handlingsplan"),
                                            required=False, max_length=100)
    consent_to_share = forms.BooleanField(
        label=_("Deltagaren samtycker till att uppgifter lämnas till samverkansparten"),
        required=False,
    )
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea)


class ReferralEditForm(MunicipalityForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    partnership = forms.ModelChoiceField(label=_("Partnerskap"), queryset=Partnership.objects)
    requested_on = forms.DateField(label=_("Anvisningsdatum"), widget=forms.DateInput(DATE))
    planned_hours_per_week = hours_field(_("Planerad intensitet (timmar per vecka)"))
    action_plan_reference = forms.CharField(label=_("Referens till handlingsplan"),
                                            required=False, max_length=100)
    consent_to_share = forms.BooleanField(
        label=_("Deltagaren samtycker till att uppgifter lämnas till samverkansparten"),
        required=False,
    )
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Svar"), widget=forms.RadioSelect,
        choices=[(Decision.ACCEPT, _("Anta och placera")), (Decision.WAIT, _("Väntelista")),
                 (Decision.DECLINE, _("Avböj"))],
    )
    start = forms.DateField(label=_("Startdatum"), required=False, widget=forms.DateInput(DATE))
    hours_per_week = hours_field(_("Timmar per vecka"))
    reason = forms.CharField(label=_("Skäl (vid avböjande)"), required=False,
                             widget=forms.Textarea)
    confirm_over_capacity = forms.BooleanField(
        label=_("Anta även om partnerskapet saknar lediga platser"), required=False
    )


class PlacementForm(MunicipalityForm):
    partnership = forms.ModelChoiceField(label=_("Partnerskap"), queryset=Partnership.objects)
    start = forms.DateField(label=_("Startdatum"), widget=forms.DateInput(DATE))
    planned_end = forms.DateField(label=_("Planerat slutdatum"), required=False,
                                  widget=forms.DateInput(DATE))
    hours_per_week = hours_field(_("Timmar per vecka"))
    is_individual_agreement = forms.BooleanField(
        label=_("Individuellt avtal (plats köpt för en person)"), required=False
    )
    individual_cost = forms.IntegerField(label=_("Kostnad för individuellt avtal (kr)"),
                                         required=False, min_value=0)


class ExitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end = forms.DateField(label=_("Slutdatum"), required=False, widget=forms.DateInput(DATE))
    outcome = forms.ChoiceField(label=_("Går vidare till"), required=False,
                                choices=[("", "–")] + Outcome.choices)


class WeekForm(forms.Form):
    week_start = forms.DateField(label=_("Vecka (måndag)"), widget=forms.DateInput(DATE))
    hours = hours_field(_("Timmar"), required=True)
    # Optimistic locking: the version of the saved hours of LOADED_WEEK when the form was read.
    version = LockVersionField(required=False)
    loaded_week = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_loaded_week(self):
        try:  # unreadable: no week was loaded (never an error naming a hidden field)
            return date.fromisoformat(self.cleaned_data["loaded_week"])
        except ValueError:
            return None

    @classmethod
    def for_week(cls, week):
        """An unbound form showing the saved WEEK (a WeeklyActivity) for change."""
        return cls(initial={"week_start": week.week_start, "hours": week.hours,
                            "version": week.version, "loaded_week": week.week_start})

    @property
    def expected_version(self):
        """The version read of the week being saved; None when none was read for it."""
        data = self.cleaned_data
        if data.get("loaded_week") != data.get("week_start"):
            return None
        return data.get("version")

    def show_saved(self, week) -> None:
        """After a conflict: keep the user's input, but let the next save replace WEEK."""
        self.data = self.data.copy()
        self.data["version"] = week.version
        self.data["loaded_week"] = week.week_start.isoformat()


class LogFilterForm(forms.Form):
    username = forms.CharField(label=_("Användare"), required=False, max_length=150)
    participant = forms.IntegerField(label=_("Deltagare (id)"), required=False, min_value=1,
                                     max_value=MAX_DB_ID)
    outside = forms.BooleanField(label=_("Endast åtkomster utanför egen enhet eller organisation"),
                                 required=False)
    date_from = forms.DateField(label=_("Från och med"), required=False,
                                widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("Till och med"), required=False,
                              widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        return cleaned
