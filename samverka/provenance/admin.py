from django.contrib import admin

from .models import Claim, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "file_name", "registry_number", "document_date"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["field", "value", "source", "content_type", "object_id"]
    list_filter = ["field", "source"]
