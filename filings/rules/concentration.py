"""Section 三.1: the pilot should not concentrate in a few certificates. How much a unit's
rows (or the whole country's) concentrate, and the warning when it is too much."""

from dataclasses import dataclass

from django.conf import settings

from .problems import Problem, warning
from .shares import percent, share


@dataclass(frozen=True)
class Concentration:
    """How much a unit's rows concentrate in few certificates (section 三.1)."""

    total: int
    top_certificate_id: int | None
    top_rows: int
    top_share: float
    hhi: float  # Herfindahl index over the certificates: 1/10 when even, 1 when all in one

    @property
    def top_share_percent(self) -> str:
        return percent(self.top_rows, self.total) if self.total else "0"

    @property
    def is_concentrated(self) -> bool:
        return self.total >= settings.CONCENTRATION_MIN_ROWS and (
            self.top_share > settings.CONCENTRATION_MAX_SHARE
            or self.hhi > settings.CONCENTRATION_MAX_HHI
        )


def concentration(rows_per_certificate: dict[int, int]) -> Concentration:
    total = sum(rows_per_certificate.values())
    if not total:
        return Concentration(0, None, 0, 0.0, 0.0)
    top_id, top = max(rows_per_certificate.items(), key=lambda item: (item[1], -item[0]))
    hhi = sum((n / total) ** 2 for n in rows_per_certificate.values())
    return Concentration(total, top_id, top, top / total, hhi)


def concentration_problem(conc: Concentration, top_name: str) -> Problem | None:
    if not conc.is_concentrated:
        return None
    return warning(
        "concentrated",
        f"试点过于集中：“{top_name}”占全部试点行的 {share(conc.top_rows, conc.total)}，"
        f"集中度指数（HHI）{conc.hhi:.2f}。通知要求参与试点的院校和专业不宜过度集中在个别领域"
        f"（第三部分第1条）。",
    )
