"""Append-only audit trail of changes to the register."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    at = models.DateTimeField(_("tid (UTC)"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(_("roll"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(_("händelse"), max_length=40)
    object_type = models.CharField(_("objekttyp"), max_length=60)
    object_id = models.CharField(_("objekt"), max_length=40)
    changes = models.JSONField(_("ändrade fält"), default=dict)
    # The API client (a system) that made the change through its service account, by name.
    api_client = models.CharField(_("API-klient"), max_length=120, blank=True, default="")

    class Meta:
        verbose_name = _("granskningshändelse")
        verbose_name_plural = _("granskningshändelser")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit events are append-only")
