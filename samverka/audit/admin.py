from django.contrib import admin

from samverka.accounts.admin import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = ["at", "user", "role", "action", "object_type", "object_id"]
    list_filter = ["action", "role"]
