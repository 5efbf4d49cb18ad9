from django import template

from motcua.core.masking import masked_numbers_in_text

register = template.Library()


@register.filter
def numbers_masked(text) -> str:
    """Free text shown to the public: identification and phone numbers typed in it masked (last three digits)."""
    return masked_numbers_in_text(str(text or ""))
