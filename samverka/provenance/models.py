"""Provenance: which document said what about which object, so that conflicts stay visible."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="sources"
    )
    title = models.CharField(_("titel"), max_length=300)
    file_name = models.CharField(_("fil"), max_length=200, blank=True)
    registry_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    document_date = models.CharField(
        _("datum enligt dokumentet"), max_length=40, blank=True,
        help_text=_("Som dokumentet anger det, t.ex. 2023-08-29 eller februari 2020."),
    )

    class Meta:
        verbose_name = _("källdokument")
        verbose_name_plural = _("källdokument")
        ordering = ["file_name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "file_name", "title"], name="unique_source_document"
            )
        ]

    def __str__(self):
        return self.title


class Claim(models.Model):
    """One source's statement of one field of one object, with the passage it stands in."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("uppgift"), max_length=60)
    value = models.CharField(_("värde"), max_length=300)
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="claims")
    passage = models.TextField(_("avsnitt"))

    class Meta:
        verbose_name = _("källuppgift")
        verbose_name_plural = _("källuppgifter")
        ordering = ["field", "source__file_name"]
        indexes = [models.Index(fields=["content_type", "object_id", "field"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "source", "value"],
                name="unique_claim",
            )
        ]

    def __str__(self):
        return f"{self.field} = {self.value} ({self.source})"
