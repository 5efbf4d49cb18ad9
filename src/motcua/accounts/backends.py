"""Password sign-in with wrong passwords counted and locked out (see `throttle`), for every form that signs in:
the site's sign-in page and the admin's. Applicants may type the email or phone they signed up with in any usual
form (`sign_in_name`); the lockout counts per account, whatever form was typed."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from motcua.core.client_address import client_address

from .services_applicants import sign_in_name
from .throttle import sign_in_failed, sign_in_lockout, sign_in_succeeded


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        username = sign_in_name(username)
        address = client_address(request) if request is not None else None
        if sign_in_lockout(username=username, address=address):
            raise PermissionDenied  # stops every backend: not even the right password signs in now
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            sign_in_failed(username=username, address=address)
        else:
            sign_in_succeeded(username=username)
        return user
