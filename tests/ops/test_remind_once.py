"""`samverka remind` twice on one day sends once; a failed send is sent by the next run."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from samverka.accounts.models import Profile, Role
from samverka.ops.models import ReminderDispatch
from tests.followup import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    item = helpers.partnership(helpers.municipality(), start=dt.date(2024, 1, 1),
                               end=dt.date(2025, 12, 31))
    user = django_user_model.objects.create_user("paminnas", email="h@example.org", password="x")
    Profile.objects.create(user=user, municipality=item.municipality, role=Role.OFFICER)
    return user


def test_twice_on_one_day_sends_once(officer):
    call_command("remind", "--date", "2025-09-01", verbosity=0)
    call_command("remind", "--date", "2025-09-01", verbosity=0)
    assert len(mail.outbox) == 1
    assert ReminderDispatch.objects.filter(day=dt.date(2025, 9, 1)).count() == 1


def test_the_next_day_sends_again(officer):
    call_command("remind", "--date", "2025-09-01", verbosity=0)
    call_command("remind", "--date", "2025-09-02", verbosity=0)
    assert len(mail.outbox) == 2


def test_a_failed_send_is_not_recorded(officer, monkeypatch):
    from samverka.followup.management.commands import remind

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP")

    monkeypatch.setattr(remind, "send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        call_command("remind", "--date", "2025-09-01", verbosity=0)
    assert not ReminderDispatch.objects.exists()
    monkeypatch.undo()
    call_command("remind", "--date", "2025-09-01", verbosity=0)
    assert len(mail.outbox) == 1
