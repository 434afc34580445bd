"""Who may see and change what. Every view, export and command asks here.

- Staff of a unit see and change only their own unit's filing, its rows, files and exports.
  Anything of another unit is a 404, so that its existence is not even confirmed.
- Reviewers (职教所) read every unit's filing and change only its review state; asking
  to change a unit's data is a 403.
- Anyone else (no profile) sees no filing at all.
- Every batch's filing is seen the same way; only the open batch's changes (earlier batches
  are read-only for everyone, and the services refuse their changes too).
- Who works for a unit is seen by the same people as its filing: its staff and reviewers.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from certificates.models import Batch

from .models import Filing, PilotRow, Profile, Role, School, StampedScan, SubmittingUnit

NOT_FOUND = "没有找到该内容，或您无权查看。"
READ_ONLY = "审核人员只能查看和审核，不能修改报送单位的数据。"
BATCH_READ_ONLY = "{batch}已结束报送，其汇总表只能查看和导出。"


def profile_of(user: User | AnonymousUser) -> Profile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.portal_profile
    except Profile.DoesNotExist:
        return None


def is_reviewer(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == Role.REVIEWER


def unit_of(user) -> SubmittingUnit | None:
    """The unit a staff member works for; None for reviewers and everyone else."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.UNIT_STAFF:
        return None
    return profile.unit


def visible_units(user) -> QuerySet[SubmittingUnit]:
    if is_reviewer(user):
        return SubmittingUnit.objects.all()
    unit = unit_of(user)
    if unit is None:
        return SubmittingUnit.objects.none()
    return SubmittingUnit.objects.filter(pk=unit.pk)


def visible_filings(user) -> QuerySet[Filing]:
    return Filing.objects.filter(unit__in=visible_units(user))


def get_unit_for_user(user, code: str) -> SubmittingUnit:
    unit = visible_units(user).filter(code=code).first()
    if unit is None:
        raise Http404(NOT_FOUND)
    return unit


def get_unit_staff_list_for_user(user, code: str) -> SubmittingUnit:
    """Who works for a unit (names, login names, e-mail addresses) is shown to the unit's own
    staff and to reviewers; to another unit's staff it is a 404 like the rest of the unit."""
    return get_unit_for_user(user, code)


def filing_for_unit(unit: SubmittingUnit, batch: Batch) -> Filing:
    """A unit's filing of a batch. load_reference_data creates every unit's filing up
    front; a unit added later gets its empty filing the first time it is opened."""
    filing, _ = Filing.objects.select_related("unit").get_or_create(unit=unit, batch=batch)
    filing.batch = batch  # the page's own batch: whether it is open is known once per request
    return filing


def get_filing_for_user(user, code: str, batch: Batch) -> Filing:
    """Read access: the unit's staff and reviewers."""
    return filing_for_unit(get_unit_for_user(user, code), batch)


def get_rw_filing_for_user(user, code: str, batch: Batch) -> Filing:
    """Write access to the filing's data: only the unit's own staff."""
    filing = get_filing_for_user(user, code, batch)
    if unit_of(user) != filing.unit:
        raise PermissionDenied(READ_ONLY)
    if not batch.is_open:
        raise PermissionDenied(BATCH_READ_ONLY.format(batch=batch.name))
    return filing


def can_edit(user, filing: Filing) -> bool:
    """Whether the pages offer `user` the filing's editing actions: its own unit's staff,
    while the filing of the open batch awaits the unit (the services refuse the rest all
    the same)."""
    return unit_of(user) == filing.unit and filing.is_editable and filing.batch.is_open


def require_reviewer(user) -> None:
    """The national pages and the review actions: only reviewers. Anyone else is told the
    page does not exist: staff must not learn whether review pages exist at all."""
    if not is_reviewer(user):
        raise Http404(NOT_FOUND)


def get_review_filing_for_user(user, code: str, batch: Batch) -> Filing:
    """Review actions (accept, return, extend): only reviewers."""
    require_reviewer(user)
    return get_filing_for_user(user, code, batch)


def get_row(filing: Filing, pk: int) -> PilotRow:
    """A row of this filing; an id from another filing is a 404, whatever the URL says."""
    row = (
        PilotRow.objects.select_related("school", "certificate")
        .filter(filing=filing, pk=pk)
        .first()
    )
    if row is None:
        raise Http404(NOT_FOUND)
    return row


def get_school(filing: Filing, pk: int) -> School:
    school = School.objects.filter(filing=filing, pk=pk).first()
    if school is None:
        raise Http404(NOT_FOUND)
    return school


def get_scan(filing: Filing, pk: int) -> StampedScan:
    scan = StampedScan.objects.filter(filing=filing, pk=pk).first()
    if scan is None:
        raise Http404(NOT_FOUND)
    return scan


def can_see_hashes(user) -> bool:
    """SHA-256 digests of the stamped scans are for checking a file against the record: only
    reviewers and administrators see them; a unit's staff see the scan and its version."""
    return is_reviewer(user) or bool(getattr(user, "is_superuser", False))


def may_hold_api_token(user) -> bool:
    """A personal API token is for those with a portal role: it carries exactly that role, and
    a user without one would hold a key that opens nothing."""
    return profile_of(user) is not None
