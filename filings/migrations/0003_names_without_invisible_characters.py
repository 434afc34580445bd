"""Schools stored before names dropped the characters that print as nothing (zero-width
spaces, direction controls, NUL...): their names and comparison keys are cleaned, so that two
spellings of one school meet again, within a unit and across units.

A school whose cleaned key is already another school's of the same filing keeps its old key
(the two cannot be merged without a person deciding which rows stay): both remain, and the
filing's duplicate check shows them as before.
"""

import re
import unicodedata

from django.db import migrations

# A copy of filings.rules.INVISIBLE as it stood when this migration was written: migrations
# do not import code that may change after them.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff9-\ufffb]"
)


def _key(name):
    return re.sub(r"\s+", "", INVISIBLE.sub("", unicodedata.normalize("NFKC", name)))


def _name(name):
    return re.sub(r"\s+", " ", INVISIBLE.sub("", name)).strip()


def clean_names(apps, schema_editor):
    School = apps.get_model("filings", "School")
    taken = set(School.objects.values_list("filing_id", "name_key"))
    # The school stored first keeps the clean key when two clean to the same one.
    for school in School.objects.only("filing_id", "name", "name_key").order_by("pk").iterator():
        if not INVISIBLE.search(school.name):
            continue
        school.name = _name(school.name) or school.name
        key = _key(school.name)
        if key != school.name_key and (school.filing_id, key) not in taken:
            taken.add((school.filing_id, key))
            school.name_key = key
        school.save(update_fields=["name", "name_key"])


class Migration(migrations.Migration):
    dependencies = [("filings", "0002_check_counts")]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
