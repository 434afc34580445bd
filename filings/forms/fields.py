"""Fields of the row forms: the majors with their enrolment years, and the counts."""

from collections.abc import Callable
from typing import Any

from django import forms

from ..form_errors import GroupWidget
from ..rules import MAX_MAJORS, clean_name, has_invisible


class MajorsWidget(GroupWidget):
    """A small table: one line per major, its name and a box per enrolment year."""

    # Lives in the app (filings/templates/): the form renderer searches app folders only.
    template_name = "filings/widgets/majors.html"

    def __init__(self, years: list[int], attrs=None) -> None:
        super().__init__(attrs)
        self.years = years

    def value_from_datadict(self, data, files, name) -> list[dict[str, Any]]:
        majors = []
        for index in range(MAX_MAJORS + 20):
            key = f"{name}-{index}"
            major_name = data.get(f"{key}-name")
            checked = [y for y in self.years if data.get(f"{key}-y{y}")]
            if major_name is None and not checked:
                continue
            if (major_name or "").strip() or checked:
                # Years never filled in (an imported row) stay unknown until one is ticked:
                # posting the row unchanged must not turn "not known yet" into "no enrolment".
                unknown = not checked and data.get(f"{key}-unknown")
                years = None if unknown else checked
                majors.append({"name": (major_name or "").strip(), "years": years})
        return majors

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False

    def get_context(self, name, value, attrs) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        majors = list(value or [])
        lines = [
            {
                "index": i,
                "name": m.get("name", ""),
                "years": [(y, y in (m.get("years") or [])) for y in self.years],
                "unknown": m.get("years") is None,
            }
            for i, m in enumerate(majors)
        ]
        # Always one empty line to type into; the page's script adds more.
        lines.append(
            {
                "index": len(majors),
                "name": "",
                "years": [(y, False) for y in self.years],
                "unknown": False,
            }
        )
        context["widget"].update({"lines": lines, "year_list": self.years})
        return context


class MajorsField(forms.Field):
    def __init__(self, years: list[int], **kwargs) -> None:
        kwargs.setdefault("widget", MajorsWidget(years))
        super().__init__(**kwargs)

    def clean(self, value) -> list[dict[str, Any]]:
        # How many majors, and how long their names, is the rules' to judge (check_row).
        majors = super().clean(value) or []
        for position, major in enumerate(majors, start=1):
            if has_invisible(major["name"]):
                raise forms.ValidationError(
                    f"第{position}个专业的名称中含有看不见的字符（零宽空格、控制符等，常见于从"
                    f"网页或聊天软件复制的文字），请重新输入该专业名称。"
                )
            major["name"] = clean_name(major["name"])
            if not major["name"]:
                raise forms.ValidationError(f"第{position}个专业勾选了招生年份，但未填写专业名称。")
        return majors


class CountField(forms.IntegerField):
    """A count (students, majors, a training team): a whole number, or empty. Its range is
    the rules' to judge (count_problems and the rule of each figure), in their words, as the
    importer judges it; the database never sees a value they refuse."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


# Up to this many choices a plain drop-down is quickest (batch 2 has 10 certificates); a
# batch of hundreds gets a search box over its list as well.
SEARCH_FROM = 20


class SearchableSelect(forms.Select):
    """A native <select> (what the form submits, and all there is without JavaScript), with a
    search box above it when the list is long. static/js/select-filter.js shows the box and
    narrows the options to those whose name, or the text in their data-search, has every
    word typed."""

    # Lives in the app (filings/templates/): the form renderer searches app folders only.
    template_name = "filings/widgets/searchable_select.html"

    def __init__(
        self, *args, noun: str = "证书", search_text: Callable[[Any], str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.noun = noun
        # What else finds a choice besides its label (a certificate's organization).
        self.search_text = search_text

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and self.search_text is not None:
            option["attrs"]["data-search"] = self.search_text(instance)
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Counted from the options just made: the choices again would query them twice.
        count = sum(
            1
            for _, group, _ in context["widget"]["optgroups"]
            for option in group
            if option["value"] != ""
        )
        select_id = context["widget"]["attrs"].get("id", "")
        searchable = count >= SEARCH_FROM and select_id
        context["widget"]["filter"] = (
            {"id": select_id, "count": count, "noun": self.noun} if searchable else None
        )
        return context
