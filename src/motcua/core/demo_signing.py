"""What the demo needs to sign results out of the box: the demo certificate authority, a
certificate for every leader (as `motcua manage demo_ca` makes them), and result
templates: a birth certificate for each ward and a generic notice for every agency.

The templates are demo data written for this installation, not an official form; each
agency's administrator replaces them in the admin. Loading is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import ImproperlyConfigured

from motcua.audit.services import audit_record
from motcua.catalog.models import Procedure
from motcua.documents.models import ResultTemplate, SigningCertificate
from motcua.documents.services import certificate_issue_demo
from motcua.documents.signing.ca import demo_ca_ensure
from motcua.documents.signing.signer import installation_passphrase
from motcua.organizations.models import Agency, Role, StaffRole

BIRTH_CODE = "1.001193"

BIRTH_BODY = """\
Họ, chữ đệm, tên: {{ child.full_name }}
Ngày, tháng, năm sinh: {{ child.birth_date }}{% if child.birth_date_in_words %}; ghi bằng \
chữ: {{ child.birth_date_in_words }}{% endif %}
Giới tính: {{ child.sex }}. Dân tộc: {{ child.ethnicity }}. Quốc tịch: {{ child.nationality }}.
Nơi sinh: {{ child.birth_place }}
{% if child.hometown %}Quê quán: {{ child.hometown }}
{% endif %}
# Người mẹ
Họ, chữ đệm, tên: {{ mother.full_name|default:"Chưa xác định" }}\
{% if mother.birth_year %}. Năm sinh: {{ mother.birth_year }}{% endif %}\
{% if mother.ethnicity %}. Dân tộc: {{ mother.ethnicity }}{% endif %}\
{% if mother.nationality %}. Quốc tịch: {{ mother.nationality }}{% endif %}.

# Người cha
Họ, chữ đệm, tên: {{ father.full_name|default:"Chưa xác định" }}\
{% if father.birth_year %}. Năm sinh: {{ father.birth_year }}{% endif %}\
{% if father.ethnicity %}. Dân tộc: {{ father.ethnicity }}{% endif %}\
{% if father.nationality %}. Quốc tịch: {{ father.nationality }}{% endif %}.

Người đi đăng ký khai sinh: {{ requester.full_name|default:applicant_name }}\
{% if requester.relationship %}, quan hệ với người được khai sinh: \
{{ requester.relationship }}{% endif %}.

Đăng ký khai sinh tại {{ agency_name }} ngày {{ today }}, theo hồ sơ số {{ dossier_code }}.
"""

NOTICE_BODY = """\
{{ agency_name }} thông báo kết quả giải quyết hồ sơ số {{ dossier_code }} \
của ông/bà {{ applicant_name }}{% if applicant_address %}, địa chỉ: \
{{ applicant_address }}{% endif %}.

Thủ tục hành chính: {{ procedure_name }}. Ngày tiếp nhận: {{ received_date }}; \
ngày hẹn trả kết quả: {{ due_date }}.

Hồ sơ đã được giải quyết theo quy định. Văn bản này có chữ ký số của cơ quan; \
quét mã QR để kiểm tra tính xác thực.
"""


def load_demo_signing(
    agencies: Iterable[Agency],
    *,
    symbols: Mapping[str, str] | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> None:
    """The demo's result templates and, with an installation passphrase, a test
    certificate for each leader. ``symbols``: each agency's abbreviation by its code
    («STP»), printed in its notices' numbers («Số: 12/TB-STP»)."""
    agencies = list(agencies)
    made = _templates(agencies, symbols or {})
    say(f"Mẫu kết quả: {made} mới.")
    try:
        passphrase = installation_passphrase()
    except ImproperlyConfigured:
        say("Bỏ qua chứng thư số thử nghiệm: chưa đặt MOTCUA_SIGNING_PASSPHRASE.")
        return
    demo_ca_ensure(passphrase)
    issued = 0
    for role in (
        StaffRole.objects.filter(role=Role.LEADER, agency__in=agencies)
        .select_related("user", "agency")
        .order_by("user_id", "agency_id")
    ):
        mine = SigningCertificate.objects.filter(user=role.user)
        if any(c.is_current for c in mine):
            continue
        certificate_issue_demo(user=role.user, agency=role.agency)
        issued += 1
    say(f"Chứng thư số thử nghiệm cho lãnh đạo: {issued} mới.")


def _signer(agency: Agency) -> tuple[str, str]:
    if agency.name.startswith("UBND"):
        return "Chủ tịch", "TM. Ủy ban nhân dân"
    return "Giám đốc", ""


def _templates(agencies: list[Agency], symbols: Mapping[str, str]) -> int:
    birth = Procedure.objects.filter(code=BIRTH_CODE).first()
    made = 0
    for agency in agencies:
        if birth is not None and agency.procedures.filter(pk=birth.pk).exists():
            # A birth certificate carries its register entry's number, no type symbol.
            made += _template(agency, birth, "Giấy khai sinh", "Giấy khai sinh", BIRTH_BODY.strip())
        symbol = symbols.get(agency.code, "")
        made += _template(
            agency,
            None,
            "Thông báo kết quả giải quyết",
            "Thông báo kết quả giải quyết thủ tục hành chính",
            NOTICE_BODY.strip(),
            series=f"TB-{symbol}" if symbol else "",
        )
    return made


def _template(
    agency: Agency,
    procedure: Procedure | None,
    name: str,
    title: str,
    body: str,
    *,
    series: str = "",
) -> int:
    if ResultTemplate.objects.filter(agency=agency, procedure=procedure, name=name).exists():
        return 0
    signer_title, on_behalf_of = _signer(agency)
    template = ResultTemplate(
        agency=agency,
        procedure=procedure,
        name=name,
        title=title,
        body=body,
        signer_title=signer_title,
        on_behalf_of=on_behalf_of,
        number_series=series,
    )
    template.full_clean()
    template.save()
    audit_record(
        action="result_template_create",
        subject=template,
        summary=f"Tạo mẫu kết quả trình diễn «{name}» cho {agency.name}",
    )
    return 1
