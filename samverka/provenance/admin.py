from django.contrib import admin

from samverka.accounts.admin import ReadOnlyAdmin

from .models import Claim, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "file_name", "registry_number", "document_date"]


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["field", "value", "source", "content_type", "object_id"]
    list_filter = ["field", "source"]
