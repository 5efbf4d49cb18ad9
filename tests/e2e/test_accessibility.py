"""The public home page and the sign-in page, in both languages, at phone and desktop widths: no axe-core
violations, no horizontal scrolling on a 360 px phone, the right `lang`, and a skip link that works."""

import pytest

pytestmark = pytest.mark.browser

PAGES = {"home": "/", "sign-in": "/accounts/sign-in/"}
LANGUAGES = ("vi", "en")
HEADINGS = {
    ("home", "vi"): "Dịch vụ công một cửa",
    ("home", "en"): "One-stop public services",
    ("sign-in", "vi"): "Đăng nhập",
    ("sign-in", "en"): "Sign in",
}


@pytest.fixture(params=sorted(LANGUAGES))
def language(request) -> str:
    return request.param


@pytest.fixture
def site_language(language) -> str:
    return language


@pytest.mark.parametrize("viewport_width", [360, 1280])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_passes_axe_in_both_languages(page, live_server, axe_check, name, language, viewport_width):
    page.goto(live_server.url + PAGES[name])

    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == HEADINGS[(name, language)]
    axe_check(page)
    if viewport_width == 360:
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 360px"


@pytest.mark.parametrize("viewport_width", [360])
def test_skip_link_is_first_and_moves_focus_to_main_content(page, live_server, viewport_width, language):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main"
    assert skip.is_visible(), "the skip link must become visible when focused"
    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused_inside_main = page.evaluate(
        "() => document.getElementById('main').contains(document.activeElement)"
    )
    assert focused_inside_main, "the next Tab after the skip link lands inside the main content"


def test_language_switcher_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/sign-in/")
        assert page.locator("html").get_attribute("lang") == "vi"

        with page.expect_navigation():
            page.get_by_role("button", name="English").click()

        assert page.url == live_server.url + "/accounts/sign-in/"
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
        with page.expect_navigation():
            page.get_by_role("button", name="Tiếng Việt").click()
        assert page.locator("html").get_attribute("lang") == "vi"
    finally:
        context.close()
