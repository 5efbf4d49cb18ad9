from django.urls import include, path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("motcua.workspace.indicator_urls")),
]
