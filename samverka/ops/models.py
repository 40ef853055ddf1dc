"""A record of the reminder e-mail sent to a municipality on a day, so `remind` sends once a day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderDispatch(models.Model):
    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.CASCADE,
                                     verbose_name=_("kommun"))
    day = models.DateField(_("dag"))
    reminders = models.PositiveIntegerField(_("påminnelser"), default=0)
    recipients = models.PositiveIntegerField(_("mottagare"), default=0)
    sent_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    class Meta:
        verbose_name = _("utskick av påminnelser")
        verbose_name_plural = _("utskick av påminnelser")
        constraints = [models.UniqueConstraint(fields=["municipality", "day"],
                                               name="ops_one_reminder_dispatch_per_day")]

    def __str__(self):
        return f"{self.municipality} {self.day}"
