"""certificates/ owns the reference data and the public directory; filings/ builds on it.
The dependency goes one way only, so that the directory never needs the filing code."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_certificates_import_nothing_from_filings():
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(
            name for name in imported_modules(path) if name.split(".")[0] == "filings"
        )
        for path in (ROOT / "certificates").rglob("*.py")
    }
    offenders = {path: names for path, names in offenders.items() if names}
    assert not offenders, f"certificates/ must not import filings/: {offenders}"


def test_the_check_sees_an_import():
    # A check that parses nothing would pass on anything: the URLs do import filings.
    assert "filings.views" in imported_modules(ROOT / "pilot_portal" / "urls.py")
