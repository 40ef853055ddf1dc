"""The Django admin is a read-only viewer for superusers, never a second door beside the policy.

Every change to the register, to users and to their roles goes through the app's actions, which
check accounts/policy.py and write audit rows; the admin can add, change and delete nothing, and
nobody but an active superuser may open it at all (staff status alone is not enough).
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from .models import Profile
from .policy import may_use_django_admin


class ReadOnlyPermissions:
    """Permissions for every ModelAdmin and inline: view for superusers, change for nobody."""

    def has_view_permission(self, request, obj=None):
        return may_use_django_admin(request.user)

    def has_module_permission(self, request):
        return may_use_django_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyPermissions, admin.ModelAdmin):
    actions = None


class ReadOnlyTabularInline(ReadOnlyPermissions, admin.TabularInline):
    extra = 0


class ReadOnlyStackedInline(ReadOnlyPermissions, admin.StackedInline):
    extra = 0


def _superusers_only(request) -> bool:
    return may_use_django_admin(request.user)


admin.site.has_permission = _superusers_only


@admin.register(Profile)
class ProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "organisation", "municipality"]
    list_filter = ["role", "municipality"]


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(User)
class ReadOnlyUserAdmin(ReadOnlyPermissions, UserAdmin):
    actions = None


def lock_down(site) -> None:
    """Make every ModelAdmin on SITE read-only, also those third-party apps register (django-axes'
    login attempts, django-otp's devices): called once the URLconf is loaded, after every app's
    admin module has registered its models."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ReadOnlyPermissions):
            continue
        locked = type(f"ReadOnly{type(model_admin).__name__}",
                      (ReadOnlyPermissions, type(model_admin)), {"actions": None})
        site.unregister(model)
        site.register(model, locked)
