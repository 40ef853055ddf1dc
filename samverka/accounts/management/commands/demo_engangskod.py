"""Show the current one-time code of the demo's published TOTP secret (demo logins only)."""

import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from samverka.accounts.otp import DEMO_TOTP_SECRET, demo_key_hex


class Command(BaseCommand):
    help = ("Visar demoanvändarnas aktuella engångskod (TOTP-nyckeln "
            f"{DEMO_TOTP_SECRET}). Fungerar bara för demons konton.")

    def handle(self, *args, **options):
        totp = TOTP(bytes.fromhex(demo_key_hex()))
        now = time.time()
        totp.time = now
        seconds_left = 30 - int(now) % 30
        self.stdout.write(f"{totp.token():06d}  (giltig i {seconds_left} s till)")
