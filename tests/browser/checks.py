"""The two checks every page a browser test visits must pass (#12): it fits the screen (no
sideways scroll, no name one character per line) and axe-core finds no WCAG 2.1 A/AA
violation. The tests that drive a role through its main job call `assert_usable` on each
page they reach, and after each failed save."""

from .axe import assert_accessible
from .layout import assert_fits


def assert_usable(page, name: str) -> None:
    # After a click the page may be measured before its style sheets have loaded, and an
    # unstyled table is as wide as its screen: wait for the page's own load first.
    page.wait_for_load_state("load")
    assert_fits(page, name)
    assert_accessible(page, name)
