from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "tracker.exchange"
    label = "exchange"
