"""Every reference model is managed in the admin, in Chinese."""

import pytest
from django.contrib import admin
from django.urls import reverse

from certificates.models import (
    Batch,
    Certificate,
    EvaluationOrganization,
    NoticeContact,
    OrganizationContact,
)

pytestmark = pytest.mark.django_db

MODELS = [Batch, Certificate, EvaluationOrganization, OrganizationContact, NoticeContact]


@pytest.mark.parametrize("model", MODELS)
def test_every_model_is_registered_with_a_chinese_name(model):
    assert admin.site.is_registered(model)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(model._meta.verbose_name))


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_change_pages_open(admin_client, reference_data, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert admin_client.get(change).status_code == 200


def test_the_admin_needs_staff(client, reference_data):
    response = client.get(reverse("admin:certificates_certificate_changelist"))
    assert response.status_code == 302
    # The deny-by-default middleware sends strangers to the portal's login page.
    assert response.url.startswith(reverse("login"))
