from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "tracker.importers"
    label = "importers"
