"""从附件1载入批次 in the admin: the same load as the command, by upload, with a preview; only
for those who may add a batch; the preview writes nothing, the confirmation writes it all,
and a stale or repeated confirmation changes nothing."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from certificates import admin_batch_upload as views
from certificates.batch_loading import load_batch
from certificates.batch_upload import FOLDER, SESSION_KEY
from certificates.models import Batch

from .builder import ALPHA, BETA, HEADINGS, details, everything, workbook_bytes

pytestmark = pytest.mark.django_db

LOAD = reverse("admin:certificates_batch_load")
CONFIRM = reverse("admin:certificates_batch_load_confirm")
CHANGELIST = reverse("admin:certificates_batch_changelist")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def form_data(content: bytes, **changes) -> dict:
    return {
        "file": SimpleUploadedFile("附件1.xlsx", content),
        "number": "3",
        "name": "第3批测试批次",
        "notice_number": "测试〔2026〕1号",
        "notice_title": "测试用通知",
        "issuer": "教育部职业教育与成人教育司",
        "issued_on": "2026-01-05",
        "deadline": "2026-01-20 23:59",
        **changes,
    }


def preview(client: Client, content: bytes | None = None, **changes):
    return client.post(LOAD, form_data(content or workbook_bytes([ALPHA, BETA]), **changes))


def confirm(client: Client, response, action: str = "confirm"):
    sha256 = response.context["pending"].sha256
    return client.post(CONFIRM, {"sha256": sha256, "action": action}, follow=True)


def shown_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def staff(username: str, *permissions: str) -> Client:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client = Client()
    client.force_login(user)
    return client


def test_the_batch_list_links_to_the_page_for_those_who_may_add_a_batch(admin_client):
    assert LOAD in admin_client.get(CHANGELIST).content.decode()
    viewer = staff("viewer", "view_batch")
    assert LOAD not in viewer.get(CHANGELIST).content.decode()


def test_others_are_refused_from_the_wrong_side(client):
    content = workbook_bytes([ALPHA, BETA])
    # A stranger is sent to log in; staff without the add permission are forbidden.
    assert client.get(LOAD).status_code == 302
    assert client.post(LOAD, form_data(content)).status_code == 302
    viewer = staff("viewer", "view_batch", "change_batch")
    assert viewer.get(LOAD).status_code == 403
    assert viewer.post(LOAD, form_data(content)).status_code == 403
    assert viewer.post(CONFIRM, {"action": "confirm"}).status_code == 403
    not_staff = Client()
    not_staff.force_login(User.objects.create_user("someone", password="x"))
    assert not_staff.get(LOAD).status_code == 302
    assert not Batch.objects.filter(number=3).exists()


def test_a_user_with_the_add_permission_may_load(client):
    adder = staff("adder", "view_batch", "add_batch")
    response = adder.get(LOAD)
    assert response.status_code == 200
    assert "报送截止时间（北京时间）" in response.content.decode()
    response = confirm(adder, preview(adder))
    assert Batch.objects.filter(number=3).exists()


def test_the_preview_shows_everything_and_writes_nothing(admin_client, media):
    before = everything()
    response = preview(admin_client)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["第 3 批", "测试〔2026〕1号", "2026-01-20 23:59", "示例证书一", "示例证书三"]:
        assert text in html
    assert "甲示例科技有限公司" in html and "张三 13800000001" in html
    assert "李四 13900000002" in html and "初级、中级、高级" in html
    assert [row.status for row in response.context["rows"]] == ["新增", "新增"]
    assert "新增：证书 示例证书一" in response.context["changes"]
    assert everything() == before
    # The upload waits under MEDIA_ROOT, named by the session's token, not the user's name.
    (kept,) = (media / FOLDER).iterdir()
    assert kept.name == f"{admin_client.session[SESSION_KEY]['token']}.xlsx"


def test_the_confirmation_writes_and_says_what_the_command_says(admin_client, media):
    response = confirm(admin_client, preview(admin_client))
    batch = Batch.objects.get(number=3)
    assert [c.name for c in batch.certificates.order_by("position")] == ["示例证书一", "示例证书三"]
    assert batch.filing_deadline.isoformat() == "2026-01-20T15:59:59+00:00"
    said = shown_messages(response)
    assert "已载入第 3 批（2 个证书、2 个培训评价组织）" in said[0]
    assert said[1].startswith("注意：第 3 批是编号最大的批次")
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert not list((media / FOLDER).iterdir())


def test_the_second_confirmation_changes_nothing(admin_client):
    first = preview(admin_client)
    confirm(admin_client, first)
    after = everything()
    response = confirm(admin_client, first)
    assert shown_messages(response) == [views.PREVIEW_GONE]
    assert everything() == after


def test_loading_the_same_file_again_previews_no_change(admin_client):
    confirm(admin_client, preview(admin_client))
    after = everything()
    response = preview(admin_client)
    assert response.context["changes"] == []
    assert [row.status for row in response.context["rows"]] == ["不变", "不变"]
    assert "确认后不作任何改动" in response.content.decode()
    response = confirm(admin_client, response)
    assert shown_messages(response) == [
        "第 3 批已载入，与文件一致，未作改动（2 个证书、2 个培训评价组织）。"
    ]
    assert everything() == after


def test_a_bad_file_shows_every_problem_and_writes_nothing(admin_client, media):
    bad = list(ALPHA)
    bad[HEADINGS.index("邮政编码")] = "10008"
    bad[HEADINGS.index("手机")] = "1380000000\n13900000002"
    before = everything()
    response = preview(admin_client, workbook_bytes([BETA, bad]))
    html = response.content.decode()
    assert "发现 2 个问题，未写入任何数据" in html
    assert "第 4 行「邮政编码」：邮政编码应为6位数字。" in html
    assert "第 4 行「手机」：手机号码应为11位数字，以1开头。" in html
    assert "确认载入" not in html
    assert everything() == before
    assert SESSION_KEY not in admin_client.session
    assert not (media / FOLDER).exists() or not list((media / FOLDER).iterdir())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "只能导入 Excel 工作簿（.xlsx）"),
        (b"\xd0\xcf\x11\xe0 old excel", "这是旧版 Excel（.xls）文件"),
    ],
)
def test_a_file_the_guard_refuses_is_not_read(admin_client, content, message):
    response = preview(admin_client, content)
    assert message in response.content.decode()
    assert SESSION_KEY not in admin_client.session


def test_a_title_naming_another_batch_and_a_bad_date_are_refused(admin_client):
    response = preview(admin_client, issued_on="2026-13-01")
    assert response.context["form"].errors["issued_on"]
    response = preview(
        admin_client, workbook_bytes([ALPHA], title="第二批培训评价组织联系人信息表")
    )
    assert "是第二批的" in response.content.decode()
    assert not Batch.objects.filter(number=3).exists()


def test_a_confirmation_after_the_batch_was_loaded_meanwhile_is_refused(admin_client):
    response = preview(admin_client)
    # Loaded meanwhile, by the command or another administrator, with another wording.
    other = list(ALPHA)
    other[HEADINGS.index("办公电话")] = "010-87654321"
    load_batch(workbook_bytes([other, BETA]), details(3, name="第3批测试批次"))
    before = everything()
    response = confirm(admin_client, response)
    assert shown_messages(response) == [views.STALE.format(number=3)]
    assert everything() == before


def test_a_confirmation_of_a_file_replaced_meanwhile_is_refused(admin_client):
    first = preview(admin_client)
    preview(admin_client, workbook_bytes([ALPHA]))  # another tab, another file
    response = confirm(admin_client, first)
    assert shown_messages(response) == [views.FILE_CHANGED]
    assert not Batch.objects.filter(number=3).exists()


def test_a_kept_file_changed_on_disk_is_not_loaded(admin_client, media):
    response = preview(admin_client)
    (kept,) = (media / FOLDER).iterdir()
    kept.write_bytes(workbook_bytes([ALPHA]))
    response = confirm(admin_client, response)
    assert shown_messages(response) == [views.PREVIEW_GONE]
    assert not Batch.objects.filter(number=3).exists()


def test_cancel_writes_nothing_and_removes_the_file(admin_client, media):
    response = confirm(admin_client, preview(admin_client), action="cancel")
    assert shown_messages(response) == [views.CANCELLED]
    assert not Batch.objects.filter(number=3).exists()
    assert not list((media / FOLDER).iterdir())


def test_a_file_over_the_size_limit_is_refused_unread(admin_client, monkeypatch):
    monkeypatch.setattr("certificates.batch_upload.MAX_UPLOAD_BYTES", 1000)
    response = preview(admin_client)
    assert "文件超过 10 MB" in response.content.decode()
    assert SESSION_KEY not in admin_client.session


def test_the_preview_marks_what_the_file_changes(admin_client):
    other = list(ALPHA)
    other[HEADINGS.index("办公电话")] = "010-87654321"
    load_batch(workbook_bytes([other, BETA]), details(3, name="第3批测试批次"))
    before = everything()
    response = preview(admin_client)
    assert [row.status for row in response.context["rows"]] == ["更新", "不变"]
    assert any(
        line.startswith("更新：培训评价组织 甲示例科技有限公司（办公电话")
        for line in response.context["changes"]
    )
    assert everything() == before
    response = confirm(admin_client, response)
    assert "更新 1 项" in shown_messages(response)[0]
    assert len(shown_messages(response)) == 1  # batch 3 was already the current one
