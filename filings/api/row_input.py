"""A row sent as JSON, judged by the very forms the pages use.

The JSON is turned into what a browser posts (the school's fields, the row's fields, the
majors as majors-<i>-name and majors-<i>-y<year>) and handed to SchoolForm and PilotRowForm:
their cleaning (full-width and other Unicode digits, names' spaces and invisible characters)
and the rules they ask (check_row) apply as they do on the pages. Every refusal comes back
as a problem in the rules' shape, with the field it concerns."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from certificates.models import Batch, Certificate

from ..forms import HeaderForm, PilotRowForm, SchoolForm
from ..models import School
from ..rules import Problem, certificate_problem, enrolment_years
from ..rules.problems import error

SCHOOL_FIELDS = ["name", "school_type", "school_code", "statuses", "remarks"]
TEAM_FIELDS = ["team_size", "dual_qualified_count", "industry_expert_count"]
YES_NO_FIELDS = ["training_experience", "teaching_resources", "management"]
NOTE_FIELDS = [f"{name}_note" for name in (*YES_NO_FIELDS, "facilities")]
ATTESTATION_FIELDS = [*YES_NO_FIELDS, "facilities", *NOTE_FIELDS, "innovation_team"]

ROW_REFUSED = "试点行未保存：请按 problems 逐项修改后重新提交。"
NOT_AN_OBJECT = "“{name}”应为 JSON 对象（{{…}}）。"
MAJORS_SHAPE = '参与试点专业应为列表，每项形如 {"name": "电子商务", "years": [2019]}。'
MAJOR_YEARS = "第{position}个专业的招生年份只能是 {years} 年中的年份（或 null 表示尚未填写）。"
CERTIFICATE_MISMATCH = "certificate 与 certificate_position 不一致：该证书的序号是 {position}。"
NO_SUCH_POSITION = "{batch}没有序号为 {position} 的证书。"


class RowsRefused(Exception):
    """What was sent cannot be saved: every problem found, as the pages would show them."""

    def __init__(self, problems: list[Problem], detail: str = ROW_REFUSED) -> None:
        super().__init__(detail)
        self.problems = problems
        self.detail = detail


def form_problems(form: forms.Form) -> list[Problem]:
    """A form's errors as the rules' problems (the rules' own codes are kept on the errors)."""
    found = []
    for field, errors in form.errors.as_data().items():
        name = "" if field == NON_FIELD_ERRORS else field
        for item in errors:
            found.extend(error(item.code or "invalid", text, name) for text in item.messages)
    return found


def section(body: dict[str, Any], name: str) -> dict[str, Any]:
    """A nested object of the body (school, team, attestations); absent is empty."""
    value = body.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RowsRefused([error("invalid", NOT_AN_OBJECT.format(name=name), name)])
    return value


def _posted(value: Any) -> Any:
    """A JSON value as a browser would post it: nothing for null, text otherwise."""
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def school_form_data(school: dict[str, Any]) -> dict[str, Any]:
    return {name: _posted(school.get(name)) for name in SCHOOL_FIELDS}


def majors_form_data(majors: Any, years: list[int]) -> dict[str, str]:
    """The majors as MajorsWidget reads them; years outside the batch's three are refused
    (the page has no box for them, and dropping them silently would lose what was sent)."""
    if majors is None:
        return {}
    if not isinstance(majors, list) or not all(isinstance(m, dict) for m in majors):
        raise RowsRefused([error("invalid", MAJORS_SHAPE, "majors")])
    data = {}
    for index, major in enumerate(majors):
        data[f"majors-{index}-name"] = _posted(major.get("name"))
        chosen = major.get("years")
        if chosen is None:
            data[f"majors-{index}-unknown"] = "1"
            continue
        if not isinstance(chosen, list) or not set(chosen) <= set(years):
            shown = "、".join(str(y) for y in years)
            message = MAJOR_YEARS.format(position=index + 1, years=shown)
            raise RowsRefused([error("major_years", message, "majors")])
        data.update({f"majors-{index}-y{year}": "1" for year in chosen})
    return data


def _yes_no(value: Any) -> str:
    return {True: "yes", False: "no", None: ""}.get(value, _posted(value))


def row_form_data(body: dict[str, Any], batch: Batch) -> dict[str, Any]:
    """The row's fields as the row form's page posts them."""
    team, attestations = section(body, "team"), section(body, "attestations")
    data: dict[str, Any] = {
        "certificate": _posted(certificate_id(body, batch)),
        "levels": _posted(body.get("levels") or []),
        "major_count": _posted(body.get("major_count")),
        "student_count": _posted(body.get("student_count")),
        **{name: _posted(team.get(name)) for name in TEAM_FIELDS},
        **{name: _yes_no(attestations.get(name)) for name in YES_NO_FIELDS},
        **{name: _posted(attestations.get(name)) for name in ("facilities", *NOTE_FIELDS)},
        **majors_form_data(body.get("majors"), enrolment_years(batch)),
    }
    if attestations.get("innovation_team"):
        data["innovation_team"] = "on"
    return data


def certificate_id(body: dict[str, Any], batch: Batch) -> int | None:
    """The certificate by its id, or by its position in the batch (both: they must agree);
    one of another batch is refused in the rules' words."""
    position = body.get("certificate_position")
    if position is not None:
        position = whole_number(position, "certificate_position")
    if body.get("certificate") is None:
        # Neither: the row's form says a certificate is required.
        return None if position is None else _by_position(position, batch)
    found = Certificate.objects.filter(pk=whole_number(body["certificate"], "certificate")).first()
    problem = certificate_problem(found.batch_id if found else None, batch)
    if problem:
        raise RowsRefused([problem])
    if position is not None and position != found.position:
        message = CERTIFICATE_MISMATCH.format(position=found.position)
        raise RowsRefused([error("certificate", message, "certificate_position")])
    return found.pk


def _by_position(position: int, batch: Batch) -> int:
    found = Certificate.objects.filter(batch=batch, position=position).first()
    if found is None:
        message = NO_SUCH_POSITION.format(batch=batch.name, position=position)
        raise RowsRefused([error("certificate", message, "certificate_position")])
    return found.pk


def whole_number(value: Any, field: str) -> int:
    """An id or a position: a whole number, typed in any digits a form field accepts."""
    try:
        return forms.IntegerField().clean(value)
    except forms.ValidationError as refusal:
        raise RowsRefused([error("invalid", refusal.messages[0], field)]) from None


def clean_school(school: dict[str, Any]) -> dict[str, Any]:
    """The school's data as SchoolForm cleans it, or every problem it has."""
    form = SchoolForm(school_form_data(school))
    if not form.is_valid():
        raise RowsRefused(form_problems(form))
    return form.cleaned_data


def clean_row(body: dict[str, Any], batch: Batch, school: School | None) -> PilotRowForm:
    """The row as PilotRowForm cleans and judges it (school: the school it is saved under,
    None for a new one), or every problem it has."""
    form = PilotRowForm(row_form_data(body, batch), batch=batch, school=school)
    if not form.is_valid():
        raise RowsRefused(form_problems(form))
    return form


def clean_header(values: dict[str, Any]) -> dict[str, str]:
    form = HeaderForm({name: _posted(value) for name, value in values.items()})
    if not form.is_valid():
        raise RowsRefused(form_problems(form), detail="表头未保存：请按 problems 逐项修改。")
    return form.header_data()
