"""Working time in the reader's words, for pages and API answers: «5 ngày làm việc» or
"5 working days", «ngày nghỉ lễ, Tết» or "public holiday or Tết".

The Vietnamese stays with the values themselves (``Duration.describe`` as slips print
it, ``DayKind.label``); these translate when shown. A number of working minutes is said
by ``core.text.hours_and_minutes``, like any other span of time.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.core.templatetags.motcua import plain_number, plural_count
from motcua.workdays.durations import Duration, DurationUnit
from motcua.workdays.schedule import DayKind


def duration_text(duration: Duration) -> str:
    """A legal duration in the reader's words: «3 ngày làm việc», "3 working days",
    "0.5 working days"; in Vietnamese the same words as ``Duration.describe``."""
    if duration.unit is DurationUnit.SAME_DAY:
        return _("Trong ngày làm việc")
    amount = plain_number(duration.value)
    count = plural_count(duration.value)
    if duration.unit is DurationUnit.WORKING_HOURS:
        text = ngettext("%(hours)s giờ làm việc", "%(hours)s giờ làm việc", count)
        return text % {"hours": amount}
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        text = ngettext("%(days)s ngày", "%(days)s ngày", count)
    else:
        text = ngettext("%(days)s ngày làm việc", "%(days)s ngày làm việc", count)
    return text % {"days": amount}


def day_kind_text(kind: DayKind) -> str:
    """What kind of day a calendar day is, in the reader's words."""
    return _(kind.label)
