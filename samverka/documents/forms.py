from django import forms
from django.utils.translation import gettext_lazy as _

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
        return memo


TEXTAREA = forms.Textarea(attrs={"rows": 4})
LINES = forms.Textarea(attrs={"rows": 3})


class MemoForm(forms.Form):
    """The free-text parts of a memo; figures and dates are not here: they come from the
    register."""

    format = forms.ChoiceField(
        label=_("Format"), choices=[("docx", _("Word (.docx), redigerbar")), ("pdf", _("PDF"))],
        widget=forms.RadioSelect, initial="docx",
    )
    memo_date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    registry_number = forms.CharField(
        label=_("Diarienummer"), required=False, max_length=40,
        help_text=_("T.ex. AN 2023-165. Lämna tomt om ärendet inte har diarienummer än."),
    )
    points = forms.CharField(label=_("Förslag till beslut"), widget=LINES,
                             help_text=_("En beslutspunkt per rad; de numreras i dokumentet."))
    arende = forms.CharField(label=_("Ärende"), widget=TEXTAREA,
                             help_text=_("Målgruppen läggs till från registret."))
    beslutsunderlag = forms.CharField(label=_("Beslutsunderlag"), widget=LINES,
                                      help_text=_("Ett dokument per rad."))
    bakgrund = forms.CharField(
        label=_("Bakgrund"), widget=TEXTAREA, required=False,
        help_text=_("Anvisning, platser och avtalsperiod läggs till från registret. "
                    "Tom rad mellan styckena."),
    )
    economy_note = forms.CharField(
        label=_("Ekonomiska konsekvenser, tillägg"), widget=LINES, required=False,
        help_text=_("Beloppen och andelarna skrivs från registrets budget."),
    )
    municipal_goals = forms.CharField(label=_("Kommunala mål"), widget=TEXTAREA, required=False)
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
        return {k: v for k, v in self.cleaned_data.items() if k != "format"}
