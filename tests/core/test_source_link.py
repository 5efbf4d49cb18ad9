"""AGPL-3.0 section 13: an installation that changes the code offers it to its users, from every page's footer."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

SOURCE = "https://git.example.vn/hanoi/motcua"


@override_settings(MOTCUA_SOURCE_URL=SOURCE)
def test_every_page_links_the_source_when_the_address_is_set(client):
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    assert f'<a href="{SOURCE}">Mã nguồn</a>' in footer


@override_settings(MOTCUA_SOURCE_URL=SOURCE)
def test_the_link_is_named_in_english_for_english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/").content.decode()
    assert f'<a href="{SOURCE}">Source code</a>' in page


@override_settings(MOTCUA_SOURCE_URL="")
def test_no_link_without_an_address(client):
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    assert "Mã nguồn" not in footer
