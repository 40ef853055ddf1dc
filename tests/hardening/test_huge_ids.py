"""An id no database can hold, posted to a web form's choice field: the field's own Swedish
message, never a 500 (SQLite raised OverflowError when the form asked it about 2**70)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["referral_routes", "committee"])
def test_huge_choice_id_is_a_field_error(world, login, field):
    client = login(world.users["officer"])
    response = client.post(reverse("partnership_create"), {"name": "Nytt", field: str(2**70)})
    assert response.status_code == 400  # the register's answer to an invalid form
    errors = response.context["form"].errors
    assert "giltigt alternativ" in str(errors[field]), errors
