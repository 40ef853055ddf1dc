from django.contrib import admin

from .models import Municipality, Organisation


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "org_number", "idea_register", "municipality"]
    list_filter = ["kind", "idea_register", "municipality"]
    search_fields = ["name", "org_number"]
