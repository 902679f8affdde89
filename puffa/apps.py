from django.apps import AppConfig


class PuffaConfig(AppConfig):
    name = "puffa"
    verbose_name = "Puffa"
