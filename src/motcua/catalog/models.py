"""The procedure catalog: sectors, procedures and their dated, immutable versions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_noop

from motcua.core.text import fold
from motcua.core.validators import validate_procedure_code
from motcua.organizations.models import Agency, Role, Unit
from motcua.workdays.durations import Duration, DurationError, DurationUnit

DURATION_UNIT_CHOICES = [(u.value, u.label) for u in DurationUnit]

DEFAULT_ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png"]


class Sector(models.Model):
    """A field of state management (lĩnh vực): Hộ tịch, Đất đai, ..."""

    code = models.SlugField("mã lĩnh vực", max_length=60, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=200, unique=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", gettext_noop("Cấp trung ương")
        PROVINCE = "province", gettext_noop("Cấp tỉnh")
        COMMUNE = "commune", gettext_noop("Cấp xã")

    class ServiceLevel(models.TextChoices):
        FULL_ONLINE = "full_online", gettext_noop("Dịch vụ công trực tuyến toàn trình")
        PARTIAL_ONLINE = "partial_online", gettext_noop("Dịch vụ công trực tuyến một phần")
        IN_PERSON = "in_person", gettext_noop("Chỉ nộp trực tiếp")

    code = models.CharField(
        "mã thủ tục", max_length=10, unique=True, validators=[validate_procedure_code]
    )
    name = models.CharField("tên thủ tục", max_length=500)
    sector = models.ForeignKey(
        Sector, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.CharField("cấp thực hiện", max_length=10, choices=Level.choices)
    service_level = models.CharField(
        "mức độ dịch vụ công", max_length=20, choices=ServiceLevel.choices
    )
    managing_ministry = models.CharField("cơ quan quản lý", max_length=200, blank=True)
    agencies = models.ManyToManyField(
        Agency, verbose_name="cơ quan tiếp nhận", related_name="procedures", blank=True
    )
    keywords = models.CharField("từ khóa", max_length=500, blank=True)
    abolished_on = models.DateField("bãi bỏ từ ngày", null=True, blank=True)
    abolition_decision = models.CharField("văn bản bãi bỏ", max_length=255, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="thay thế bởi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    is_demo = models.BooleanField(
        "dữ liệu mẫu",
        default=False,
        help_text="Có nội dung được bổ sung để trình diễn, không phải số liệu chính thức.",
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(" ".join([self.code, self.name, self.keywords]))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        if self.replaced_by_id is not None and self.abolished_on is None:
            raise ValidationError({"abolished_on": "Thủ tục bị thay thế phải có ngày bãi bỏ."})

    def is_abolished_on(self, day: date) -> bool:
        return self.abolished_on is not None and self.abolished_on <= day


class ProcedureVersionQuerySet(models.QuerySet["ProcedureVersion"]):
    def published(self) -> ProcedureVersionQuerySet:
        return self.filter(published_at__isnull=False)

    def in_force_on(self, day: date) -> ProcedureVersionQuerySet:
        return self.published().filter(effective_from__lte=day)


class ProcedureVersion(models.Model):
    """What a procedure requires from one effective date on.

    A published version never changes: dossiers point at the version they were received
    under, and a new rule is a new version.
    """

    class ChangeKind(models.TextChoices):
        ISSUED = "issued", "Ban hành mới"
        AMENDED = "amended", "Sửa đổi, bổ sung"
        REPLACED = "replaced", "Thay thế"

    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("phiên bản", validators=[MinValueValidator(1)])
    change_kind = models.CharField(
        "loại thay đổi", max_length=10, choices=ChangeKind.choices, default=ChangeKind.ISSUED
    )
    effective_from = models.DateField("hiệu lực từ ngày")
    publishing_decision = models.CharField("quyết định công bố", max_length=255, blank=True)
    change_summary = models.TextField("nội dung thay đổi", blank=True)
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)

    duration_value = models.DecimalField(
        "thời hạn giải quyết", max_digits=7, decimal_places=2, default=Decimal(0)
    )
    duration_unit = models.CharField("đơn vị thời hạn", max_length=2, choices=DURATION_UNIT_CHOICES)
    duration_note = models.CharField("ghi chú thời hạn", max_length=500, blank=True)
    channel_durations = models.JSONField(
        "thời hạn theo kênh nộp",
        default=dict,
        blank=True,
        help_text='Ví dụ {"online": "17d", "postal": "20d"}; kênh không ghi dùng thời hạn chung.',
    )
    cutoff_time = models.TimeField(
        "giờ tiếp nhận cuối",
        null=True,
        blank=True,
        help_text="Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo (ví dụ 15:00).",
    )
    fee_summary = models.CharField("phí, lệ phí (tóm tắt)", max_length=500, blank=True)
    declaration_schema = models.JSONField("tờ khai (JSON Schema)", default=dict, blank=True)
    results = models.JSONField("kết quả giải quyết", default=list, blank=True)
    legal_basis = models.JSONField("căn cứ pháp lý", default=list, blank=True)
    conditions = models.TextField("yêu cầu, điều kiện", blank=True)
    steps_description = models.TextField("trình tự thực hiện", blank=True)
    submission_place = models.TextField("nơi nộp hồ sơ", blank=True)
    result_place = models.TextField("cách thức nhận kết quả", blank=True)
    applicants = models.CharField("đối tượng thực hiện", max_length=255, blank=True)

    objects = ProcedureVersionQuerySet.as_manager()

    # Not a column: when the read that found this version also read, for one agency
    # (by code), every published version's start and whether the agency offers the
    # procedure, what a new dossier's checks need (``dossiers.services.intake``).
    published_at_agency: tuple[str, tuple[tuple[date, bool], ...]] | None = None

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="procedure_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} (từ {self.effective_from:%d/%m/%Y})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def duration(self) -> Duration:
        return Duration(Decimal(self.duration_value), DurationUnit(self.duration_unit))

    def duration_for_channel(self, channel: str) -> Duration:
        text = (self.channel_durations or {}).get(channel)
        return Duration.parse(text) if text else self.duration

    def clean(self) -> None:
        from motcua.catalog.validation import validate_version_fields

        validate_version_fields(self)


class RequiredDocument(models.Model):
    class Requirement(models.TextChoices):
        MANDATORY = "mandatory", "Bắt buộc"
        CONDITIONAL = "conditional", "Trong trường hợp"

    class Action(models.TextChoices):
        SUBMIT = "submit", "Nộp"
        PRESENT = "present", "Xuất trình"

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản",
        on_delete=models.CASCADE,
        related_name="documents",
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    code = models.SlugField("mã giấy tờ", max_length=60)
    name = models.CharField("tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("số bản chính", default=1)
    copies = models.PositiveSmallIntegerField("số bản sao", default=0)
    requirement = models.CharField(
        "bắt buộc", max_length=12, choices=Requirement.choices, default=Requirement.MANDATORY
    )
    condition = models.CharField("trường hợp áp dụng", max_length=500, blank=True)
    action = models.CharField(
        "hình thức", max_length=8, choices=Action.choices, default=Action.SUBMIT
    )
    accepted_types = models.JSONField("định dạng tệp chấp nhận", default=list, blank=True)
    form_template = models.CharField("mẫu đơn, tờ khai", max_length=255, blank=True)
    declared_online = models.BooleanField(
        "tờ khai điện tử thay thế khi nộp trực tuyến",
        default=False,
        help_text=(
            "Chọn khi giấy tờ này chính là tờ khai, đơn đề nghị của thủ tục: người nộp trực "
            "tuyến khai trên tờ khai điện tử thay cho việc tải tệp lên."
        ),
    )

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="document_code_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="document_order_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Fee(models.Model):
    class Kind(models.TextChoices):
        FIXED = "fixed", gettext_noop("Mức cố định")
        PER_UNIT = "per_unit", gettext_noop("Theo đơn vị (bản, trang, trường hợp)")
        LOCAL = "local", gettext_noop("Theo quy định của HĐND cấp tỉnh")
        FREE = "free", gettext_noop("Miễn phí")

    class Channel(models.TextChoices):
        ANY = "any", gettext_noop("Mọi hình thức")
        ONLINE = "online", gettext_noop("Nộp trực tuyến")
        IN_PERSON = "in_person", gettext_noop("Nộp trực tiếp")

    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản", on_delete=models.CASCADE, related_name="fees"
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên khoản thu", max_length=255)
    kind = models.CharField("cách tính", max_length=10, choices=Kind.choices)
    amount = models.PositiveBigIntegerField("số tiền (đồng)", null=True, blank=True)
    unit = models.CharField("đơn vị tính", max_length=60, blank=True)
    channel = models.CharField(
        "áp dụng khi", max_length=10, choices=Channel.choices, default=Channel.ANY
    )
    exemptions = models.CharField("đối tượng miễn, giảm", max_length=500, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind in {self.Kind.FIXED, self.Kind.PER_UNIT} and self.amount is None:
            raise ValidationError({"amount": "Khoản thu cố định hoặc theo đơn vị phải có số tiền."})
        if self.kind == self.Kind.PER_UNIT and not self.unit:
            raise ValidationError({"unit": "Khoản thu theo đơn vị phải ghi đơn vị tính."})
        if self.kind == self.Kind.FREE and self.amount:
            raise ValidationError({"amount": "Khoản miễn phí không có số tiền."})


class ProcessStep(models.Model):
    """One step of the internal process, with the role that acts and its time budget."""

    class UnitKind(models.TextChoices):
        RECEPTION = Unit.Kind.RECEPTION.value, Unit.Kind.RECEPTION.label
        SPECIALIST = Unit.Kind.SPECIALIST.value, Unit.Kind.SPECIALIST.label
        LEADERSHIP = Unit.Kind.LEADERSHIP.value, Unit.Kind.LEADERSHIP.label

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản",
        on_delete=models.CASCADE,
        related_name="steps",
    )
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên bước", max_length=255)
    unit_kind = models.CharField("bộ phận thực hiện", max_length=12, choices=UnitKind.choices)
    role = models.CharField("vai trò thực hiện", max_length=12, choices=Role.choices)
    budget_hours = models.DecimalField(
        "thời gian (giờ làm việc)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
    )

    class Meta:
        verbose_name = "bước quy trình nội bộ"
        verbose_name_plural = "quy trình nội bộ"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="step_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    @property
    def budget(self) -> Duration:
        return Duration.working_hours(self.budget_hours)


def parse_duration_or_error(text: str, field: str) -> Duration:
    try:
        return Duration.parse(text)
    except DurationError as exc:
        raise ValidationError({field: str(exc)}) from exc
