"""The operators' commands for filings: load_reference_data (units), open_filing_period,
create_demo_accounts, and the accounts they rely on (filings/accounts.py)."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Batch
from filings.accounts import account_ensure
from filings.models import Profile, Role, SubmittingUnit, UnitKind

from . import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2019"


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def loaded(db) -> str:
    return run("load_reference_data")


# --- load_reference_data: the 33 units --------------------------------------------------------


def test_it_loads_the_33_submitting_units(loaded):
    units = list(SubmittingUnit.objects.order_by("code"))
    assert len(units) == 33
    provinces = [u for u in units if u.kind == UnitKind.PROVINCE]
    assert len(provinces) == 31
    assert all(len(u.code) == 6 and u.code.endswith("0000") for u in provinces)
    assert (provinces[0].code, provinces[0].name) == ("110000", "北京市")
    assert (provinces[-1].code, provinces[-1].name) == ("650000", "新疆维吾尔自治区")
    by_code = {u.code: u for u in units}
    assert by_code["420000"].name == "湖北省"
    assert by_code["440000"].name == "广东省"
    assert by_code["540000"].name == "西藏自治区"
    assert (by_code["660000"].name, by_code["660000"].kind) == ("新疆生产建设兵团", UnitKind.CORPS)
    assert (by_code["900000"].name, by_code["900000"].kind) == (
        "国家开放大学",
        UnitKind.OPEN_UNIVERSITY,
    )
    assert "新增：报送单位 420000 湖北省" in loaded
    assert "新增：报送单位 900000 国家开放大学" in loaded


def test_loading_twice_creates_no_second_unit(loaded):
    output = run("load_reference_data")
    assert SubmittingUnit.objects.count() == 33
    assert "报送单位" not in output
    assert "参考数据与通知一致，无需更改。" in output


def test_it_restores_an_edited_unit_and_reports_it(loaded):
    SubmittingUnit.objects.filter(code="420000").update(name="湖北", kind=UnitKind.CORPS)
    output = run("load_reference_data")
    unit = SubmittingUnit.objects.get(code="420000")
    assert (unit.name, unit.kind) == ("湖北省", UnitKind.PROVINCE)
    assert "恢复：报送单位 420000（报送单位“湖北”→“湖北省”；类别“corps”→“province”）" in output
    assert "恢复 1 项" in output


def test_it_keeps_a_unit_the_reference_does_not_list(loaded, batch):
    extra = SubmittingUnit.objects.create(code="999999", name="测试单位", kind=UnitKind.PROVINCE)
    f.make_filing(extra, batch)
    output = run("load_reference_data")
    assert SubmittingUnit.objects.filter(code="999999").exists()
    assert SubmittingUnit.objects.count() == 34
    assert "保留：报送单位 999999 测试单位 不在参考数据中（未删除）" in output


def test_units_with_filings_survive_a_reload(loaded, batch):
    unit = SubmittingUnit.objects.get(code="420000")
    f.make_row(f.make_filing(unit, batch))
    run("load_reference_data")
    assert unit.filings.get().rows.count() == 1


# --- open_filing_period -----------------------------------------------------------------------


def end_of_day_in(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


@pytest.mark.parametrize("days", [0, 30])
def test_it_moves_the_deadline_to_the_end_of_a_day_in_beijing_time(loaded, days):
    output = run("open_filing_period", days=days)
    deadline = Batch.objects.get(number=2).filing_deadline
    assert deadline == end_of_day_in(days)
    local = timezone.localtime(deadline)
    assert (local.hour, local.minute, local.second, local.utcoffset()) == (
        23,
        59,
        59,
        timedelta(hours=8),
    )
    assert output.strip() == (
        f"第二批1+X证书制度试点的报送截止时间已改为 {local:%Y-%m-%d} 23:59（北京时间）。"
    )


def test_it_defaults_to_30_days(loaded):
    run("open_filing_period")
    assert Batch.objects.get(number=2).filing_deadline == end_of_day_in(30)


def test_it_opens_a_batch_chosen_by_number(loaded):
    run("open_filing_period", days=5, batch=2)
    assert Batch.objects.get(number=2).filing_deadline == end_of_day_in(5)


def test_negative_days_are_refused(loaded):
    with pytest.raises(CommandError, match="--days 不能为负数。"):
        run("open_filing_period", days=-1)
    assert timezone.localtime(Batch.objects.get(number=2).filing_deadline).year == 2019


def test_an_unknown_batch_is_refused(loaded):
    with pytest.raises(CommandError, match="没有找到该批次"):
        run("open_filing_period", batch=9)


def test_without_reference_data_there_is_no_batch_to_open(db):
    with pytest.raises(CommandError) as raised:
        run("open_filing_period")
    assert str(raised.value) == "没有找到该批次：请先运行 python manage.py load_reference_data。"


def test_reloading_reports_the_moved_deadline_and_keeps_it(loaded):
    run("open_filing_period", days=30)
    moved = Batch.objects.get(number=2).filing_deadline

    output = run("load_reference_data")

    assert Batch.objects.get(number=2).filing_deadline == moved
    shown = timezone.localtime(moved).strftime("%Y-%m-%d %H:%M")
    assert (
        f"保留：批次 第二批1+X证书制度试点 的报送截止时间“{shown}”（通知为“2019-09-20 23:59”）"
        in output
    )
    assert "恢复：" not in output
    assert "参考数据与通知一致，无需更改。" in output


# --- create_demo_accounts ---------------------------------------------------------------------


def test_it_creates_a_reviewer_and_one_account_per_unit(loaded):
    output = run("create_demo_accounts", password=PASSWORD)
    assert output.strip() == (
        "演示账号已就绪：共 34 个（新建 34 个）。审核人员：reviewer；报送单位：单位代码，"
        "如 420000（湖北省）。"
    )
    assert User.objects.count() == 34
    reviewer = User.objects.get(username="reviewer").portal_profile
    assert (reviewer.role, reviewer.unit) == (Role.REVIEWER, None)
    for code, name in (
        ("420000", "湖北省"),
        ("660000", "新疆生产建设兵团"),
        ("900000", "国家开放大学"),
    ):
        user = User.objects.get(username=code)
        assert user.portal_profile.role == Role.UNIT_STAFF
        assert user.portal_profile.unit.name == name
        assert user.first_name == f"{name}工作人员"
        assert user.check_password(PASSWORD)
        assert user.is_active
    assert set(User.objects.values_list("username", flat=True)) == {"reviewer"} | set(
        SubmittingUnit.objects.values_list("code", flat=True)
    )


def test_every_demo_unit_has_an_address_that_reaches_nobody(loaded):
    """Notifications in a demo name who they went to (#12), on a domain reserved for
    examples, so that no unit shows as unreachable after `make demo`."""
    from filings.accounts import units_without_reachable_staff

    run("create_demo_accounts", password=PASSWORD)
    assert User.objects.get(username="420000").email == "420000@demo.example.org"
    assert User.objects.get(username="reviewer").email == ""
    assert not units_without_reachable_staff().exists()


def test_running_twice_creates_nothing_new(loaded):
    run("create_demo_accounts", password=PASSWORD)
    output = run("create_demo_accounts", password=PASSWORD)
    assert "共 34 个（新建 0 个）" in output
    assert User.objects.count() == 34
    assert Profile.objects.count() == 34


def test_the_demo_accounts_can_log_in(loaded, client):
    run("create_demo_accounts", password=PASSWORD)

    def log_in(username: str, password: str) -> bool:
        # Through the login page, as people do (the throttling backend needs the request).
        client.logout()
        client.post("/accounts/login/", {"username": username, "password": password})
        return "_auth_user_id" in client.session

    assert log_in("420000", PASSWORD)
    assert log_in("reviewer", PASSWORD)
    assert not log_in("420000", "wrong-password")


def test_a_second_run_sets_the_new_password(loaded):
    run("create_demo_accounts", password=PASSWORD)
    run("create_demo_accounts", password="another-password")
    user = User.objects.get(username="420000")
    assert user.check_password("another-password")
    assert not user.check_password(PASSWORD)


def test_a_short_password_is_refused(loaded):
    with pytest.raises(CommandError) as raised:
        run("create_demo_accounts", password="short")
    assert str(raised.value) == "密码至少需要 8 个字符。"
    assert not User.objects.exists()


def test_a_password_is_required(loaded):
    with pytest.raises(CommandError, match="--password"):
        run("create_demo_accounts")


def test_accounts_need_the_units_first(db):
    with pytest.raises(CommandError) as raised:
        run("create_demo_accounts", password=PASSWORD)
    assert str(raised.value) == "尚未载入报送单位：请先运行 python manage.py load_reference_data。"
    assert not User.objects.exists()


def test_account_ensure_brings_an_existing_account_back_to_its_role_and_unit(db):
    hubei = f.make_unit("420000", "湖北省")
    hunan = f.make_unit("430000", "湖南省")
    user = f.make_staff(hunan, username="420000")
    user.is_active = False
    user.save()

    again, created = account_ensure(
        username="420000",
        password=PASSWORD,
        role=Role.UNIT_STAFF,
        unit=hubei,
        full_name="湖北省工作人员",
    )

    assert not created
    assert again.pk == user.pk
    again.refresh_from_db()
    assert again.is_active
    assert again.check_password(PASSWORD)
    assert again.portal_profile.unit == hubei
    assert Profile.objects.count() == 1


def test_account_ensure_turns_staff_into_a_reviewer_without_unit(db):
    f.make_staff(f.make_unit(), username="reviewer")
    user, created = account_ensure(
        username="reviewer",
        password=PASSWORD,
        role=Role.REVIEWER,
        unit=None,
        full_name="职教所审核人员",
    )
    assert not created
    user.refresh_from_db()
    assert (user.portal_profile.role, user.portal_profile.unit) == (Role.REVIEWER, None)


def test_every_unit_has_its_filing_once_the_units_are_loaded(loaded, batch):
    """Reading a unit's pages then never has to create anything (no state change on GET)."""
    from filings.models import Filing

    assert Filing.objects.filter(batch=batch).count() == 33
    run("load_reference_data")
    assert Filing.objects.filter(batch=batch).count() == 33
