#!/usr/bin/env bash
# `make load`: the bounded load test of issue 16 (bench/load.py) against the production
# configuration, as .ci/smoke starts it: gunicorn (deploy/gunicorn.conf.py) with WEB_CONCURRENCY=2
# workers, DEBUG off, a PostgreSQL database of its own with the demo, on a free port of
# 127.0.0.1. Creates the database, loads the demo and the load-test users, starts gunicorn, runs
# the load (LOAD_SECONDS, default 60; LOAD_THINK; LOAD_MIX), stops gunicorn and drops the
# database. Needs .venv and PostgreSQL on 127.0.0.1:5432 (LOAD_PGHOST/LOAD_PGPORT/LOAD_PGUSER).
# Exits non-zero on any 5xx, connection error or failed login.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PGHOST_=${LOAD_PGHOST:-127.0.0.1}
PGPORT_=${LOAD_PGPORT:-5432}
PGUSER_=${LOAD_PGUSER:-postgres}
db="samverka_load_$$"
work="$(mktemp -d /tmp/samverka-load.XXXXXX)"
gunicorn_pid=""

fail() { echo "LASTTEST MISSLYCKADES: $*"; exit 1; }

cleanup() {
  status=$?
  if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$gunicorn_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$gunicorn_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$work/gunicorn.log" ]; then
    echo "== Serverns fel- och varningsrader"
    grep -v '"level": "INFO"' "$work/gunicorn.log" | tail -n 40 || true
  fi
  psql -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

[ -x "$PY" ] || fail ".venv saknas: kör \`make venv\` först."
pg_isready -h "$PGHOST_" -p "$PGPORT_" -q || fail "PostgreSQL svarar inte på $PGHOST_:$PGPORT_."
psql -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -q -c "CREATE DATABASE $db" \
  || fail "kunde inte skapa databasen $db."

port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

export DJANGO_SETTINGS_MODULE=samverka.settings
export DEBUG=0
export SECRET_KEY="load-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://$PGUSER_@$PGHOST_:$PGPORT_/$db"
export STATIC_MANIFEST=1
export MEDIA_ROOT="$work/media" STATIC_ROOT="$work/static"
export LOG_LEVEL=INFO LOG_FORMAT=json
export GUNICORN_BIND="127.0.0.1:$port" WEB_CONCURRENCY=2
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
unset SAMVERKA_ALLOW_SQLITE SECRET_KEY_FILE

echo "== Lasttest: gunicorn med 2 arbetare, PostgreSQL ($db), 127.0.0.1:$port"
"$PY" manage.py migrate --noinput --verbosity 0 || fail "migrate misslyckades."
.venv/bin/samverka load_demo --verbosity 0 >/dev/null || fail "load_demo misslyckades."
"$PY" manage.py collectstatic --noinput --clear --verbosity 0 || fail "collectstatic misslyckades."
"$PY" bench/load.py setup --roles-file "$work/roles.json" "$@" || fail "lasttestanvändarna kunde inte skapas."
# Planner statistics for the freshly loaded tables, as autovacuum would gather them in service
# (it is off on some CI servers; without statistics PostgreSQL picks nested loops over the demo).
psql -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d "$db" -q -c "ANALYZE" || fail "ANALYZE misslyckades."

.venv/bin/gunicorn -c deploy/gunicorn.conf.py samverka.wsgi >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
up=""
for _ in $(seq 60); do
  kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn avslutades vid start."
  if "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" \
      2>/dev/null; then up=1; break; fi
  sleep 1
done
[ -n "$up" ] || fail "gunicorn svarade inte på /healthz inom 60 s."

echo "-- maskin: $(nproc) kärnor, $(uname -sm), $("$PY" --version), $(psql -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -Atqc 'show server_version')"
status=0
"$PY" bench/load.py run "http://127.0.0.1:$port" --window-file "$work/window.json" "$@" || status=$?
[ -s "$work/window.json" ] && "$PY" bench/load.py server --server-log "$work/gunicorn.log" \
  --roles-file "$work/roles.json" --window-file "$work/window.json"
exit "$status"
