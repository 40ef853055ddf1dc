from django.contrib import admin

from samverka.accounts.admin import ReadOnlyAdmin

from .models import Municipality, Organisation


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "org_number", "idea_register", "municipality"]
    list_filter = ["kind", "idea_register", "municipality"]
    search_fields = ["name", "org_number"]
