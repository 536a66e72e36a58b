"""The demo province's decisions for each procedure of the reference data."""

from __future__ import annotations

from motcua.catalog.data.choices_people import PEOPLE
from motcua.catalog.data.choices_services import SERVICES
from motcua.catalog.data.curation import Curation

CHOICES: dict[str, Curation] = {**PEOPLE, **SERVICES}
