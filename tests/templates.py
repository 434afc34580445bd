"""The portal's own templates, from every folder Django finds them in: the project's
`templates/` and each of the portal's apps' `templates/` (not the installed packages')."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def template_folders() -> list[Path]:
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    for app in apps.get_app_configs():
        # The portal's apps sit at the top of the checkout; a virtualenv inside it does not.
        if Path(app.path).parent == settings.BASE_DIR and (Path(app.path) / "templates").is_dir():
            folders.append(Path(app.path) / "templates")
    return folders


def template_files() -> list[Path]:
    return sorted(path for folder in template_folders() for path in folder.rglob("*.html"))


def template_id(path: Path) -> str:
    """A test id: the template's path in the checkout."""
    return str(path.relative_to(settings.BASE_DIR))
