"""Layout checks for any screen size: the page never scrolls sideways, names never wrap one
character per line, and buttons never break inside their label."""

# Returns what is wrong on the page as it is now, as a list of sentences.
LAYOUT_PROBLEMS = """() => {
  // The layout viewport: on a phone, window.innerWidth grows with a page too wide for it
  // (the browser zooms out to show it all), so it cannot tell that the page is too wide.
  const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
  const problems = [];
  const describe = el => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) {
      text += '.' + el.className.trim().split(/\\s+/).join('.');
    }
    const words = (el.innerText || '').trim().replace(/\\s+/g, ' ');
    return words ? `${text} "${words.slice(0, 40)}"` : text;
  };
  const visible = el => {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
  };
  // Scrolls or clips its own content, so what is inside it does not widen the page.
  const contained = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) {
    let widest = null;
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || contained(el)) continue;
      const r = el.getBoundingClientRect();
      const parent = el.parentElement.getBoundingClientRect();
      // The outermost element that sticks out: its parent still fits.
      const parentSticksOut = parent.right > width + 1 && el.parentElement !== document.body;
      if (r.right <= width + 1 || parentSticksOut) continue;
      if (!widest || r.right > widest.right) widest = {right: r.right, el};
    }
    if (!widest) {
      // Something invisible: a visually hidden label, absolutely placed, escapes the
      // scrolling box it sits in when no ancestor is positioned. The deepest at the far edge.
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right >= scrollWidth - 1) widest = {right: r.right, el};
      }
    }
    problems.push(`scrolls sideways: ${scrollWidth} px wide in ${width} px` +
      (widest ? `, widest: ${describe(widest.el)} reaching ${Math.round(widest.right)} px` : ''));
  }
  const lines = el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const boxes = [...range.getClientRects()].filter(r => r.width > 0);
    const tops = new Set(boxes.map(r => Math.round(r.top)));
    return tops.size;
  };
  for (const el of document.querySelectorAll('.btn')) {
    if (!visible(el) || el.closest('.btn-wrap')) continue;
    if (lines(el) > 1) problems.push(`button breaks inside its label: ${describe(el)}`);
  }
  for (const el of document.querySelectorAll('td, th, a, .unit-name, .school-name')) {
    if (!visible(el)) continue;
    const text = (el.innerText || '').trim();
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const content = el.getBoundingClientRect().width - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight);
    // Room for less than two characters a line.
    const vertical = style.writingMode.startsWith('vertical');  // one character a line
    if (text.length >= 4 && !/\\s/.test(text) && !vertical && content < 2 * size) {
      problems.push(`wraps one character per line: ${describe(el)}`);
    }
  }
  return problems;
}"""


def layout_problems(page) -> list[str]:
    return page.evaluate(LAYOUT_PROBLEMS)


def assert_fits(page, name: str) -> None:
    problems = layout_problems(page)
    assert not problems, f"{name} ({page.url}):\n  " + "\n  ".join(problems)


# Scrolls each table that scrolls inside its wrapper to its far end: its sticky column must
# still stand at the wrapper's left edge (inside its padding).
STICKY_PROBLEMS = """() => {
  const problems = [];
  const sticky = 'td.sticky-col, .table-sticky-first > tbody > tr > :first-child';
  for (const wrapper of document.querySelectorAll('.table-responsive')) {
    const cell = wrapper.querySelector(sticky);
    if (!cell || wrapper.scrollWidth <= wrapper.clientWidth) continue;
    wrapper.scrollLeft = wrapper.scrollWidth;
    const padding = parseFloat(getComputedStyle(wrapper).paddingLeft);
    const edge = wrapper.getBoundingClientRect().left + padding;
    const left = cell.getBoundingClientRect().left - edge;
    if (Math.abs(left) > 2) problems.push(`sticky column scrolled away: "${cell.innerText}"`);
    wrapper.scrollLeft = 0;
  }
  return problems;
}"""


def sticky_column_problems(page) -> list[str]:
    return page.evaluate(STICKY_PROBLEMS)
