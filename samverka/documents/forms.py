from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core import numbers
from samverka.core.uploads import UnsafeArchive, check_archive

from .extraction import MAX_BYTES


class MemoUploadForm(forms.Form):
    memo = forms.FileField(
        label=_("Tjänsteskrivelse"),
        help_text=_("Word (.docx), PDF med textlager eller textfil (.txt), högst 8 MB."),
    )

    def clean_memo(self):
        memo = self.cleaned_data["memo"]
        if memo.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Filen är för stor. En tjänsteskrivelse får vara högst 8 MB.")
            )
        if memo.size == 0:
            raise forms.ValidationError(_("Filen är tom."))
        try:
            check_archive(memo)
        except UnsafeArchive as exc:
            raise forms.ValidationError(str(exc)) from exc
        return memo


TEXTAREA = forms.Textarea(attrs={"rows": 4})
LINES = forms.Textarea(attrs={"rows": 3})


class MemoForm(forms.Form):
    """The free-text parts of a memo; figures and dates are not here: they come from the
    register. The texts are saved as the version's memo draft (optimistically locked)."""

    format = forms.ChoiceField(
        label=_("Format"), choices=[("docx", _("Word (.docx), redigerbar")), ("pdf", _("PDF"))],
        widget=forms.RadioSelect, initial="docx",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    officer = forms.CharField(label=_("Handläggare"), required=False, max_length=120,
                              help_text=_("Står i sidhuvudet under förvaltningen."))
    memo_date = forms.DateField(
        label=_("Datum"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tjänsteskrivelsens datum; för en beslutad version beslutets datum."),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2023-08-29.")},
    )
    registry_number = forms.CharField(
        label=_("Diarienummer"), required=False, max_length=40,
        help_text=_("T.ex. AN 2023-165. Lämna tomt om ärendet inte har diarienummer än."),
    )
    points = forms.CharField(label=_("Förslag till beslut"), widget=LINES,
                             help_text=_("En beslutspunkt per rad; de numreras i dokumentet."))
    arende = forms.CharField(label=_("Ärende"), widget=TEXTAREA, required=False,
                             help_text=_("Tom rad mellan styckena."))
    beslutsunderlag = forms.CharField(label=_("Beslutsunderlag"), widget=LINES, required=False,
                                      help_text=_("Ett dokument per rad. Tomt: avsnittet "
                                                  "utelämnas."))
    bakgrund = forms.CharField(
        label=_("Bakgrund"), widget=TEXTAREA, required=False,
        help_text=_("Anvisning, platser och avtalsperiod läggs till från registret. "
                    "Tom rad mellan styckena."),
    )
    iop_section = forms.BooleanField(
        label=_("Ta med avsnittet Idéburet Offentligt Partnerskap (riktlinjens kriterier)"),
        required=False,
    )
    economy_note = forms.CharField(
        label=_("Ekonomiska konsekvenser, tillägg"), widget=LINES, required=False,
        help_text=_("Beloppen, tabellen och uppräkningen skrivs från registrets budget. Här t.ex. "
                    "om nämndens insats ryms inom befintlig budgetram."),
    )
    municipal_goals = forms.CharField(label=_("Kommunala mål"), widget=TEXTAREA, required=False,
                                      help_text=_("Tomt: avsnittet utelämnas."))
    gender_equality = forms.CharField(label=_("Jämställdhet"), widget=LINES, required=False)
    consultation = forms.CharField(label=_("Samråd"), widget=LINES, required=False)
    follow_up = forms.CharField(label=_("Uppföljning och utvärdering"), widget=TEXTAREA,
                                required=False)
    mbl = forms.CharField(label=_("Information eller förhandling enligt MBL"), widget=LINES,
                          required=False)
    signatories = forms.CharField(label=_("Undertecknare"), widget=LINES, required=False,
                                  help_text=_("En person per rad."))
    distribution = forms.CharField(label=_("Beslutet skickas till"), widget=LINES,
                                   required=False, help_text=_("En mottagare per rad."))

    def clean_points(self):
        points = [line.strip() for line in self.cleaned_data["points"].splitlines()
                  if line.strip()]
        if not points:
            raise forms.ValidationError(_("Skriv minst en beslutspunkt."))
        return "\n".join(points)

    def texts(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("format", "lock_version")}


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ImportForm(forms.Form):
    """The proposal read from a memo, for the officer to check and correct before it is saved."""

    source_text = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    # Set when the officer chose to update the existing partnership the import would duplicate.
    update_existing = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1,
                                         max_value=2**31 - 1)
    partnership_name = forms.CharField(label=_("Partnerskapets namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ av överenskommelse"), choices=[
        ("original", _("Ursprunglig överenskommelse")), ("revision", _("Revidering"))])
    committee = forms.CharField(label=_("Ansvarig nämnd"), max_length=200)
    administration = forms.CharField(label=_("Förvaltning"), max_length=200, required=False)
    title = forms.CharField(label=_("Ärendets rubrik"), max_length=300)
    registry_number = forms.CharField(label=_("Diarienummer"), max_length=40, required=False)
    memo_date = forms.DateField(label=_("Tjänsteskrivelsens datum"), required=False, widget=DATE)
    points = forms.CharField(label=_("Förslag till beslut"), widget=LINES,
                             help_text=_("En beslutspunkt per rad."))
    period_start = forms.DateField(label=_("Från och med"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("Till och med"), required=False, widget=DATE)
    extension_count = forms.IntegerField(label=_("Antal möjliga förlängningar"), min_value=0,
                                         max_value=20, required=False)
    extension_years = forms.IntegerField(label=_("År per förlängning"), min_value=0,
                                         max_value=20, required=False)
    total = forms.IntegerField(label=_("Totalt värde per år (kr)"), min_value=0, required=False)
    committee_amount = forms.IntegerField(label=_("Nämndens insats per år (kr)"), min_value=0,
                                          required=False)
    places = forms.IntegerField(label=_("Heltidsplatser"), min_value=0, max_value=100000,
                                required=False)
    target_group = forms.CharField(label=_("Målgrupp"), widget=LINES, required=False)
    signatories = forms.CharField(label=_("Undertecknare"), widget=LINES, required=False,
                                  help_text=_("En person per rad."))
    distribution = forms.CharField(label=_("Beslutet skickas till"), widget=LINES,
                                   required=False, help_text=_("En mottagare per rad."))

    def __init__(self, *args, conflicts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts = conflicts or {}
        for name, candidates in self.conflicts.items():
            field = self.fields.get(name) or self.fields.get("extension_count")
            field.required = True
            values = "; ".join(
                f"{c['value']}" + (f" (rad {c['line']})" if c.get("line") else "")
                for c in candidates
            )
            field.help_text = _("Tjänsteskrivelsen anger olika värden: %(values)s. Ange vilket "
                                "som gäller.") % {"values": values}

    def clean_points(self):
        points = [line.strip() for line in self.cleaned_data["points"].splitlines()
                  if line.strip()]
        if not points:
            raise forms.ValidationError(_("Skriv minst en beslutspunkt."))
        return "\n".join(points)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Slutdatum kan inte ligga före startdatum."))
        if data.get("extension_count") and not data.get("extension_years"):
            self.add_error("extension_years", _("Ange hur många år varje förlängning omfattar."))
        return data


class PartyImportForm(forms.Form):
    name = forms.CharField(label=_("Idéburen part"), max_length=200, required=False)
    amount = forms.IntegerField(label=_("Insats per år (kr)"), min_value=0, required=False)
    at_least = forms.BooleanField(label=_("Minst-belopp"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and not data.get("name"):
            self.add_error("name", _("Ange vilken part insatsen gäller."))
        return data


PartyImportFormSet = forms.formset_factory(PartyImportForm, extra=1, max_num=10)


def check_sum(form: ImportForm, parties: list[dict]) -> None:
    """Add an error on the total when the committee's and the parties' parts do not add up."""
    total, committee = form.cleaned_data.get("total"), form.cleaned_data.get("committee_amount")
    amounts = [p["amount"] for p in parties if p.get("amount") is not None]
    if total is None or committee is None or len(amounts) != len(parties):
        return
    if committee + sum(amounts) != total:
        form.add_error("total", _(
            "Nämndens och parternas insatser blir tillsammans %(sum)s kr, men totalen är "
            "%(total)s kr. Rätta beloppen så att de stämmer."
        ) % {"sum": numbers.grouped(committee + sum(amounts)),
             "total": numbers.grouped(total)})


# --- a memo's tables: one proposed partnership per row -----------------------------------------

AMOUNT_ERRORS = {
    "min_value": _("Beloppet kan inte vara negativt."),
    "invalid": _("Ange beloppet i hela kronor, till exempel 1100000."),
}


class TableImportForm(forms.Form):
    """What the rows of a memo's tables share: the memo's text, the committee and the years."""

    source_text = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    committee = forms.CharField(label=_("Ansvarig nämnd"), max_length=200,
                                help_text=_("Nämnden vars kostnad tabellerna anger."))
    administration = forms.CharField(label=_("Förvaltning"), max_length=200, required=False)

    def __init__(self, *args, tables=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = list(tables)
        for table in self.tables:
            self.fields[f"year_{table.key}"] = forms.IntegerField(
                label=_("År som siffrorna i ”%(caption)s” gäller") % {"caption": table.caption},
                min_value=1990, max_value=2100, initial=table.year,
                help_text=_("Från tabellens kolumnrubrik."),
                error_messages={"min_value": _("Ange ett år mellan 1990 och 2100."),
                                "max_value": _("Ange ett år mellan 1990 och 2100."),
                                "invalid": _("Ange året med fyra siffror, till exempel 2019."),
                                "required": _("Ange vilket år siffrorna gäller.")},
            )

    def year_field(self, table):
        return self[f"year_{table.key}"]


class TableRowForm(forms.Form):
    include = forms.BooleanField(label=_("Ta med"), required=False, initial=True)
    name = forms.CharField(label=_("Namn"), max_length=200, required=False)
    value = forms.IntegerField(label=_("Värde per år (kr)"), min_value=0, required=False,
                               error_messages=AMOUNT_ERRORS)
    committee_cost = forms.IntegerField(label=_("Nämndens kostnad per år (kr)"), min_value=0,
                                        required=False, error_messages=AMOUNT_ERRORS)

    def clean(self):
        data = super().clean()
        if not data.get("include"):
            return data
        if not (data.get("name") or "").strip():
            self.add_error("name", _("Ange partnerskapets namn, eller bocka ur raden."))
        value, cost = data.get("value"), data.get("committee_cost")
        if cost is None and "committee_cost" not in self.errors:
            self.add_error("committee_cost", _("Ange nämndens kostnad, eller bocka ur raden."))
        if value is not None and cost is not None and cost > value:
            self.add_error("committee_cost", _(
                "Nämndens kostnad (%(cost)s kr) kan inte vara större än partnerskapets värde "
                "(%(value)s kr)."
            ) % {"cost": numbers.grouped(cost), "value": numbers.grouped(value)})
        return data


class OtherRowForm(TableRowForm):
    form = forms.ChoiceField(label=_("Samverkansform"), choices=[
        ("lou", _("Upphandlat partnerskap (LOU)")),
        ("grant", _("Föreningsbidrag")),
        ("project", _("Projekt (t.ex. ESF)")),
        ("company", _("Avtal med företag")),
        ("iop", _("Idéburet offentligt partnerskap (IOP)")),
        ("other", _("Annan samverkan")),
    ], initial="other")


class BaseTableRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, rows=(), **kwargs):
        self.rows = list(rows)
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        if self.total_form_count() != len(self.rows):
            raise forms.ValidationError(_("Tabellens rader stämmer inte med tjänsteskrivelsen. "
                                          "Läs in filen igen."))


IopRowFormSet = forms.formset_factory(TableRowForm, formset=BaseTableRowFormSet, extra=0,
                                      max_num=100)
OtherRowFormSet = forms.formset_factory(OtherRowForm, formset=BaseTableRowFormSet, extra=0,
                                        max_num=100)
TABLE_PREFIXES = {"iop": "iop", "other": "ovriga"}


def table_row_formset(table, data=None):
    formset_class = IopRowFormSet if table.key == "iop" else OtherRowFormSet
    initial = [{"include": True, "name": row.name, "value": row.value,
                "committee_cost": row.committee_cost, "form": row.form} for row in table.rows]
    if data is None:
        return formset_class(initial=initial, rows=table.rows, prefix=TABLE_PREFIXES[table.key])
    return formset_class(data, initial=initial, rows=table.rows,
                         prefix=TABLE_PREFIXES[table.key])


def check_unique_names(formsets) -> bool:
    """Add an error on every selected row whose name another selected row also has."""
    seen: dict[str, int] = {}
    named = []
    for formset in formsets:
        for form in formset:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("include") and (data.get("name") or "").strip():
                key = data["name"].strip().casefold()
                seen[key] = seen.get(key, 0) + 1
                named.append((form, key))
    ok = True
    for form, key in named:
        if seen[key] > 1:
            form.add_error("name", _("Två rader har samma namn. Varje partnerskap behöver ett "
                                     "eget namn."))
            ok = False
    return ok
