"""Input fields that take what the OpenAPI schema says and nothing else."""

from __future__ import annotations

from rest_framework import serializers


class StringField(serializers.CharField):
    """A string, never a number or a boolean turned into one: the schema says `type: string`, so `0` or `true`
    for a text field is refused (400), as a generated client expects."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
