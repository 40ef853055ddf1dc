"""Forms of the administration's impact pages. They check types and ranges so that every error is
shown at once; the actions validate again and are the only write path. Rows are plain formsets:
"Lägg till rad" posts and re-renders with one more row, "Ta bort raden" drops a row, so the
forms work with the keyboard and without JavaScript."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from samverka.core.conflicts import conflict_rows, formset_conflict_rows
from samverka.core.decimals import FlexibleDecimalField

from .models import FinancialProxy, QuantitySource

# Django formats min/max messages with %-parameters, hence %%.
PERCENT_ERROR = _("Ange en andel mellan 0 och 100 %%.")
STEP_LINE = re.compile(r"^\s*(-?\d+)\s*[=:.–-]\s*(.+?)\s*$")


def percent(label, initial="0", help_text=""):
    return FlexibleDecimalField(
        label=label, initial=Decimal(initial), min_value=0, max_value=100, max_digits=5,
        decimal_places=2, localize=True, help_text=help_text,
        error_messages={"min_value": PERCENT_ERROR, "max_value": PERCENT_ERROR,
                        "invalid": _("Ange ett tal, t.ex. 3,5."),
                        "required": _("Ange en andel, 0 om den inte används.")},
    )


def kronor(label, required=True, min_value=None, help_text=""):
    return forms.IntegerField(
        label=label, required=required, min_value=min_value, localize=True, help_text=help_text,
        error_messages={"invalid": _("Ange beloppet i hela kronor."),
                        "min_value": _("Ange beloppet i hela kronor, 0 eller mer."),
                        "required": _("Ange beloppet i hela kronor.")},
    )


# --- Optimistic locking: the version a form was read with, and what differs on a conflict ---


def version_field():
    """The version of the object as the form read it (0: there was none yet)."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)




# --- What the SROI and account forms show for a saved object ---


def plain(value):
    """3.50 → 3.5 and 30.00 → 30, so that the form shows what was typed."""
    if value is None:
        return None
    return type(value)(format(value.normalize(), "f"))


def sroi_initial(calculation) -> tuple[dict, list[dict]]:
    """The SROI form's values and outcome rows for CALCULATION as saved (None: a new one)."""
    if calculation is None:
        return {"version": 0}, []
    form_initial = {"discount_rate": plain(calculation.discount_rate),
                    "index_percent": plain(calculation.index_percent),
                    "description": calculation.description, "version": calculation.version}
    rows = [{"name": o.name, "stakeholder": o.stakeholder, "indicator": o.indicator,
             "quantity_source": o.quantity_source, "quantity": plain(o.quantity),
             "quantity_note": o.quantity_note, "proxy": o.proxy_id, "duration": o.duration,
             "deadweight": plain(o.deadweight), "displacement": plain(o.displacement),
             "attribution": plain(o.attribution), "drop_off": plain(o.drop_off),
             "rationale": o.rationale}
            for o in calculation.outcomes.all()]
    return form_initial, rows


def account_initial(account) -> tuple[dict, list[dict]]:
    """The account form's values and actor rows for ACCOUNT as saved (None: a new one)."""
    if account is None:
        return {"version": 0}, []
    form_initial = {name: getattr(account, name)
                    for name in AccountForm.base_fields}
    form_initial.update(discount_rate=plain(account.discount_rate),
                        drop_off=plain(account.drop_off))
    rows = [{"actor": line.actor, "exclusion_cost": line.exclusion_cost,
             "after_cost": line.after_cost, "municipal": line.municipal, "source": line.source}
            for line in account.actor_costs.all()]
    return form_initial, rows


def saved_now(form, formset, saved, row_label) -> list[dict]:
    """What differs between the user's input and SAVED (form values, rows) field by field."""
    values, rows = saved
    values = {name: value for name, value in values.items() if name != "version"}
    return (conflict_rows(form.fields, form.cleaned_data, values)
            + formset_conflict_rows(formset, rows, row_label))


# --- Financial proxies --------------------------------------------------------------------------


class ProxyForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    amount = kronor(_("Belopp (kr)"), min_value=0,
                    help_text=_("I prisårets priser; räknas om till beräkningsårets priser."))
    year = forms.IntegerField(label=_("Prisår"), min_value=1990, max_value=2100,
                              error_messages={"min_value": _("Ange prisåret, t.ex. 2024."),
                                              "max_value": _("Ange prisåret, t.ex. 2024."),
                                              "invalid": _("Ange prisåret, t.ex. 2024.")})
    unit = forms.CharField(label=_("Enhet"), max_length=120,
                           help_text=_("T.ex. per person och år."))
    source = forms.CharField(label=_("Källa"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Varifrån beloppet kommer, så att det kan granskas."),
                             error_messages={"required": _(
                                 "Ange källan: en proxy utan källa kan inte granskas.")})
    note = forms.CharField(label=_("Kommentar"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    version = version_field()

    def conflict_rows(self, current) -> list[dict]:
        """Every field: what is saved now beside the user's unsaved input."""
        names = ("name", "amount", "year", "unit", "source", "note")
        return conflict_rows(self.fields, self.cleaned_data,
                             {name: getattr(current, name) for name in names})


# --- Progression instruments --------------------------------------------------------------------


class InstrumentForm(forms.Form):
    instrument_name = forms.CharField(
        label=_("Instrumentets namn"), max_length=200,
        help_text=_("Samma namn som ett befintligt instrument ger en ny version av det."))
    description = forms.CharField(label=_("Beskrivning"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    change_note = forms.CharField(label=_("Vad som ändrats"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    activate = forms.BooleanField(
        label=_("Ta versionen i bruk direkt"), required=False, initial=True,
        help_text=_("Då fasas den version som är i bruk ut. Annars sparas versionen som "
                    "utkast."))
    based_on_number = forms.IntegerField(widget=forms.HiddenInput, required=False)


def instrument_conflict_message(latest) -> str:
    """What changed: the version someone else saved, with its change note and dimensions."""
    dimensions = ", ".join(d.name for d in latest.dimensions.all())
    return _(
        "Någon annan sparade version %(number)s av instrumentet medan du redigerade. Din version "
        "är inte sparad men finns kvar i formuläret. Version %(number)s: %(note)s Dimensioner: "
        "%(dimensions)s. Jämför och spara igen om din version ska ersätta den."
    ) % {"number": latest.number, "note": latest.change_note or _("(ingen ändringsnotering)."),
         "dimensions": dimensions or "–"}


def parse_steps(text: str) -> list[tuple[int, str]]:
    """'1=Isolerad' per line → [(1, 'Isolerad'), …]; ValidationError naming the bad line."""
    steps = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = STEP_LINE.match(line)
        if match is None:
            raise ValidationError(_("Rad %(line)s: skriv steget som 1=beskrivning.")
                                  % {"line": number})
        steps.append((int(match[1]), match[2]))
    values = sorted(value for value, _label in steps)
    if len(values) < 2:
        raise ValidationError(_("Ange minst två skalsteg, ett per rad."))
    if values != list(range(values[0], values[0] + len(values))):
        raise ValidationError(_("Skalstegen ska vara heltal i följd utan luckor, t.ex. 1–5."))
    return sorted(steps)


class DimensionForm(forms.Form):
    name = forms.CharField(label=_("Dimension"), max_length=120)
    key = forms.CharField(
        label=_("Nyckel"), max_length=40, required=False,
        help_text=_("Samma nyckel i olika versioner betyder samma dimension. Lämna tomt för "
                    "att bilda den av namnet."))
    steps = forms.CharField(
        label=_("Skalsteg"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ett steg per rad, lägst först: 1=Isolerad, 2=Enstaka kontakter …"))
    description = forms.CharField(label=_("Beskrivning"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        if key and slugify(key) != key:
            raise ValidationError(_("Nyckeln får bara innehålla små bokstäver a–z, siffror, "
                                    "bindestreck och understreck."))
        return key

    def clean_steps(self):
        return parse_steps(self.cleaned_data["steps"])

    def clean(self):
        data = super().clean()
        if not data.get("key") and data.get("name"):
            data["key"] = slugify(data["name"])[:40] or "dimension"
        return data


# --- SROI ---------------------------------------------------------------------------------------


class SroiForm(forms.Form):
    discount_rate = percent(_("Diskonteringsränta (%)"), "3.5",
                            _("Redovisas öppet; 3,5 % är en vanlig samhällsekonomisk "
                              "kalkylränta."))
    index_percent = FlexibleDecimalField(
        label=_("Uppräkning av proxyer (% per år)"), initial=Decimal(2), localize=True,
        min_value=-10, max_value=20, max_digits=5, decimal_places=2,
        help_text=_("Proxyernas belopp räknas om till beräkningsårets priser."),
        error_messages={"min_value": _("Ange en årlig uppräkning mellan −10 och 20 %%."),
                        "max_value": _("Ange en årlig uppräkning mellan −10 och 20 %%."),
                        "invalid": _("Ange ett tal, t.ex. 2.")})
    description = forms.CharField(label=_("Avgränsning och intressenter"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()


class OutcomeForm(forms.Form):
    name = forms.CharField(label=_("Utfall"), max_length=200)
    stakeholder = forms.CharField(label=_("Intressent"), max_length=120)
    indicator = forms.CharField(label=_("Indikator"), max_length=300)
    quantity_source = forms.ChoiceField(label=_("Antal hämtas från"),
                                        choices=QuantitySource.choices,
                                        initial=QuantitySource.MANUAL)
    quantity = FlexibleDecimalField(
        label=_("Antal"), required=False, min_value=0, max_digits=9, decimal_places=1,
        localize=True, help_text=_("Bara när antalet anges för hand."),
        error_messages={"min_value": _("Antalet kan inte vara negativt."),
                        "invalid": _("Ange ett tal.")})
    quantity_note = forms.CharField(label=_("Källa för antalet"), max_length=300,
                                    required=False)
    proxy = forms.TypedChoiceField(label=_("Finansiell proxy"), coerce=int,
                                   error_messages={"required": _(
                                       "Välj en proxy ur biblioteket.")})
    duration = forms.IntegerField(
        label=_("Varaktighet (år)"), initial=1, min_value=1, max_value=50,
        error_messages={"min_value": _("Varaktigheten måste vara mellan 1 och 50 år."),
                        "max_value": _("Varaktigheten måste vara mellan 1 och 50 år."),
                        "invalid": _("Ange varaktigheten i hela år.")})
    deadweight = percent(_("Dödvikt (%)"))
    displacement = percent(_("Undanträngning (%)"))
    attribution = percent(_("Tillskrivning till andra (%)"))
    drop_off = percent(_("Avtagande per år (%)"))
    rationale = forms.CharField(label=_("Motivering av antagandena"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, proxies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proxy"].choices = [("", "–")] + [
            (p.pk, f"{p.name} ({p.amount} kr {p.unit}, {p.year})") for p in proxies]

    def clean(self):
        data = super().clean()
        if data.get("quantity_source") == QuantitySource.MANUAL:
            if data.get("quantity") is None and "quantity" not in self.errors:
                self.add_error("quantity", _(
                    "Ange antalet och dess källa, eller hämta det från uppföljningen."))
            if not (data.get("quantity_note") or "").strip():
                self.add_error("quantity_note", _("Ange källan för antalet."))
        return data


# --- Socio-economic account ---------------------------------------------------------------------


class AccountForm(forms.Form):
    persons_source = forms.ChoiceField(label=_("Antal personer hämtas från"),
                                       choices=QuantitySource.choices,
                                       initial=QuantitySource.EXITS_WORK_OR_STUDIES)
    persons = forms.IntegerField(label=_("Antal personer"), required=False, min_value=0,
                                 help_text=_("Bara när antalet anges för hand."),
                                 error_messages={"min_value": _(
                                     "Ange antalet personer, 0 eller fler.")})
    persons_note = forms.CharField(label=_("Källa för antalet"), max_length=300,
                                   required=False)
    discount_rate = percent(_("Diskonteringsränta (%)"), "3.5")
    drop_off = percent(_("Återfall per år (%)"), "0",
                       _("Andel som åter hamnar i utanförskap varje år."))
    source = forms.CharField(label=_("Metod och källor"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()

    def clean(self):
        data = super().clean()
        if data.get("persons_source") == QuantitySource.MANUAL:
            if data.get("persons") is None and "persons" not in self.errors:
                self.add_error("persons", _("Ange antalet personer, 0 eller fler."))
            if not (data.get("persons_note") or "").strip():
                self.add_error("persons_note", _("Ange källan för antalet."))
        return data


class ActorForm(forms.Form):
    actor = forms.CharField(label=_("Aktör"), max_length=120)
    exclusion_cost = kronor(_("Kostnad per person och år i utanförskap (kr)"), min_value=0)
    after_cost = kronor(_("Kostnad per person och år efter övergång (kr)"), required=False,
                        help_text=_("Negativt belopp: en intäkt, t.ex. skatt."))
    municipal = forms.BooleanField(label=_("Kommunens egen budget"), required=False)
    source = forms.CharField(label=_("Källa"), max_length=300, required=False)


class RowFormSet(forms.BaseFormSet):
    """Passes form kwargs on and gives the formset-level error a Swedish text."""

    def __init__(self, *args, minimum_message="", **kwargs):
        self.minimum_message = minimum_message
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort raden")

    def clean(self):
        if any(self.errors):
            return
        if not self.rows():
            raise ValidationError(self.minimum_message)

    def _kept(self, index, form) -> bool:
        if self.can_delete and form["DELETE"].value():
            return False
        return index < self.initial_form_count() or form.has_changed()

    def rows(self) -> list:
        """The filled-in forms that are not marked for removal, in order."""
        return [form for index, form in enumerate(self.forms) if self._kept(index, form)]

    def raw_rows(self) -> list[dict]:
        """The rows as typed (not validated), for re-showing the form with one more row."""
        return [
            {name: form[name].value() for name in form.fields if name != "DELETE"}
            for index, form in enumerate(self.forms) if self._kept(index, form)
        ]


DimensionFormSet = forms.formset_factory(DimensionForm, formset=RowFormSet, extra=1,
                                         can_delete=True)
OutcomeFormSet = forms.formset_factory(OutcomeForm, formset=RowFormSet, extra=1, can_delete=True)
ActorFormSet = forms.formset_factory(ActorForm, formset=RowFormSet, extra=1, can_delete=True)


def proxies_of(municipality_id):
    return FinancialProxy.objects.filter(municipality_id=municipality_id).order_by("name")
