"""Section 三.1: the pilot should not concentrate in a few certificates. How much a unit's
rows (or the whole country's) concentrate, and the warning when it is too much: the
thresholds are the batch's own (certificates.Batch, edited in the admin)."""

from dataclasses import dataclass

from django.conf import settings

from .problems import Problem, warning
from .shares import percent, share


@dataclass(frozen=True)
class Thresholds:
    """When rows count as concentrated: at least `min_rows` of them, and the largest
    certificate's share above `max_share` or the Herfindahl index above `max_hhi`."""

    min_rows: int
    max_share: float
    max_hhi: float

    @classmethod
    def of(cls, batch) -> "Thresholds":
        return cls(
            batch.concentration_min_rows,
            batch.concentration_max_share_percent / 100,
            batch.concentration_max_hhi_percent / 100,
        )

    @classmethod
    def default(cls) -> "Thresholds":
        """What a new batch starts with (the settings), for rows of no batch in particular."""
        return cls(
            settings.CONCENTRATION_MIN_ROWS,
            settings.CONCENTRATION_MAX_SHARE,
            settings.CONCENTRATION_MAX_HHI,
        )


@dataclass(frozen=True)
class Concentration:
    """How much a unit's rows concentrate in few certificates (section 三.1)."""

    total: int
    top_certificate_id: int | None
    top_rows: int
    top_share: float
    hhi: float  # Herfindahl index over the certificates: 1/N when even over N, 1 when all in one
    # The batch's; None: the defaults as the settings hold them when asked.
    thresholds: Thresholds | None = None

    @property
    def top_share_percent(self) -> str:
        return percent(self.top_rows, self.total) if self.total else "0"

    @property
    def is_concentrated(self) -> bool:
        limits = self.thresholds or Thresholds.default()
        return self.total >= limits.min_rows and (
            self.top_share > limits.max_share or self.hhi > limits.max_hhi
        )


def concentration(
    rows_per_certificate: dict[int, int], thresholds: Thresholds | None = None
) -> Concentration:
    total = sum(rows_per_certificate.values())
    if not total:
        return Concentration(0, None, 0, 0.0, 0.0, thresholds)
    top_id, top = max(rows_per_certificate.items(), key=lambda item: (item[1], -item[0]))
    hhi = sum((n / total) ** 2 for n in rows_per_certificate.values())
    return Concentration(total, top_id, top, top / total, hhi, thresholds)


def concentration_problem(conc: Concentration, top_name: str) -> Problem | None:
    if not conc.is_concentrated:
        return None
    return warning(
        "concentrated",
        f"试点过于集中：“{top_name}”占全部试点行的 {share(conc.top_rows, conc.total)}，"
        f"集中度指数（HHI）{conc.hhi:.2f}。通知要求参与试点的院校和专业不宜过度集中在个别领域"
        f"（第三部分第1条）。",
    )
