"""Generated decision memos, stored with the agreement version (and its decision) they belong to.

Each generation adds a new numbered version of the attachment; nothing is overwritten. The file
is kept in the database (no MEDIA_ROOT needed) together with its SHA-256, so a downloaded copy can
be checked against what the system produced.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.locking import LockVersioned


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


class MemoDraft(LockVersioned, models.Model):
    """The officer's edited sections of the memo for one agreement version, kept between visits
    and used when the memo is generated. TEXTS maps a section key (generation.sections.EDITABLE)
    to its text; a key absent takes the register's default, an empty text leaves the section
    out."""

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    version = models.OneToOneField(
        "partnerships.AgreementVersion", on_delete=models.CASCADE, related_name="memo_draft",
        verbose_name=_("överenskommelse"),
    )
    texts = models.JSONField(_("texter"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ändrad av"),
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("utkast till tjänsteskrivelse")
        verbose_name_plural = _("utkast till tjänsteskrivelser")

    def __str__(self):
        return f"{self.version}"
