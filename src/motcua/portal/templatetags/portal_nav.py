from django import template

from motcua.accounts.models import STAFF_ROLES
from motcua.accounts.selectors import roles_of

register = template.Library()


@register.simple_tag
def is_officer(user) -> bool:
    """True for a signed-in user with a staff role (officers, leaders, inspectors, administrators)."""
    return bool(user.is_authenticated and roles_of(user) & STAFF_ROLES)
