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
