"""gunicorn settings for Samverka: `gunicorn -c deploy/gunicorn.conf.py samverka.wsgi`.

Everything can be changed by environment variables (see docs/operations.md):
GUNICORN_BIND (127.0.0.1:8000), WEB_CONCURRENCY (2 × CPU + 1 workers),
GUNICORN_THREADS (1), GUNICORN_TIMEOUT (60 s), GUNICORN_MAX_REQUESTS (1000).
The app logs each request itself (JSON lines on stdout), so gunicorn's access log is off.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Behind the reverse proxy on the same host: trust its X-Forwarded-* headers only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the app before forking: a configuration error stops the start at once, with its message.
preload_app = True
# Marks this process as production serving (PostgreSQL required unless DEBUG is on).
os.environ.setdefault("SAMVERKA_PRODUCTION", "1")
