"""What every filing endpoint shares: the filing the URL names, seen through access.py, and
the history recording its changes as coming through the API."""

from rest_framework.views import APIView

from certificates.api.views import batch_or_404
from certificates.models import Batch

from .. import access
from ..models import Channel, Filing
from ..services import recorded_as


class FilingEndpoint(APIView):
    """An endpoint under /units/{code}/filings/{number}/. Reading is for the unit's staff and
    reviewers (anyone else: 404, as on the pages); changing, for the unit's staff, in the open
    batch only (403 with the pages' message)."""

    def dispatch(self, request, *args, **kwargs):
        with recorded_as(Channel.API):
            return super().dispatch(request, *args, **kwargs)

    def batch(self) -> Batch:
        if not hasattr(self, "_batch"):
            self._batch = batch_or_404(self.kwargs["number"])
        return self._batch

    def filing(self) -> Filing:
        """The filing to read: its unit's staff and reviewers."""
        return access.get_filing_for_user(self.request.user, self.kwargs["code"], self.batch())

    def filing_to_change(self) -> Filing:
        """The filing to change: its unit's staff, in the open batch."""
        return access.get_rw_filing_for_user(self.request.user, self.kwargs["code"], self.batch())
