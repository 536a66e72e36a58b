"""An agency's office hours (versioned by date) and the days that differ from them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.workdays.hours import (
    DEFAULT_WEEK,
    DayHours,
    HoursError,
    WeekHours,
    parse_day,
    parse_week,
    week_to_json,
)
from motcua.workdays.schedule import OverrideKind


def _default_week() -> dict[str, list[list[str]]]:
    return week_to_json(DEFAULT_WEEK)


class AgencyCalendar(models.Model):
    """The weekly office hours of an agency from ``effective_from`` until the next version."""

    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan",
        on_delete=models.CASCADE,
        related_name="calendars",
    )
    effective_from = models.DateField("áp dụng từ ngày")
    hours = models.JSONField(
        "giờ làm việc theo thứ",
        default=_default_week,
        help_text='Khóa "0" = Thứ Hai … "6" = Chủ nhật; ví dụ {"0": [["07:00", "11:30"], '
        '["13:30", "17:00"]]}. Thứ không có khóa là ngày nghỉ.',
    )
    minutes_per_day = models.PositiveIntegerField(
        "số phút của một ngày làm việc",
        default=480,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
        help_text="Một ngày làm việc khi quy đổi thời hạn; mặc định 480 phút (8 giờ).",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "lịch làm việc của cơ quan"
        verbose_name_plural = "lịch làm việc của cơ quan"
        ordering = ["agency", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "effective_from"], name="agency_calendar_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} – từ {self.effective_from:%d/%m/%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A calendar with no working time would make every deadline unreachable.
        self.clean()
        super().save(*args, **kwargs)

    def week(self) -> WeekHours:
        return parse_week(self.hours)

    def clean(self) -> None:
        try:
            self.hours = week_to_json(parse_week(self.hours))
        except HoursError as exc:
            raise ValidationError({"hours": str(exc)}) from exc


class CalendarOverride(models.Model):
    """A date that differs from the weekly hours: national (no agency) or one agency's."""

    class Kind(models.TextChoices):
        """Labels stay Vietnamese where stored (audit summaries); the admin and its error
        messages translate them when shown."""

        DAY_OFF = OverrideKind.DAY_OFF.value, gettext_noop("Ngày nghỉ")
        WORKING_DAY = OverrideKind.WORKING_DAY.value, gettext_noop("Ngày làm việc (làm bù)")
        CHANGED_HOURS = OverrideKind.CHANGED_HOURS.value, gettext_noop("Đổi giờ làm việc")

    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        help_text="Để trống khi áp dụng cho cả nước (ví dụ lịch nghỉ bù Chính phủ công bố).",
    )
    date = models.DateField("ngày")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    hours = models.JSONField(
        "giờ làm việc",
        default=list,
        blank=True,
        help_text='Ví dụ [["07:00", "11:30"]]. Bắt buộc khi đổi giờ; ngày làm bù để trống '
        "thì theo giờ của một ngày làm việc thường.",
    )
    reason = models.CharField("lý do", max_length=255)
    source = models.CharField("căn cứ", max_length=255, blank=True)
    effective_from = models.DateField(
        "có hiệu lực từ ngày",
        default=timezone.localdate,
        help_text="Ngày quyết định có hiệu lực; hồ sơ nhận trước ngày này có thể tính "
        "theo lịch cũ.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "ngày đặc biệt trong lịch"
        verbose_name_plural = "ngày đặc biệt trong lịch"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "date"],
                condition=models.Q(agency__isnull=False),
                name="calendar_override_one_per_agency_date",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(agency__isnull=True),
                name="calendar_override_one_national_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}: {self.reason}"

    def intervals(self) -> DayHours:
        return parse_day(self.hours, where=_("Giờ làm việc"))

    def clean(self) -> None:
        try:
            intervals = self.intervals()
        except HoursError as exc:
            raise ValidationError({"hours": str(exc)}) from exc
        if self.kind == self.Kind.CHANGED_HOURS and not intervals:
            raise ValidationError(
                {
                    "hours": _(
                        "Ngày đổi giờ làm việc phải có giờ làm việc; nghỉ cả ngày thì chọn "
                        "loại '%(day_off)s'."
                    )
                    % {"day_off": _(self.Kind.DAY_OFF.label)}
                }
            )
        if self.kind == self.Kind.DAY_OFF and intervals:
            raise ValidationError({"hours": _("Ngày nghỉ không có giờ làm việc.")})
