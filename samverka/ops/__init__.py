"""Operations: health check, structured logs, statement timeouts, backups, reminder records."""
