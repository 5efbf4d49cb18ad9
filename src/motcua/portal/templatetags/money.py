from django import template

from motcua.portal.catalog_views import format_money

register = template.Library()


@register.filter
def money(amount) -> str:
    """An amount in đồng as people read it: "1.500.000 đồng" (English: "VND 1,500,000")."""
    return format_money(int(amount or 0))
