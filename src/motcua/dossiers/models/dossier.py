"""The dossier (hồ sơ): one application for one procedure, from draft to returned result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from motcua.catalog.models import ProcedureVersion, ProcessStep
from motcua.organizations.models import Agency, Unit


class Status(models.IntegerChoices):
    """The national sync list (1–10) plus a citizen's unsent draft (0). Labels stay
    Vietnamese wherever they are stored or printed; pages and API answers translate them
    when shown (``{% translate dossier.status_label %}``, ``_(Status(n).label)``)."""

    DRAFT = 0, gettext_noop("Bản nháp")
    NEW = 1, gettext_noop("Mới đăng ký")
    RECEIVED = 2, gettext_noop("Đã tiếp nhận")
    REFUSED = 3, gettext_noop("Không được tiếp nhận")
    PROCESSING = 4, gettext_noop("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, gettext_noop("Yêu cầu bổ sung hồ sơ")
    OBLIGATION_REQUESTED = 6, gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, gettext_noop("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, gettext_noop("Dừng xử lý")
    RESOLVED = 9, gettext_noop("Đã giải quyết xong")
    RETURNED = 10, gettext_noop("Đã trả kết quả")


PAUSED_STATUSES = frozenset({Status.SUPPLEMENT_REQUESTED, Status.OBLIGATION_REQUESTED})
CLOSED_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})
IN_PROGRESS_STATUSES = frozenset({Status.RECEIVED, Status.PROCESSING})


# A dossier on no account, under an identity number: entered at the counter (or by post,
# or by an integrator) for someone without an account then. It joins the account once
# that person's identity is proven (``services.linking``).
UNLINKED = models.Q(applicant__isnull=True) & ~models.Q(applicant_identity_number="")


class Channel(models.IntegerChoices):
    """How the dossier came in. Labels stay Vietnamese where stored or printed on slips;
    pages translate them when shown (``{% translate dossier.get_channel_display %}``)."""

    IN_PERSON = 1, gettext_noop("Trực tiếp")
    ONLINE = 2, gettext_noop("Trực tuyến")
    POSTAL = 3, gettext_noop("Qua dịch vụ bưu chính công ích")

    @property
    def catalog_key(self) -> str:
        """The key ProcedureVersion.channel_durations uses for this channel."""
        return {1: "in_person", 2: "online", 3: "postal"}[int(self.value)]


class Bundle(models.Model):
    """An interconnected bundle (liên thông): one submission, one leg per agency.

    Only the anchor exists for now; each leg is a Dossier pointing here.
    """

    kind = models.CharField("loại liên thông", max_length=60)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "hồ sơ liên thông"
        verbose_name_plural = "hồ sơ liên thông"

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Dossier(models.Model):
    """One application.

    ``version`` is the optimistic lock: every change locks the row at the caller's
    expected version, refuses a stale one, and writes the next version with its own
    columns (``services.records.dossier_claim``).

    ``lookup_secret`` is kept in clear, not hashed: it is printed on the receipt, which
    must be reprintable, and it only guards status and dates (no personal data) behind a
    per-IP rate limit. Anyone who can read this table already reads the personal data the
    secret would protect, so a hash would add no protection.
    """

    code = models.CharField("mã hồ sơ", max_length=60, unique=True, null=True, blank=True)
    procedure_version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản thủ tục",
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    # Indexed with the submission order (Meta.indexes), which also serves the foreign key.
    receiving_agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    deciding_agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan giải quyết",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản người nộp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # ``dossier_applicant_newest_idx`` starts with the applicant
    )
    applicant_name = models.CharField("họ tên người nộp", max_length=200)
    applicant_identity_number = models.CharField("số định danh", max_length=12, blank=True)
    applicant_phone = models.CharField("số điện thoại", max_length=15, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)

    channel = models.PositiveSmallIntegerField("kênh nộp", choices=Channel.choices)
    status = models.PositiveSmallIntegerField(
        "trạng thái", choices=Status.choices, default=Status.DRAFT
    )
    status_before_pause = models.PositiveSmallIntegerField(
        choices=Status.choices, null=True, blank=True
    )
    declaration = models.JSONField("tờ khai", default=dict, blank=True)

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    received_at = models.DateTimeField("tiếp nhận lúc", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clock_started_at = models.DateTimeField("bắt đầu tính thời hạn", null=True, blank=True)
    due_at = models.DateTimeField("hẹn trả kết quả", null=True, blank=True)
    paused_at = models.DateTimeField("tạm dừng từ", null=True, blank=True)
    paused_minutes = models.PositiveIntegerField("số phút làm việc tạm dừng", default=0)
    approved_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    finished_at = models.DateTimeField("giải quyết xong lúc", null=True, blank=True)
    returned_at = models.DateTimeField("trả kết quả lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    rescheduled = models.BooleanField("đã hẹn lại", default=False)

    current_step = models.ForeignKey(
        ProcessStep,
        verbose_name="bước hiện tại",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_step_started_at = models.DateTimeField(null=True, blank=True)
    current_step_due_at = models.DateTimeField("hạn bước hiện tại", null=True, blank=True)
    # The current step's role and unit kind, copied from it when the dossier enters the
    # step: a work queue is then one range of an index (agency, role, unit kind, due)
    # instead of a join through the step that the planner misjudged.
    current_step_role = models.CharField(max_length=12, blank=True, default="")
    current_step_unit_kind = models.CharField(max_length=12, blank=True, default="")
    current_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị đang xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ được giao",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
    )

    lookup_secret = models.CharField("mã tra cứu", max_length=12, blank=True)
    version = models.PositiveIntegerField("phiên bản bản ghi", default=1)
    bundle = models.ForeignKey(
        Bundle,
        verbose_name="liên thông",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legs",
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    idempotency_scope = models.CharField(max_length=60, blank=True)

    # Not a column: a copy claimed for a change carries its next ``version``, still to be
    # written with the change's own columns (``services.records.dossier_write``).
    version_unwritten: bool = False

    # Not a column: the deciding agency's units, by code, as the read that brought the
    # dossier found them (its claim, or the agency's read for a new one), keyed by that
    # agency's id; ``services.clock.step_enter`` takes a step's unit from them rather than
    # read it. Absent, or for another agency, the unit is read.
    step_units: tuple[int, list[Unit]] | None = None

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        ordering = ["-id"]
        indexes = [
            # Work queues: agency and status, most urgent step first, id breaks ties.
            models.Index(
                fields=["deciding_agency", "status", "current_step_due_at", "id"],
                name="dossier_queue_due_id_idx",
            ),
            # Who acts now, most urgent step first: the work queue's order, read straight
            # off the index. Only dossiers at a step are in it. The queue's other
            # conditions (unit, status, assignee) ride along, so PostgreSQL answers it
            # from the index alone where the pages are all-visible: a unit's queue
            # visited 1,160 heap pages for its 1,001 ids (7.7 ms), and none with them
            # (0.6 ms). SQLite ignores INCLUDE and keeps the plain index.
            models.Index(
                fields=[
                    "deciding_agency",
                    "current_step_role",
                    "current_step_unit_kind",
                    "current_step_due_at",
                    "submitted_at",
                    "id",
                ],
                include=["current_unit", "status", "assignee"],
                condition=~models.Q(current_step_role=""),
                name="dossier_step_queue_cover_idx",
            ),
            models.Index(
                fields=["receiving_agency", "status", "received_at"],
                name="dossier_reception_idx",
            ),
            # «Hồ sơ của tôi»: a citizen's dossiers, newest created first, read off the
            # index in the page's order (a business may have tens of thousands).
            models.Index(
                fields=["applicant", "created_at", "id"], name="dossier_applicant_newest_idx"
            ),
            # An official's list, newest submitted first: one range of each per agency
            # (``selectors.newest_page_ids``). Without them a small commune's first page
            # walked the primary key backwards through every other agency's dossiers:
            # 0.7 s on 5 M dossiers, and 1.3 s to sort a big ward's 280,000.
            models.Index(
                fields=["receiving_agency", "submitted_at", "id"],
                name="dossier_received_newest_idx",
            ),
            models.Index(
                fields=["deciding_agency", "submitted_at", "id"], name="dossier_decided_newest_idx"
            ),
            models.Index(fields=["status", "due_at"], name="dossier_due_idx"),
            # The dossiers waiting for their citizen's account, by identity number: what a
            # proven login looks up (``services.linking``). Partial, so online dossiers
            # (always on an account) cost no entry, and a dossier leaves it once linked;
            # without it that lookup read all 5 M dossiers.
            models.Index(
                fields=["applicant_identity_number"],
                condition=UNLINKED,
                name="dossier_unlinked_identity_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_scope", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="dossier_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status=Status.DRAFT)
                | models.Q(status=Status.NEW)
                | models.Q(status=Status.WITHDRAWN)
                | models.Q(status=Status.REFUSED)
                | models.Q(status=Status.SUPPLEMENT_REQUESTED)
                | models.Q(code__isnull=False),
                name="dossier_received_has_code",
            ),
            # At a step exactly when the step's role and unit kind are copied.
            models.CheckConstraint(
                condition=models.Q(
                    current_step__isnull=True, current_step_role="", current_step_unit_kind=""
                )
                | (
                    models.Q(current_step__isnull=False)
                    & ~models.Q(current_step_role="")
                    & ~models.Q(current_step_unit_kind="")
                ),
                name="dossier_step_position_copied",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"Hồ sơ #{self.pk}"

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def channel_key(self) -> str:
        return Channel(self.channel).catalog_key

    @property
    def is_paused(self) -> bool:
        return self.status in PAUSED_STATUSES
