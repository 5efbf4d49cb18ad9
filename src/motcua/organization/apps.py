from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "motcua.organization"
    label = "organization"
