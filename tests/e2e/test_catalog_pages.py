"""The public catalog in a real browser: search, then open a procedure, in Vietnamese and English, at phone
and desktop widths; every page axe-core clean and without sideways scrolling; search works without JavaScript."""

import io

import pytest
from playwright.sync_api import expect

from motcua.catalog import demo

pytestmark = pytest.mark.browser

LANGUAGES = ("vi", "en")
# Interface wording may be reworded by translators; the data and the units are what a user relies on here.
EXPECTED = {
    "vi": {"title": "Đăng ký khai sinh", "one_day": "1 ngày làm việc", "free": "Miễn phí"},
    "en": {"title": "Birth registration", "one_day": "1 working day", "free": "Free"},
}


@pytest.fixture
def catalog(transactional_db):
    demo.load(stdout=io.StringIO())


@pytest.fixture(params=sorted(LANGUAGES))
def language(request) -> str:
    return request.param


@pytest.fixture
def site_language(language) -> str:
    return language


def _no_sideways_scroll(page):
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize(
    ("query", "viewport_width"),
    [("dang ky khai sinh", 360), ("ĐĂNG KÝ KHAI SINH", 1280)],
    ids=["phone", "desktop"],
)
def test_search_then_open_birth_registration(
    page, live_server, axe_check, catalog, language, query, viewport_width
):
    text = EXPECTED[language]
    page.goto(live_server.url + "/")
    page.locator(".site-nav a[href='/thu-tuc/']").click()
    page.wait_for_url(live_server.url + "/thu-tuc/")
    assert page.locator("html").get_attribute("lang") == language
    axe_check(page)
    _no_sideways_scroll(page)

    search_box = page.get_by_role("searchbox")
    search_box.fill(query)
    page.locator("form.catalog-search button[type=submit]").click()
    page.wait_for_url("**/thu-tuc/tim-kiem/?q=*")
    first = page.locator(".procedure-list li").first
    assert first.get_by_role("link").inner_text() == text["title"]
    assert page.get_by_role("searchbox").input_value() == query  # the query is kept
    axe_check(page)
    _no_sideways_scroll(page)

    first.get_by_role("link").click()
    page.wait_for_url("**/thu-tuc/1.001193/")
    assert page.get_by_role("heading", level=1).inner_text() == text["title"]
    summary = page.locator(".summary-list").inner_text()
    assert text["one_day"] in summary and text["free"] in summary
    assert page.locator("h2#documents").is_visible() and page.locator("h2#steps").is_visible()
    assert page.locator(".document-list li").count() == 3
    axe_check(page)
    _no_sideways_scroll(page)


def test_browse_by_sector_and_agency_pages_are_accessible(page, live_server, axe_check, catalog, language):
    page.goto(live_server.url + "/thu-tuc/")
    page.locator(".browse-list").first.get_by_role("link").first.click()
    page.wait_for_url("**/thu-tuc/linh-vuc/*/")
    expect(page.locator(".procedure-list li").first).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + "/thu-tuc/co-quan/")
    page.locator(".browse-list").get_by_role("link").first.click()
    page.wait_for_url("**/thu-tuc/co-quan/*/")
    expect(page.locator(".procedure-list li").first).to_be_visible()
    axe_check(page)
    page.goto(
        live_server.url + "/thu-tuc/2.000575/"
    )  # business household: Green Friday callout and fee table
    axe_check(page)


def test_search_and_filters_work_without_javascript(browser, live_server, catalog):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/thu-tuc/tim-kiem/")
        page.get_by_role("searchbox").fill("khai sinh")
        with page.expect_navigation():
            page.locator("form.catalog-search button[type=submit]").click()
        assert (
            page.locator(".procedure-list li").first.get_by_role("link").inner_text() == "Đăng ký khai sinh"
        )
        page.locator("summary").click()
        page.locator("#filter-level").select_option("province")
        with page.expect_navigation():
            page.locator(".catalog-filters button[type=submit]").click()
        assert "level=province" in page.url and "q=khai+sinh" in page.url
        assert page.locator(".procedure-list li").count() == 0  # birth registration is a commune procedure

        page.get_by_role("searchbox").fill("giay phep xay dung")
        with page.expect_navigation():
            page.locator("form.catalog-search button[type=submit]").click()
        titles = page.locator(".procedure-list li h3").all_inner_texts()
        assert titles[0] == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
        assert "Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III" in titles
    finally:
        context.close()
