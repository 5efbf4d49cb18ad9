"""Sign-in with an identity provider over OpenID Connect (for example a national e-ID), through
mozilla-django-oidc. Off unless configured (MOTCUA_OIDC_*, see docs/operators.md).

Accounts are matched by the provider's subject (`sub`), never by email: an email the provider did not verify
must not open someone else's account. A first sign-in creates an active applicant account (the provider has
verified the person)."""

from __future__ import annotations

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .services_applicants import applicant_from_identity_provider


class ApplicantOIDCBackend(OIDCAuthenticationBackend):
    def describe_user_by_claims(self, claims):
        return f"sub {claims.get('sub')}"

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        subject = claims.get("sub")
        if not subject:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(oidc_subject=subject, is_active=True)

    def create_user(self, claims):
        return applicant_from_identity_provider(
            subject=claims["sub"],
            full_name=claims.get("name") or "",
            email=claims.get("email") if claims.get("email_verified") else "",
        )
