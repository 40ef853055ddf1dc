"""The Django admin is no second door: superusers may only look; staff may not enter at all."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

from samverka.accounts.models import Profile
from samverka.partnerships.models import Partnership


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.se", "x")


def test_every_registered_model_is_read_only(rf, superuser):
    request = rf.get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        assert model_admin.has_view_permission(request), model
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), (model, inline)
            assert not inline.has_change_permission(request), (model, inline)
            assert not inline.has_delete_permission(request), (model, inline)


def test_superuser_may_look_but_not_change(client, world, superuser):
    client.force_login(superuser)
    partnership = world.p_mission
    url = f"/admin/partnerships/partnership/{partnership.pk}/change/"
    assert client.get("/admin/partnerships/partnership/").status_code == 200
    assert client.get(url).status_code == 200  # the read-only view
    assert client.post(url, {"name": "Kapat", "form": "iop"}).status_code == 403
    assert client.get("/admin/partnerships/partnership/add/").status_code == 403
    delete = f"/admin/partnerships/partnership/{partnership.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    profile = world.users["case_worker"].profile
    profile_url = f"/admin/accounts/profile/{profile.pk}/change/"
    assert client.post(profile_url, {"role": "admin"}).status_code == 403
    user_url = f"/admin/auth/user/{profile.user.pk}/password/"
    assert client.post(user_url, {"password1": "Nytt-lösen-42", "password2": "Nytt-lösen-42"}
                       ).status_code == 403
    partnership.refresh_from_db()
    assert partnership.name == "Arbetsträning"
    assert Profile.objects.get(pk=profile.pk).role == "case_worker"


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_staff_without_superuser_cannot_enter(client, world, role):
    user = world.users[role]
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/admin/partnerships/partnership/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    url = f"/admin/partnerships/partnership/{world.p_mission.pk}/change/"
    client.post(url, {"name": "Kapat", "form": "iop"})
    assert Partnership.objects.get(pk=world.p_mission.pk).name == "Arbetsträning"
