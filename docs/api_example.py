"""A province's system talking to the portal's Web API: the example of docs/api.md.

Run it against `make run` (http://127.0.0.1:8000) with a token made on the page 「API 令牌」
(/accounts/api-token/), or by an administrator with `python manage.py drf_create_token 420000`:

    pip install requests
    PORTAL_TOKEN=<湖北省 staff token> python docs/api_example.py
    PORTAL_TOKEN=<reviewer token> PORTAL_ROLE=reviewer python docs/api_example.py

Environment: PORTAL_URL (default http://127.0.0.1:8000), PORTAL_TOKEN (required),
PORTAL_UNIT (default 420000, 湖北省), PORTAL_ROLE (`staff`, the default, or `reviewer`).
"""

import os
import sys

BASE_URL = "http://127.0.0.1:8000"


class PortalError(Exception):
    """The portal refused: its status, and its JSON body ({"detail", "code", ...})."""

    def __init__(self, status: int, body: dict):
        self.status, self.body = status, body
        lines = [f"{status} {body.get('code')}: {body.get('detail')}"]
        # A refused row says what is wrong with it, field by field.
        lines += [f"  {p['field']}: {p['message']}" for p in body.get("problems", [])]
        super().__init__("\n".join(lines))


class Portal:
    """The API with one user's token. `session` is a requests.Session (or anything with its
    `request` method); by default a new one."""

    def __init__(self, token: str, base_url: str = BASE_URL, session=None):
        if session is None:
            import requests  # only here: the tests pass a session of their own

            session = requests.Session()
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    def call(self, method: str, path: str, body: dict | None = None, **params):
        response = self.session.request(
            method,
            self.base_url + path,
            params=params or None,
            json=body,
            headers=self.headers,
            timeout=60,
        )
        data = response.json() if response.content else None
        if response.status_code >= 400:
            raise PortalError(response.status_code, data or {})
        return data

    def get(self, path: str, **params):
        return self.call("GET", path, **params)


def open_batch(portal: Portal) -> dict:
    """The batch being filed now (public: no token needed, sent anyway)."""
    return next(batch for batch in portal.get("/api/v1/batches/") if batch["is_open"])


def certificate_id(portal: Portal, number: int, name: str) -> int:
    """The id of a certificate of the batch by its name; the batch's first when it has none
    of that name (every batch has its own certificates)."""
    certificates = portal.get(f"/api/v1/batches/{number}/certificates/")
    return next((c["id"] for c in certificates if c["name"] == name), certificates[0]["id"])


def filing_url(unit: str, number: int) -> str:
    return f"/api/v1/units/{unit}/filings/{number}/"


def show_filing(filing: dict) -> None:
    summary = filing["summary"]
    print(f"{filing['unit']['name']} 第{filing['batch']}批汇总表：{filing['state_display']}")
    print(f"  版本 {filing['version']}，可修改：{'是' if filing['editable'] else '否'}")
    for name, label in summary["labels"].items():
        print(f"  {label}：{summary[name]}")
    show_problems(filing["problems"])


def show_problems(problems: list[dict]) -> None:
    errors = [p for p in problems if p["severity"] == "error"]
    print(f"  问题 {len(problems)} 个，其中错误 {len(errors)} 个（错误须改正后才能提交）")
    for problem in problems[:10]:
        where = f"试点行 {problem['row']}" if problem["row"] else "整表"
        print(f"  - [{problem['severity']}] {where} {problem['field']}: {problem['message']}")


def new_row(certificate: int, years: list[int]) -> dict:
    """One row of Attachment 2, as POST …/rows/ takes it."""
    return {
        "school": {"name": "武汉软件工程职业学院", "school_type": "higher"},
        "certificate": certificate,
        "levels": ["junior", "intermediate"],
        "majors": [
            {"name": "电子商务", "years": years},
            {"name": "移动商务", "years": years},
        ],
        "student_count": 60,
        "team": {"team_size": 8, "dual_qualified_count": 5, "industry_expert_count": 2},
        "attestations": {
            "training_experience": True,
            "teaching_resources": True,
            "facilities": "own",
            "management": True,
        },
    }


def add_and_change_a_row(portal: Portal, unit: str, batch: dict) -> dict:
    """Adds a row, then changes its students with the row's `version` (a stale one is 409)."""
    rows_url = filing_url(unit, batch["number"]) + "rows/"
    certificate = certificate_id(portal, batch["number"], "电子商务数据分析")
    row = portal.call("POST", rows_url, new_row(certificate, batch["enrolment_years"]))
    print(f"新增试点行 {row['id']}（版本 {row['version']}）")
    show_problems(row["problems"])
    change = {"version": row["version"], "student_count": 80}
    row = portal.call("PATCH", f"{rows_url}{row['id']}/", change)
    print(f"已修改学生规模为 {row['student_count']}（版本 {row['version']}）")
    try:
        portal.call("PATCH", f"{rows_url}{row['id']}/", change)  # the old version again
    except PortalError as refused:
        print(f"旧版本被拒绝：{refused}")
    return row


def staff(portal: Portal, unit: str) -> None:
    batch = open_batch(portal)
    print(f"正在报送：{batch['name']}，截止 {batch['filing_deadline']}")
    filing = portal.get(filing_url(unit, batch["number"]))
    show_filing(filing)
    if not filing["editable"]:
        print("该汇总表当前不能修改（已提交或已确认）：不再新增试点行。")
        return
    add_and_change_a_row(portal, unit, batch)
    show_filing(portal.get(filing_url(unit, batch["number"])))


def reviewer(portal: Portal) -> None:
    number = open_batch(portal)["number"]
    national = portal.get(f"/api/v1/national/{number}/")
    print(f"第{number}批全国汇总：", ", ".join(sorted(national)))
    page = portal.get(f"/api/v1/national/{number}/rows/", page=1)
    print(f"全国试点行 {page['count']} 行；本页 {len(page['results'])} 行")


def main() -> int:
    token = os.environ.get("PORTAL_TOKEN")
    if not token:
        print("请设置 PORTAL_TOKEN（在平台的「API 令牌」页面创建）。", file=sys.stderr)
        return 2
    portal = Portal(token, os.environ.get("PORTAL_URL", BASE_URL))
    try:
        if os.environ.get("PORTAL_ROLE") == "reviewer":
            reviewer(portal)
        else:
            staff(portal, os.environ.get("PORTAL_UNIT", "420000"))
    except PortalError as refused:
        print(f"平台拒绝了请求：{refused}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
