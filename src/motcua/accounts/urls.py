from django.contrib.auth import views as auth_views
from django.urls import path

from . import password_reset_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("verify/", views.verify, name="verify"),
    path("verify/resend/", views.verify_resend, name="verify_resend"),
    path("profile/", views.profile, name="profile"),
    path("password-reset/", password_reset_views.password_reset, name="password_reset"),
    path("password-reset/new/", password_reset_views.password_reset_new, name="password_reset_new"),
    path("password-reset/resend/", password_reset_views.password_reset_resend, name="password_reset_resend"),
]
