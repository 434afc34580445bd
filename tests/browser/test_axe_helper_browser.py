"""The helpers the browser tests share: axe-core's verdict and the layout checks, on pages
made for the purpose (no server needed)."""

import pytest

from .axe import assert_accessible
from .layout import assert_fits

pytestmark = pytest.mark.browser

FINE = """<!doctype html><html lang="zh-Hans"><head><title>好页面</title></head>
<body><main><h1>标题</h1><label for="a">姓名</label><input id="a"></main></body></html>"""
BROKEN = """<!doctype html><html lang="zh-Hans"><head><title>坏页面</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>标题</h1><input id="nameless"><p style="color:#bbb">浅灰色的字</p>
<div style="width:900px">很宽的块</div></main></body></html>"""


def test_a_fine_page_passes(page):
    page.set_content(FINE)
    assert_accessible(page, "好页面")
    assert_fits(page, "好页面")


def test_violations_are_listed_with_rule_element_and_help(page):
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "坏页面")
    message = str(failure.value)
    assert message.startswith("坏页面: 2 accessibility rule(s) violated")
    assert "label (critical): Form elements must have labels" in message
    assert "at #nameless" in message
    assert "color-contrast (serious)" in message


def test_a_page_too_wide_names_the_widest_element(phone_page):
    phone_page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_fits(phone_page, "坏页面")
    assert 'scrolls sideways: 908 px wide in 375 px, widest: div "很宽的块" reaching 908 px' in str(
        failure.value
    )


def test_names_one_character_per_line_and_broken_buttons_are_found(page):
    page.set_content(
        """<!doctype html><html lang="zh-Hans"><head><title>窄</title></head><body>
        <table><tr><td style="width:1em">武汉职业技术学院</td><td>120</td></tr></table>
        <button class="btn" style="width:3em">确认提交</button></body></html>"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_fits(page, "窄")
    message = str(failure.value)
    assert 'wraps one character per line: td "武汉职业技术学院"' in message
    assert 'button breaks inside its label: button.btn "确认提交"' in message
