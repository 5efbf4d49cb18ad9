"""A URL configuration whose one page fails, to see the server error page's headers."""

from django.urls import path


def fails(request):
    raise RuntimeError("the server error page is under test")


urlpatterns = [path("hong/", fails)]
handler500 = "motcua.core.views.server_error"
