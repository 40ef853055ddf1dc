"""docs/threat-model.md carries the role × action matrix exactly as accounts/policy.py says."""

import pytest
from django.core.management import CommandError, call_command

from samverka.accounts import matrix, policy
from samverka.accounts.models import Role


def test_the_committed_document_equals_the_generated_one():
    committed = matrix.DOCUMENT.read_text(encoding="utf-8")
    assert matrix.render(committed) == committed, (
        "docs/threat-model.md is out of date: run `samverka policy_matrix`")


def test_the_matrix_follows_the_policy(monkeypatch):
    row = next(line for line in matrix.table().splitlines() if "`manage_users`" in line)
    assert row.endswith("| ✓ | – | – | – | – |")
    rules = {**policy.RULES, Role.COMMITTEE: policy.RULES[Role.COMMITTEE] | {policy.MANAGE_USERS}}
    monkeypatch.setattr(policy, "RULES", rules)
    row = next(line for line in matrix.table().splitlines() if "`manage_users`" in line)
    assert row.endswith("| ✓ | – | – | – | ✓ |")
    committed = matrix.DOCUMENT.read_text(encoding="utf-8")
    assert matrix.render(committed) != committed
    with pytest.raises(CommandError, match="inte aktuellt"):
        call_command("policy_matrix", "--check")


def test_every_rule_function_is_listed():
    listed = matrix.table()
    for name in ("may_refer_from_unit", "may_place_in", "needs_consent",
                 "may_see_referral_origin", "may_manage_user", "participant_scope"):
        assert f"`{name}`" in listed
