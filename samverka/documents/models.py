"""Generated decision memos, stored with the agreement version (and its decision) they belong to.

Each generation adds a new numbered version of the attachment; nothing is overwritten. The file
is kept in the database (no MEDIA_ROOT needed) together with its SHA-256, so a downloaded copy can
be checked against what the system produced.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GeneratedMemo(models.Model):
    class Format(models.TextChoices):
        DOCX = "docx", _("Word (.docx)")
        PDF = "pdf", _("PDF")

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        "partnerships.AgreementVersion", on_delete=models.CASCADE, related_name="memos",
        verbose_name=_("överenskommelse"),
    )
    decision = models.ForeignKey(
        "partnerships.Decision", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="memos", verbose_name=_("beslut"),
    )
    number = models.PositiveIntegerField(_("version av tjänsteskrivelsen"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file_name = models.CharField(_("filnamn"), max_length=200)
    content = models.BinaryField(_("innehåll"))
    size = models.PositiveIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    texts = models.JSONField(_("fritexter"), default=dict, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("skapad av"),
    )

    class Meta:
        verbose_name = _("genererad tjänsteskrivelse")
        verbose_name_plural = _("genererade tjänsteskrivelser")
        ordering = ["version", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_memo_number")
        ]

    def __str__(self):
        return self.file_name
