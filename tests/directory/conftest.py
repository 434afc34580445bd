"""Batch 2 (the notice's ten certificates) beside a generated batch 3 of 400."""

import re

import pytest
from django.urls import reverse

from bench.generated_batch import load_generated_batch
from certificates.models import Batch

DIRECTORY = reverse("certificates:directory")
ATTACHMENT1 = reverse("certificates:attachment1")


@pytest.fixture
def batch3(reference_data) -> Batch:
    return load_generated_batch(number=3, certificates=400)


def shown(response) -> list[tuple[str, str]]:
    """(batch label, certificate name) of every card, in the page's order."""
    html = response.content.decode()
    cards = re.findall(
        r'id="cert-\d+">\s*<a [^>]*>\d+\. ([^<]+)</a>.*?batch-badge">([^<]+)<', html, re.S
    )
    return [(label, name) for name, label in cards]


def batch_headings(response) -> list[str]:
    return re.findall(r'<h2 [^>]*id="batch-\d+">([^<]+)</h2>', response.content.decode())
