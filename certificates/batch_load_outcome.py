"""What a batch load says when it is done: the `load_batch` command prints it, the admin's
upload shows it as messages. One wording for both."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .batch_loading import BatchDetails, BatchLoad
from .models import Batch

BEIJING = ZoneInfo("Asia/Shanghai")
SUCCESS = "success"
WARNING = "warning"


def end_of_minute(moment: datetime) -> datetime:
    """A deadline given to the minute, Beijing time, held to the end of that minute (23:59 is
    23:59:59, as the notice's deadline is held). `moment` is naive Beijing time."""
    return moment.replace(second=0, microsecond=0, tzinfo=BEIJING) + timedelta(seconds=59)


@dataclass(frozen=True)
class Outcome:
    level: str  # SUCCESS or WARNING
    text: str


def outcome_lines(
    details: BatchDetails, result: BatchLoad, *, dry_run: bool, was_current: Batch | None
) -> list[Outcome]:
    """The closing lines of a load without problems: what was done, and a warning when the
    portal's current batch is now another one."""
    report = result.report
    size = f"{result.certificates} 个证书、{result.organizations} 个培训评价组织"
    if dry_run:
        lines = [Outcome(SUCCESS, f"检查通过（{size}）；未写入（--dry-run）。")]
    elif not report.changed:
        lines = [
            Outcome(SUCCESS, f"第 {details.number} 批已载入，与文件一致，未作改动（{size}）。")
        ]
    else:
        lines = [
            Outcome(
                SUCCESS,
                f"已载入第 {details.number} 批（{size}）：新增 {len(report.created)} 项，"
                f"更新 {len(report.restored)} 项，删除 {len(report.removed)} 项。",
            )
        ]
    if not dry_run and (was_current is None or was_current.number < details.number):
        lines.append(
            Outcome(
                WARNING,
                f"注意：第 {details.number} 批是编号最大的批次，门户的当前批次（单位报送、"
                "公开目录）现在是这一批。"
                + (
                    f"{was_current.name}从此只读：其汇总表仍可查看、导出和汇总，"
                    "但不能再修改、提交或审核。"
                    if was_current is not None
                    else ""
                ),
            )
        )
    return lines
