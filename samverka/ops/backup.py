"""Backups that restore: a database dump, the stored files and a manifest to verify against.

A backup directory holds
- `database.dump` (PostgreSQL, pg_dump's custom format) or `database.sqlite3` (SQLite, copied
  with the sqlite3 backup API),
- `files.tar.gz`, the stored files under MEDIA_ROOT (empty while every attachment and generated
  document is kept in the database),
- `manifest.json`: per table the number of rows and an MD5 checksum of its ordered rows, and the
  SHA-256 of the two files.
On PostgreSQL the manifest and the dump read the same snapshot (pg_export_snapshot), so they
agree even while the app is writing.
"""

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

MANIFEST = "manifest.json"
FILES = "files.tar.gz"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is Swedish and says why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_names() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def table_manifest() -> dict[str, dict]:
    """Rows and checksum per table of the default database."""
    tables = table_names()
    if connection.vendor == "postgresql":
        return {name: _postgres_table(name) for name in tables}
    return {name: _sqlite_table(name) for name in tables}


def _postgres_table(name: str) -> dict:
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text),"
                       f" '')) FROM {quoted} AS t")
        rows, checksum = cursor.fetchone()
    return {"rows": rows, "checksum": checksum}


def _sqlite_table(name: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")
        rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
    return {"rows": len(rows), "checksum": hashlib.md5("\n".join(rows).encode()).hexdigest()}


def pg_environment() -> dict[str, str]:
    """The libpq variables for pg_dump / pg_restore from the default database's settings."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in (("PGHOST", db.get("HOST")), ("PGPORT", db.get("PORT")),
                       ("PGUSER", db.get("USER")), ("PGPASSWORD", db.get("PASSWORD")),
                       ("PGDATABASE", db.get("NAME"))):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, env=pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        # pg_* errors may quote rows; only the first line, scrubbed, reaches the message.
        from .logs import scrub

        first = scrub(result.stderr.strip().splitlines()[0]) if result.stderr.strip() else ""
        raise BackupError(f"{what} misslyckades ({command[0]}): {first}")


# --- backup -----------------------------------------------------------------------------------

def backup(directory: Path) -> dict:
    """Write a backup of the database and the stored files into DIRECTORY (new or empty)."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"Katalogen {directory} är inte tom; välj en ny katalog för "
                          "säkerhetskopian.")
    if connection.vendor == "postgresql":
        database_file, tables = _backup_postgres(directory / PG_DUMP)
    elif connection.vendor == "sqlite":
        database_file, tables = _backup_sqlite(directory / SQLITE_COPY)
    else:
        raise BackupError(f"Säkerhetskopiering stöds inte för databasen {connection.vendor}.")
    count = _archive_files(directory / FILES)
    manifest = {
        "format": 1,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "database": {"file": database_file.name, "sha256": sha256_of(database_file)},
        "files": {"file": FILES, "count": count, "sha256": sha256_of(directory / FILES)},
        "tables": tables,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")
    return manifest


def _backup_postgres(target: Path):
    """pg_dump and the manifest from one snapshot of a repeatable-read transaction."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        tables = table_manifest()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              f"--snapshot={snapshot}", f"--file={target}"], "Databasdumpen")
    return target, tables


def _backup_sqlite(target: Path):
    connection.ensure_connection()
    with transaction.atomic():
        tables = table_manifest()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    return target, tables


def _archive_files(target: Path) -> int:
    root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(root)))
                    count += 1
    return count


# --- restore ----------------------------------------------------------------------------------

def read_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{directory} är ingen säkerhetskopia från Samverka "
                          f"({MANIFEST} saknas eller går inte att läsa).") from error
    for part in ("database", "files"):
        path = directory / manifest[part]["file"]
        if not path.is_file() or sha256_of(path) != manifest[part]["sha256"]:
            raise BackupError(f"Filen {path.name} i säkerhetskopian saknas eller är skadad "
                              "(kontrollsumman stämmer inte).")
    return manifest


def database_is_empty() -> bool:
    return not table_names()


def media_is_empty() -> bool:
    root = Path(settings.MEDIA_ROOT)
    return not root.is_dir() or not any(root.iterdir())


def restore(directory: Path, force: bool = False) -> dict:
    """Restore DIRECTORY's backup; refuses a non-empty database or MEDIA_ROOT unless FORCE."""
    manifest = read_manifest(directory)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"Säkerhetskopian är från {manifest['vendor']} men databasen är "
                          f"{connection.vendor}.")
    if not force and not (database_is_empty() and media_is_empty()):
        raise BackupError(
            "Databasen eller filkatalogen är inte tom. Återställningen skriver över allt som "
            "finns där. Kör kommandot igen med --force om det är meningen.")
    if connection.vendor == "postgresql":
        _restore_postgres(directory / manifest["database"]["file"])
    else:
        _restore_sqlite(directory / manifest["database"]["file"])
    _extract_files(directory / FILES)
    differences = compare(manifest["tables"], table_manifest())
    if differences:
        raise BackupError("Återställningen stämmer inte med säkerhetskopian för tabellerna: "
                          + ", ".join(differences))
    return manifest


def compare(expected: dict, actual: dict) -> list[str]:
    """Names of the tables whose rows or checksum differ (or that exist on one side only)."""
    return sorted(name for name in set(expected) | set(actual)
                  if expected.get(name) != actual.get(name))


def _restore_postgres(dump: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
          f"--dbname={pg_environment()['PGDATABASE']}", str(dump)], "Återläsningen av databasen")


def _restore_sqlite(copy: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _extract_files(archive_path: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        if members:
            root.mkdir(parents=True, exist_ok=True)
            archive.extractall(root, filter="data")
