"""Reused serializers answer exactly as fresh ones: per-call context, DRF's error shapes, nested use."""

import pytest
from rest_framework import serializers

from motcua.api import serializer_reuse


class Greeting(serializers.Serializer):
    name = serializers.CharField(max_length=5)
    greeting = serializers.SerializerMethodField()

    def get_greeting(self, obj):
        return f"{self.context['word']} {obj['name']}"


class Outer(serializers.Serializer):
    inner = serializers.SerializerMethodField()

    def get_inner(self, obj):
        # A nested call for the same pool while the outer serializer is borrowed.
        return serializer_reuse.represented(Greeting, obj, {"word": "chào"})


def test_each_call_sees_its_own_context():
    first = serializer_reuse.represented(Greeting, {"name": "An"}, {"word": "xin chào"})
    second = serializer_reuse.represented(Greeting, {"name": "Bình"}, {"word": "hello"})
    assert first == {"name": "An", "greeting": "xin chào An"}
    assert second == {"name": "Bình", "greeting": "hello Bình"}


def test_nested_use_of_the_same_class_gets_its_own_instance():
    result = serializer_reuse.represented(Outer, {"name": "An"}, {"word": "outer"})
    assert result == {"inner": {"name": "An", "greeting": "chào An"}}
    # The pooled Greeting still answers with the caller's context afterwards.
    assert serializer_reuse.represented(Greeting, {"name": "An"}, {"word": "hi"})["greeting"] == "hi An"


def test_errors_are_shaped_as_drf_shapes_them():
    with pytest.raises(serializers.ValidationError) as reused:
        serializer_reuse.validated(Greeting, {"name": "quá dài"})
    fresh = Greeting(data={"name": "quá dài"})
    assert not fresh.is_valid()
    assert reused.value.detail == fresh.errors
    with pytest.raises(serializers.ValidationError) as empty:
        serializer_reuse.validated(Greeting, None)
    assert "non_field_errors" in empty.value.detail


def test_valid_data_comes_back_validated():
    assert serializer_reuse.validated(Greeting, {"name": " An "}) == {"name": "An"}
