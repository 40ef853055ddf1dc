from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "samverka.papers"
    verbose_name = "Handlingar för offentlig sektor"
