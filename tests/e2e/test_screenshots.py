"""Screenshots for the editors' guide (docs/_static/screenshots/), taken from the live site.

Run ``pytest tests/e2e/test_screenshots.py`` to refresh them. The PNGs are reduced to a
256-colour palette so they stay small in the repository.
"""

import io
from pathlib import Path

import pytest

from .conftest import DESKTOP, MOBILE, login_to_admin

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "_static" / "screenshots"
MAX_HEIGHT = 1800  # px of a long page kept in a screenshot


def _looks_the_same(path, image):
    """True if the PNG at ``path`` differs from ``image`` only by rendering noise, so that
    re-running the suite does not rewrite the committed files for nothing."""
    from PIL import Image, ImageChops

    if not path.exists():
        return False
    with Image.open(path) as old:
        old = old.convert("RGB")
        if old.size != image.size:
            return False
        red, green, blue = ImageChops.difference(old, image.convert("RGB")).split()
        diff = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    # Noise is a handful of anti-aliased pixels; a changed word is hundreds.
    changed = diff.point(lambda v: 255 if v > 48 else 0).histogram()[255]
    return changed <= 50


def save_png(data, name):
    """Write a screenshot as a palette PNG (typically a third of the size of the original)."""
    from PIL import Image

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = SCREENSHOTS / name
    if not _looks_the_same(path, image):
        image.save(path, format="PNG", optimize=True)
    return path


def shoot(page, name, full_page=False):
    """Screenshot the page (the top ``MAX_HEIGHT`` px of it if ``full_page``) once fonts are in."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    if full_page:
        height = page.evaluate("() => document.documentElement.scrollHeight")
        width = page.viewport_size["width"]
        data = page.screenshot(full_page=True, animations="disabled",
                               clip={"x": 0, "y": 0, "width": width,
                                     "height": min(height, MAX_HEIGHT)})
    else:
        data = page.screenshot(animations="disabled")
    path = save_png(data, name)
    assert path.stat().st_size < 600_000, f"{name} is too big: {path.stat().st_size} bytes"
    return path


def assert_cjk_renders(page):
    """Chinese text is drawn with real glyphs, not tofu: two different characters drawn in the
    page's font give different pixels, and neither looks like an unassigned code point."""
    drawn = page.evaluate("""() => {
        const font = '32px ' + getComputedStyle(document.body).fontFamily;
        const draw = (ch) => {
            const canvas = document.createElement('canvas');
            canvas.width = canvas.height = 40;
            const c = canvas.getContext('2d');
            c.font = font;
            c.fillText(ch, 2, 32);
            return canvas.toDataURL();
        };
        return {zheng: draw('政'), fu: draw('府'), missing: draw('\\u{10FFFD}')};
    }""")
    assert drawn["zheng"] != drawn["fu"], "CJK characters are drawn as identical boxes (tofu)"
    assert drawn["missing"] not in (drawn["zheng"], drawn["fu"]), "CJK drawn as missing glyphs"


def test_public_screenshots(new_context, disclosure_site):
    data = disclosure_site
    page = new_context(viewport=DESKTOP).new_page()

    page.goto(data.section.url)
    assert_cjk_renders(page)
    shoot(page, "public-index.png", full_page=True)

    page.goto(f"{data.news.url}?year=2023")
    assert page.locator(".wd-filters").is_visible()
    shoot(page, "public-column-filters.png", full_page=True)

    page.goto(data.new_measures.url)
    assert page.locator("table.wd-item-meta").is_visible()
    shoot(page, "public-item.png", full_page=True)

    page.goto(data.old_measures.url)
    assert page.locator(".wd-banner").is_visible()
    shoot(page, "public-item-repealed.png")

    page.goto(data.power.url)
    assert page.locator("ol.wd-flow").is_visible()
    shoot(page, "public-power-item.png", full_page=True)

    mobile = new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()
    mobile.goto(data.news.url)
    assert_cjk_renders(mobile)
    shoot(mobile, "public-column-mobile.png", full_page=True)

    # The 公开目录 tree on a phone, opened, inside an item of a nested column.
    mobile.goto(data.new_measures.url)
    mobile.locator("summary.wd-tree__summary").tap()
    assert mobile.locator("nav.wd-tree-nav a[aria-current]").is_visible()
    mobile.locator("nav.wd-tree-nav").scroll_into_view_if_needed()
    shoot(mobile, "public-tree-mobile.png")


def test_admin_screenshots(new_context, disclosure_site, admin_user, settings):
    data = disclosure_site
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # Wagtail's default avatar, not a gravatar
    page = new_context(viewport=DESKTOP).new_page()
    login_to_admin(page)

    # The page editor of a disclosure item.
    item = data.new_measures
    page.goto(f"/admin/pages/{item.pk}/edit/")
    page.wait_for_selector("form[method=post] input[name=title]")
    assert page.locator("input[name=title]").input_value() == item.title
    # The 索引号 is shown read-only (assigned on first publication).
    assert item.index_number in page.locator("main").inner_text()
    page.wait_for_selector(".Draftail-Editor")  # the rich text editor has been drawn
    assert_cjk_renders(page)
    shoot(page, "admin-item-editor.png")

    # "Add child page" under a column: the page types an editor can create there.
    page.goto(f"/admin/pages/{data.news.pk}/add_subpage/")
    choices = page.locator("main a[href*='/admin/pages/add/wagtail_disclosure/']")
    hrefs = choices.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    models = {href.split("/")[-3] for href in hrefs}
    assert models == {"disclosurecolumnpage", "disclosureitempage", "poweritempage"}, hrefs
    shoot(page, "admin-add-child-page.png")
