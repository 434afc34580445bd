"""Migration 0003: schools stored with characters that print as nothing get clean names and
keys, unless the clean key is already another school's in the same filing."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The certificates' migrations of the time too: later ones add columns (the batch's words)
# that the models of this state do not fill.
BEFORE = [("filings", "0002_check_counts"), ("certificates", "0001_initial")]
AFTER = [("filings", "0003_names_without_invisible_characters")]


@pytest.fixture
def migrated_back():
    """The database as the migrations left it, back at the latest ones afterwards."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_stored_names_and_keys_lose_their_invisible_characters(migrated_back):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Batch = apps.get_model("certificates", "Batch")
    Unit = apps.get_model("filings", "SubmittingUnit")
    Filing = apps.get_model("filings", "Filing")
    School = apps.get_model("filings", "School")
    batch = Batch.objects.create(
        number=9,
        name="测试批次",
        notice_number="x",
        issued_on="2019-09-11",
        filing_deadline="2019-09-20T15:59:00Z",
    )
    filing = Filing.objects.create(
        unit=Unit.objects.create(code="420000", name="湖北省", kind="province"), batch=batch
    )

    def school(name, key):
        return School.objects.create(filing=filing, name=name, name_key=key, school_type="higher")

    zero_width = school("安全\u200b测试学院", "安全\u200b测试学院")
    reversed_ = school("\u202e安全测试学院", "\u202e安全测试学院")  # cleans to the same key
    plain = school("武汉职业技术学院", "武汉职业技术学院")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    School = apps.get_model("filings", "School")
    stored = {s.pk: (s.name, s.name_key) for s in School.objects.all()}
    assert stored[zero_width.pk] == ("安全测试学院", "安全测试学院")
    # Its clean key was taken: the name is cleaned, the key left for a person to resolve.
    assert stored[reversed_.pk] == ("安全测试学院", "\u202e安全测试学院")
    assert stored[plain.pk] == ("武汉职业技术学院", "武汉职业技术学院")
