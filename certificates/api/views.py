"""Public endpoints: anyone may read what the public directory shows."""

from django.db.models import Count
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from ..models import Batch, Certificate
from .errors import error_responses
from .serializers import BatchSerializer, CertificateSerializer

NO_SUCH_BATCH = "没有第 {number} 批。"


def batch_or_404(number: int) -> Batch:
    """A batch by its number, knowing whether it is open (one query)."""
    batch = Batch.objects.filter(number=number).first()
    if batch is None:
        raise Http404(NO_SUCH_BATCH.format(number=number))
    return batch


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes: list = []


@extend_schema(
    summary="各批次",
    description="全部批次，编号大的在前；is_open 为正在报送的批次，此前各批次只读。",
    tags=["公开目录"],
)
class BatchList(PublicMixin, generics.ListAPIView):
    # Every batch, newest first, with its notice and whether it is being filed now. (A
    # comment, not a docstring: the schema shows docstrings to clients, in Chinese only.)

    serializer_class = BatchSerializer
    pagination_class = None

    def get_queryset(self):
        batches = list(
            Batch.objects.annotate(certificate_count=Count("certificates")).order_by("-number")
        )
        for index, batch in enumerate(batches):
            # Newest first: only the first has no later batch.
            batch.__dict__["later_batch"] = batches[index - 1] if index else None
        return batches


@extend_schema(
    summary="一个批次的证书、培训评价组织及联系人（附件1）",
    tags=["公开目录"],
    responses={200: CertificateSerializer(many=True), **error_responses(404, 429)},
)
class CertificateList(PublicMixin, generics.ListAPIView):
    serializer_class = CertificateSerializer
    pagination_class = None

    def get_queryset(self):
        batch = batch_or_404(self.kwargs["number"])
        return Certificate.objects.filter(batch=batch).with_directory()
