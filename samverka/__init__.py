"""Samverka: register and follow-up of a municipality's partnerships with civil society."""
