"""Backup and restore of the test database (SQLite or PostgreSQL): refuse, restore, verify."""

import json

import pytest
from django.core.management import CommandError, call_command

from samverka.ops import backup
from samverka.organisations.models import Municipality
from tests.followup import helpers

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bilagor").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bilagor" / "avtal.pdf").write_bytes(b"%PDF-1.4 avtal")
    return settings.MEDIA_ROOT


def test_backup_then_restore_gives_back_rows_and_files(tmp_path, media):
    helpers.partnership(helpers.municipality())
    target = tmp_path / "kopia"
    call_command("backup", str(target), verbosity=0)
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["tables"]["organisations_municipality"]["rows"] == 1
    assert manifest["files"]["count"] == 1

    Municipality.objects.create(name="Efter kopian", code="9999")
    (media / "bilagor" / "avtal.pdf").unlink()
    with pytest.raises(CommandError, match="inte tom.*--force"):
        call_command("restore", str(target), verbosity=0)
    call_command("restore", str(target), "--force", verbosity=0)
    assert Municipality.objects.count() == 1
    assert (media / "bilagor" / "avtal.pdf").read_bytes() == b"%PDF-1.4 avtal"
    assert backup.compare(manifest["tables"], backup.table_manifest()) == []


def test_a_damaged_backup_is_refused(tmp_path, media):
    target = tmp_path / "kopia"
    call_command("backup", str(target), verbosity=0)
    database_file = json.loads((target / "manifest.json").read_text())["database"]["file"]
    with open(target / database_file, "ab") as handle:
        handle.write(b"skadad")
    with pytest.raises(CommandError, match="skadad"):
        call_command("restore", str(target), "--force", verbosity=0)


def test_backup_into_a_used_directory_is_refused(tmp_path, media):
    (tmp_path / "kopia").mkdir()
    (tmp_path / "kopia" / "annat").write_text("x")
    with pytest.raises(CommandError, match="inte tom"):
        call_command("backup", str(tmp_path / "kopia"), verbosity=0)


def test_compare_names_the_differing_tables():
    expected = {"a": {"rows": 1, "checksum": "x"}, "b": {"rows": 2, "checksum": "y"}}
    actual = {"a": {"rows": 1, "checksum": "x"}, "b": {"rows": 2, "checksum": "z"}, "c": {}}
    assert backup.compare(expected, actual) == ["b", "c"]
