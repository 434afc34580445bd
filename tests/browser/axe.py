"""axe-core in the browser tests: `assert_accessible(page, name)` after a page has loaded.

axe-core's script comes from the axe-playwright-python package (a dev dependency) and is
injected through Playwright, so the portal's pages never load it and nothing comes from a CDN.
Any browser test may call it, for example on the page a failed save shows.
"""

from axe_playwright_python.base import AXE_SCRIPT

# The rules of WCAG 2.0 and 2.1, levels A and AA.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """options => axe.run(document, options).then(results => results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
})))"""


# Colours half-way through a transition (a button just clicked fading to its hover colours)
# are no state a reader ever rests on, yet axe measured them when a busy run caught one: the
# page is judged with its transitions ended.
SETTLE = """() => new Promise(done => {
    if (!document.getElementById('axe-settle')) {
        const style = document.createElement('style');
        style.id = 'axe-settle';
        style.textContent = '*, *::before, *::after '
            + '{transition: none !important; animation: none !important}';
        document.head.appendChild(style);
    }
    requestAnimationFrame(() => requestAnimationFrame(done));
})"""


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    page.evaluate(SETTLE)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate(RUN, options)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page, name: str) -> None:
    """Fail with a readable list (rule, element, help) unless axe-core finds nothing."""
    violations = axe_violations(page)
    assert not violations, (
        f"{name}: {len(violations)} accessibility rule(s) violated ({page.url})\n"
        + describe_violations(violations)
    )
