"""The house stays one a newcomer can find their way in (issue #11): no module of app code
over 300 lines and no function over 50. Migrations are generated, and not counted."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("certificates", "filings", "pilot_portal")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


def app_modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_checks_see_the_app_code():
    # A wrong root or pattern would make both checks pass on nothing.
    names = {name(path) for path in app_modules()}
    assert {"filings/rules/__init__.py", "filings/views/rows.py"} <= names
    assert not any("/migrations/" in n for n in names)


def test_no_module_is_over_the_limit():
    too_long = {}
    for path in app_modules():
        lines = path.read_text("utf-8").count("\n")
        if lines > MAX_MODULE_LINES:
            too_long[name(path)] = lines
    assert not too_long, f"split these modules by topic: {too_long}"


def test_no_function_is_over_the_limit():
    too_long = {}
    for path in app_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long[f"{name(path)}:{node.name}"] = length
    assert not too_long, f"split these functions: {too_long}"
