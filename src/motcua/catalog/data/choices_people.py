"""The demo province's decisions: civil status, certification, residence, identity cards."""

from __future__ import annotations

from motcua.catalog.data import forms as fm
from motcua.catalog.data.curation import (
    CIVIL_EXEMPT,
    CT01,
    UNIT_DAYS_DEMO,
    Curation,
    civil_local,
    copy_fee,
    fixed,
    free,
    local,
    per_unit,
)

C, P = "commune", "province"
FULL, PART, PERSON = "full_online", "partial_online", "in_person"
SIN = fm.text("Mã số BHXH", "10 chữ số trên sổ BHXH hoặc thẻ BHYT.", pattern="^[0-9]{10}$")

PEOPLE: dict[str, Curation] = {
    "1.001193": Curation(
        C,
        FULL,
        "sd",
        [free("Miễn lệ phí đăng ký khai sinh."), copy_fee()],
        fm.birth_registration(),
        cutoff="15:00",
        keywords="khai sinh, giấy khai sinh, đăng ký cho con, trẻ sơ sinh",
        document_fixes={
            1: {
                "requirement": "mandatory",
                "condition": "",
                "name_suffix": "không nộp bản giấy nếu đã có bản điện tử",
            }
        },
    ),
    "1.000656": Curation(
        C,
        FULL,
        "sd",
        [local(exemptions="Đăng ký khai tử đúng hạn; " + CIVIL_EXEMPT), copy_fee()],
        fm.death_registration(),
        cutoff="15:00",
        keywords="khai tử, giấy chứng tử, trích lục khai tử, người mất",
        document_fixes={
            1: {
                "requirement": "mandatory",
                "condition": "",
                "name_suffix": "không nộp bản giấy nếu đã có bản điện tử",
            }
        },
    ),
    "1.000894": Curation(
        C,
        PART,
        "sd",
        [free("Miễn lệ phí đăng ký kết hôn."), copy_fee()],
        fm.marriage_registration(),
        cutoff="15:00",
        duration_note="Trường hợp cần xác minh: không quá 05 ngày làm việc.",
        keywords="kết hôn, giấy chứng nhận kết hôn, đăng ký kết hôn",
        demo="Giờ tiếp nhận cuối 15:00 theo cách tính của các thủ tục hộ tịch trong ngày; "
        "nguồn không ghi.",
    ),
    "1.004859": Curation(
        C,
        PART,
        "3d",
        civil_local(),
        fm.simple("Tờ khai thay đổi, cải chính, bổ sung hộ tịch"),
        duration_note="Trường hợp cần xác minh được kéo dài không quá 03 ngày làm việc.",
        keywords="cải chính hộ tịch, thay đổi họ tên, sửa giấy khai sinh",
        demo="Nguồn không ghi thời hạn; dữ liệu mẫu dùng 03 ngày làm việc.",
    ),
    "2.000635": Curation(
        C,
        FULL,
        "sd",
        [copy_fee()],
        fm.simple(
            "Tờ khai đề nghị cấp bản sao trích lục hộ tịch",
            {"copies": fm.number("Số bản sao", "Số bản sao cần cấp.", 1, 20)},
            ["copies"],
        ),
        cutoff="15:00",
        keywords="bản sao giấy khai sinh, trích lục hộ tịch",
        demo="Cổng không ghi thời hạn; dữ liệu mẫu dùng 'trong ngày, sau 15 giờ trả ngày làm "
        "việc tiếp theo' theo trình tự thực hiện.",
    ),
    "1.004873": Curation(
        C,
        FULL,
        "3d",
        civil_local(),
        fm.simple(
            "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
            {"purpose": fm.text("Mục đích sử dụng", "Ví dụ: để kết hôn, để mua bán nhà đất.")},
            ["purpose"],
        ),
        keywords="xác nhận độc thân, tình trạng hôn nhân",
        demo=UNIT_DAYS_DEMO.format(n=3),
    ),
    "1.001022": Curation(
        C,
        PART,
        "3d",
        civil_local(),
        fm.simple("Tờ khai đăng ký nhận cha, mẹ, con"),
        keywords="nhận cha con, nhận mẹ con",
        demo=UNIT_DAYS_DEMO.format(n=3),
    ),
    "1.004884": Curation(
        C,
        PART,
        "5d",
        civil_local(),
        fm.simple("Tờ khai đăng ký lại khai sinh"),
        keywords="đăng ký lại khai sinh, mất giấy khai sinh",
        demo=UNIT_DAYS_DEMO.format(n=5),
    ),
    "1.004837": Curation(
        C,
        PART,
        "3d",
        [free("Miễn lệ phí đăng ký giám hộ."), copy_fee()],
        fm.simple("Tờ khai đăng ký giám hộ"),
        keywords="giám hộ",
    ),
    "1.005461": Curation(
        C,
        PART,
        "5d",
        civil_local(),
        fm.simple("Tờ khai đăng ký lại khai tử"),
        keywords="đăng ký lại khai tử",
        demo=UNIT_DAYS_DEMO.format(n=5),
    ),
    "2.000815": Curation(
        C,
        PART,
        "sd",
        [
            per_unit("Phí chứng thực bản sao, trang thứ nhất và thứ hai", 2000, "trang"),
            per_unit(
                "Phí chứng thực bản sao, từ trang thứ ba", 1000, "trang", "Tối đa 200.000 đồng/bản."
            ),
        ],
        fm.simple(
            "Phiếu yêu cầu chứng thực bản sao",
            {
                "document_name": fm.text("Tên giấy tờ cần chứng thực", "Ví dụ: Bằng tốt nghiệp."),
                "pages": fm.number("Số trang", "Số trang của bản chính.", 1, 500),
                "copies": fm.number("Số bản sao", "Số bản cần chứng thực.", 1, 100),
            },
            ["document_name", "copies"],
        ),
        cutoff="15:00",
        applicants="Cá nhân, tổ chức",
        duration_note="Nhiều loại giấy tờ, nhiều trang, nhiều bản: có thể kéo dài thêm không quá "
        "02 ngày làm việc.",
        keywords="chứng thực bản sao, sao y bản chính, công chứng bản sao",
    ),
    "2.000884": Curation(
        C,
        PERSON,
        "sd",
        [
            per_unit(
                "Phí chứng thực chữ ký",
                10000,
                "trường hợp",
                "Một hoặc nhiều chữ ký trong một giấy tờ, văn bản.",
            )
        ],
        fm.simple(
            "Phiếu yêu cầu chứng thực chữ ký",
            {"document_name": fm.text("Tên giấy tờ, văn bản", "Giấy tờ cần chứng thực chữ ký.")},
            ["document_name"],
        ),
        cutoff="15:00",
        keywords="chứng thực chữ ký, điểm chỉ",
    ),
    "2.001035": Curation(
        C,
        PART,
        "2d",
        [fixed("Phí chứng thực hợp đồng, giao dịch", 50000, note="Một giao dịch.")],
        fm.simple(
            "Phiếu yêu cầu chứng thực giao dịch",
            {
                "transaction": fm.text(
                    "Loại giao dịch", "Ví dụ: hợp đồng tặng cho quyền sử dụng đất."
                ),
            },
            ["transaction"],
        ),
        applicants="Cá nhân, tổ chức",
        duration_note="Có thể dài hơn theo thỏa thuận bằng văn bản với người yêu cầu.",
        keywords="chứng thực hợp đồng, giao dịch nhà đất",
    ),
    "1.004222": Curation(
        C,
        FULL,
        "7d",
        [
            fixed("Lệ phí đăng ký thường trú (trực tuyến)", 10000, "online"),
            fixed("Lệ phí đăng ký thường trú (trực tiếp)", 20000, "in_person"),
        ],
        CT01,
        keywords="đăng ký thường trú, nhập hộ khẩu, hộ khẩu",
    ),
    "1.003197": Curation(
        C,
        FULL,
        "5d",
        [free()],
        CT01,
        keywords="xóa thường trú, xóa hộ khẩu, cắt khẩu",
        demo="Cổng không có thông tin phí; dữ liệu mẫu ghi không thu phí, cần kiểm tra lại.",
    ),
    "1.004194": Curation(
        C,
        FULL,
        "3d",
        [
            fixed("Lệ phí đăng ký tạm trú (trực tuyến)", 7000, "online"),
            per_unit(
                "Lệ phí đăng ký tạm trú theo danh sách (trực tiếp)",
                10000,
                "người/lần",
                channel="in_person",
            ),
        ],
        CT01,
        keywords="đăng ký tạm trú, tạm trú",
        demo="Phí: cổng chỉ ghi mức theo danh sách cho hình thức trực tiếp.",
    ),
    "1.002755": Curation(
        C,
        FULL,
        "3d",
        [
            local("Lệ phí gia hạn tạm trú (trực tuyến)"),
            per_unit(
                "Lệ phí gia hạn tạm trú theo danh sách (trực tiếp)",
                10000,
                "người/lần",
                channel="in_person",
            ),
        ],
        CT01,
        keywords="gia hạn tạm trú",
        demo="Lệ phí trực tuyến: cổng ghi 5.000 đồng, phần mô tả ghi 7.000 đồng/lần; dữ liệu "
        "mẫu ghi theo mức tỉnh công bố.",
    ),
    "1.010028": Curation(
        C,
        FULL,
        "2d",
        [free()],
        CT01,
        keywords="xóa tạm trú",
        demo="Cổng không có thông tin phí; dữ liệu mẫu ghi không thu phí, cần kiểm tra lại.",
    ),
    "1.014061": Curation(
        C,
        PERSON,
        "7d",
        [free()],
        fm.simple("Phiếu đề nghị giải quyết thủ tục về căn cước"),
        keywords="làm căn cước, cấp thẻ căn cước, CCCD",
        demo="Cổng không có thông tin phí; dữ liệu mẫu ghi không thu phí, cần kiểm tra lại.",
    ),
    "1.014064": Curation(
        C,
        PART,
        "7d",
        [
            fixed(
                "Lệ phí cấp lại thẻ căn cước",
                70000,
                note=(
                    "Trường hợp khoản 2 Điều 24 Luật Căn cước; từ 01/7/2025 đến 31/12/2026 thu 50% "
                    "(Thông tư 64/2025/TT-BTC)."
                ),
            )
        ],
        fm.simple("Phiếu đề nghị giải quyết thủ tục về căn cước"),
        keywords="cấp lại căn cước, mất căn cước",
    ),
}
