"""No browser or proxy cache keeps a page with personal data: every response to a signed-in user
carries Cache-Control: no-store and Pragma: no-cache (core.nostore.NoStoreMiddleware)."""

import pytest
from django.urls import reverse

from samverka.participants.models import AccessLogEntry


def _urls(world):
    return [
        reverse("participants:list"),
        reverse("participants:detail", args=[world.anna.pk]),
        reverse("participants:referral_edit", args=[world.anna_referral.pk]),
        reverse("participants:placement_exit", args=[world.anna_placement.pk]),
        reverse("participants:placement_week", args=[world.anna_placement.pk]),
        reverse("participants:placement_create", args=[world.anna.pk]),
        reverse("participants:referral_decide", args=[world.cilla_referral.pk]),
        reverse("participants:access_log"),
        reverse("impact:participant", args=[world.anna.pk]),
        reverse("impact:partnership", args=[world.p_mission.pk]),
    ]


def _assert_no_store(response):
    assert response["Cache-Control"] == "no-store", response.get("Cache-Control")
    assert response["Pragma"] == "no-cache"


@pytest.mark.parametrize("index", range(10))
def test_pages_with_personal_data_are_not_stored(world, login, index):
    response = login(world.users["admin"]).get(_urls(world)[index])
    assert response.status_code == 200
    _assert_no_store(response)


def test_redirect_after_a_change_and_refusals_are_not_stored(world, login):
    client = login(world.users["case_worker"])
    response = client.post(reverse("participants:placement_week",
                                   args=[world.anna_placement.pk]), {})
    _assert_no_store(response)  # 403: a refusal names nothing, but is not kept either
    response = client.get(reverse("participants:detail", args=[world.bo.pk]))
    assert response.status_code == 404
    _assert_no_store(response)


def test_the_log_unavailable_page_is_not_stored(world, login, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AccessLogEntry.objects, "create", fail)
    response = login(world.users["admin"]).get(reverse("participants:detail",
                                                       args=[world.anna.pk]))
    assert response.status_code == 503
    _assert_no_store(response)


def test_anonymous_responses_keep_normal_caching(client, db):
    """The middleware looks at the user: an anonymous redirect to the login page is left alone
    (the login page itself is never cached by Django anyway)."""
    response = client.get(reverse("participants:list"))
    assert response.status_code == 302
    assert "Cache-Control" not in response and "Pragma" not in response
