"""The demo province's decisions: records, business, insurance, land, schools, labour."""

from __future__ import annotations

from motcua.catalog.data import forms as fm
from motcua.catalog.data.curation import (
    IDENTITY_PRESENT,
    Curation,
    doc,
    free,
    local,
)

C, P = "commune", "province"
FULL, PART, PERSON = "full_online", "partial_online", "in_person"
SIN = fm.text("Mã số BHXH", "10 chữ số trên sổ BHXH hoặc thẻ BHYT.", pattern="^[0-9]{10}$")

SERVICES: dict[str, Curation] = {
    "3.000333": Curation(
        P,
        PART,
        "10cd",
        [
            local(
                "Phí cung cấp thông tin lý lịch tư pháp",
                "Mức thu theo Thông tư 244/2016/TT-BTC của Bộ Tài chính.",
            )
        ],
        fm.simple(
            "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
            {
                "certificate_type": {
                    "type": "string",
                    "enum": ["Phiếu số 1", "Phiếu số 2"],
                    "title": "Loại phiếu",
                    "description": "Phiếu số 2 chỉ cấp cho chính đương sự.",
                },
                "purpose": fm.text("Mục đích sử dụng", "Ví dụ: bổ sung hồ sơ xin việc."),
                "copies": fm.number("Số lượng phiếu", "Số bản phiếu cần cấp.", 1, 10),
            },
            ["certificate_type", "purpose"],
        ),
        applicants="Công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        keywords="lý lịch tư pháp, lý lịch tư pháp số 1, phiếu LLTP",
        demo="Nguồn ghi '10 ngày' không nói ngày làm việc; dữ liệu mẫu hiểu là 10 ngày lịch. "
        "Bản sao giấy tờ tùy thân: cổng ghi '1 bản chính', dữ liệu mẫu ghi 1 bản sao. "
        "Phí: nguồn không hiển thị mức thu.",
        document_fixes={
            2: {"requirement": "mandatory", "condition": "", "originals": 0, "copies": 1}
        },
    ),
    "1.001612": Curation(
        C,
        FULL,
        "3d",
        [
            local(
                note="Mức thu do HĐND cấp tỉnh quyết định (Thông tư 85/2019/TT-BTC); "
                "xem nghị quyết của HĐND tỉnh, thành phố."
            )
        ],
        fm.simple(
            "Giấy đề nghị đăng ký hộ kinh doanh",
            {
                "business_name": fm.text("Tên hộ kinh doanh", "Tên dự kiến đăng ký."),
                "business_address": fm.text("Địa chỉ trụ sở", "Nơi đặt địa điểm kinh doanh."),
                "business_lines": fm.long_text("Ngành, nghề kinh doanh", "Mỗi ngành một dòng."),
                "capital": fm.number("Vốn kinh doanh (đồng)", "Tổng số vốn.", 0, 10**12),
            },
            ["business_name", "business_address", "business_lines"],
        ),
        applicants="Cá nhân, thành viên hộ gia đình",
        keywords="hộ kinh doanh, đăng ký kinh doanh",
        demo="Số bản của giấy tờ ủy quyền không ghi trong nguồn; dữ liệu mẫu ghi 1 bản chính. "
        "Lệ phí: cổng nêu ví dụ 150.000 đồng và 50.000 đồng.",
    ),
    "2.000720": Curation(
        C,
        FULL,
        "3d",
        [local()],
        fm.simple("Giấy đề nghị thay đổi nội dung đăng ký hộ kinh doanh"),
        applicants="Hộ kinh doanh",
        keywords="thay đổi hộ kinh doanh",
        demo="Số bản của giấy tờ ủy quyền không ghi trong nguồn; dữ liệu mẫu ghi 1 bản chính.",
    ),
    "1.001570": Curation(
        C,
        FULL,
        "1d",
        [local()],
        fm.simple("Thông báo tạm ngừng, tiếp tục kinh doanh"),
        applicants="Hộ kinh doanh",
        keywords="tạm ngừng kinh doanh",
        demo="Số bản của giấy tờ ủy quyền không ghi trong nguồn; dữ liệu mẫu ghi 1 bản chính.",
    ),
    "1.001266": Curation(
        C,
        FULL,
        "5d",
        [local()],
        fm.simple("Thông báo chấm dứt hoạt động hộ kinh doanh"),
        applicants="Hộ kinh doanh",
        keywords="chấm dứt hộ kinh doanh, giải thể",
        duration_note="Cơ quan thuế có ý kiến trong 02 ngày làm việc.",
        demo="Số bản của giấy tờ ủy quyền không ghi trong nguồn; dữ liệu mẫu ghi 1 bản chính.",
    ),
    "2.000821": Curation(
        P,
        PART,
        "8d",
        [free()],
        fm.simple(
            "Tờ khai của thân nhân",
            {
                "insured_number": SIN,
                "deceased_name": fm.text("Họ tên người đã chết", "Người tham gia BHXH đã chết."),
                "death_date": fm.day("Ngày chết", "Theo trích lục khai tử."),
            },
            ["deceased_name", "death_date"],
        ),
        applicants="Thân nhân người lao động",
        keywords="tử tuất, trợ cấp mai táng, tuất",
    ),
    "1.001613": Curation(
        P,
        PART,
        "5d",
        [free()],
        fm.simple("Đơn đề nghị hưởng BHXH một lần", {"insured_number": SIN}, ["insured_number"]),
        applicants="Người lao động",
        keywords="bảo hiểm xã hội một lần, rút BHXH",
    ),
    "1.001939": Curation(
        P,
        PART,
        "5d",
        [free()],
        fm.simple("Tờ khai đăng ký đóng, cấp thẻ BHYT", {"insured_number": SIN}),
        duration_note="Người hưởng trợ cấp thất nghiệp: không quá 02 ngày làm việc.",
        keywords="bảo hiểm y tế, thẻ BHYT, mua BHYT",
        # Mẫu 01-TK is the form filled in on the portal itself: the e-form is it.
        document_fixes={1: {"declared_online": True}},
    ),
    "2.000693": Curation(
        P,
        PART,
        "6d",
        [free()],
        fm.simple("Đề nghị hưởng chế độ thai sản", {"insured_number": SIN}, ["insured_number"]),
        applicants="Người lao động",
        keywords="thai sản, sinh con",
        duration_note="Hồ sơ do người lao động nộp trực tiếp: tối đa 03 ngày làm việc.",
        demo="Số bản của danh sách và bản sao không ghi trong nguồn; dữ liệu mẫu ghi 1 bản.",
    ),
    "1.013978": Curation(
        C,
        PART,
        "27d",
        [local()],
        fm.simple(
            "Đơn đăng ký đất đai, tài sản gắn liền với đất",
            {
                "parcel": fm.text("Thửa đất số", "Theo bản đồ địa chính."),
                "map_sheet": fm.text("Tờ bản đồ số", "Theo bản đồ địa chính."),
                "land_address": fm.text("Địa chỉ thửa đất", "Xã/phường, tỉnh/thành phố."),
                "area": {
                    "type": "number",
                    "minimum": 0,
                    "title": "Diện tích (m²)",
                    "description": "Diện tích đề nghị đăng ký.",
                },
            },
            ["land_address"],
        ),
        channels={"online": "17d", "postal": "20d", "in_person": "27d"},
        applicants="Hộ gia đình, cá nhân, cộng đồng dân cư",
        keywords="sổ đỏ, giấy chứng nhận quyền sử dụng đất, cấp sổ lần đầu",
    ),
    "1.012783": Curation(
        P,
        PART,
        "15d",
        [local()],
        fm.simple("Đơn đăng ký biến động đất đai (cấp đổi)"),
        channels={"online": "15d", "postal": "20d", "in_person": "5d"},
        applicants="Người sử dụng đất",
        keywords="cấp đổi sổ đỏ",
        duration_note="Thời hạn theo kênh nộp như cổng công bố; mức 5 ngày khi nộp trực tiếp "
        "cần được kiểm tra lại.",
        demo="Thời hạn theo kênh trên cổng không nhất quán.",
    ),
    "1.012786": Curation(
        P,
        PART,
        "20d",
        [local()],
        fm.simple("Đơn đăng ký biến động đất đai (cấp lại)"),
        channels={"online": "10d", "postal": "10d", "in_person": "20d"},
        applicants="Người sử dụng đất",
        keywords="mất sổ đỏ, cấp lại sổ",
    ),
    "1.013225": Curation(
        C,
        PART,
        "20cd",
        [local()],
        fm.simple(
            "Đơn đề nghị cấp giấy phép xây dựng",
            {
                "site": fm.text("Địa điểm xây dựng", "Số nhà, đường, xã/phường."),
                "floors": fm.number("Số tầng", "Số tầng trên mặt đất.", 1, 100),
            },
            ["site"],
        ),
        duration_note="15 ngày đối với nhà ở riêng lẻ.",
        applicants="Chủ đầu tư",
        keywords="giấy phép xây dựng, xin phép xây nhà",
    ),
    "2.002481": Curation(
        C,
        FULL,
        "3d",
        [free("Không thu phí.")],
        fm.simple(
            "Đơn xin chuyển trường",
            {
                "student_name": fm.text("Họ tên học sinh", "Ghi bằng chữ in hoa, có dấu."),
                "student_birth_date": fm.day("Ngày sinh của học sinh", "Theo giấy khai sinh."),
                "grade": fm.number("Lớp", "Lớp đang học (6 đến 9).", 6, 9),
                "current_school": fm.text("Trường đang học", "Tên trường nơi đi."),
                "target_school": fm.text("Trường xin chuyển đến", "Tên trường nơi đến."),
            },
            ["student_name", "student_birth_date", "grade", "current_school", "target_school"],
        ),
        applicants="Cha mẹ hoặc người giám hộ học sinh",
        keywords="chuyển trường, chuyển trường THCS, học sinh",
        documents=[
            doc("Đơn xin chuyển trường do cha mẹ hoặc người giám hộ ký"),
            doc("Học bạ"),
            doc("Giấy giới thiệu chuyển trường của trường nơi đi"),
            doc("Bản sao giấy khai sinh", 0, 1),
        ],
        results=["Học sinh được tiếp nhận vào trường nơi đến"],
        legal_basis=["Luật Giáo dục 43/2019/QH14"],
        demo="Nguồn không có thời hạn, phí, thành phần hồ sơ và kết quả của phiên bản sau "
        "2025; dữ liệu mẫu dùng danh mục giấy tờ cũ, 03 ngày làm việc, không thu phí.",
    ),
    "1.014027": Curation(
        C,
        PART,
        "10d",
        [free("Không thu phí.")],
        fm.simple("Tờ khai đề nghị trợ cấp hưu trí xã hội"),
        applicants="Người cao tuổi",
        keywords="trợ cấp hưu trí xã hội, người cao tuổi",
        documents=[doc("Tờ khai đề nghị hưởng trợ cấp hưu trí xã hội theo mẫu"), IDENTITY_PRESENT],
        results=["Quyết định thực hiện, điều chỉnh hoặc thôi hưởng trợ cấp hưu trí xã hội"],
        demo="Nguồn chỉ có mã, tên, cấp, thời hạn và căn cứ; dữ liệu mẫu bổ sung thành phần "
        "hồ sơ, kết quả và phí.",
    ),
    "1.001699": Curation(
        C,
        PART,
        "25d",
        [free("Không thu phí.")],
        fm.simple("Đơn đề nghị xác định mức độ khuyết tật"),
        applicants="Người khuyết tật hoặc người đại diện",
        keywords="khuyết tật, giấy xác nhận khuyết tật",
        documents=[
            doc("Đơn đề nghị xác định, xác định lại mức độ khuyết tật theo mẫu"),
            doc("Giấy tờ y tế, kết luận giám định liên quan đến khuyết tật", 0, 1, "nếu có"),
        ],
        results=["Giấy xác nhận khuyết tật"],
        demo="Nguồn chỉ có mã, tên, cấp, thời hạn và căn cứ; dữ liệu mẫu bổ sung thành phần "
        "hồ sơ, kết quả và phí.",
    ),
    "2.001955": Curation(
        P,
        FULL,
        "7d",
        [free("Không thu phí.")],
        fm.simple(
            "Văn bản đề nghị đăng ký nội quy lao động",
            {"employer": fm.text("Tên doanh nghiệp", "Người sử dụng lao động.")},
            ["employer"],
        ),
        applicants="Người sử dụng lao động",
        keywords="nội quy lao động",
        demo="Nguồn ghi hồ sơ '01 bộ', không ghi số bản từng giấy tờ; dữ liệu mẫu ghi 1 bản chính.",
    ),
    "1.001978": Curation(
        P,
        FULL,
        "20cd",
        [free("Không thu phí.")],
        fm.simple("Đề nghị hưởng trợ cấp thất nghiệp", {"insured_number": SIN}, ["insured_number"]),
        applicants="Người lao động",
        keywords="trợ cấp thất nghiệp, thất nghiệp, mất việc",
        documents=[
            doc("Đề nghị hưởng trợ cấp thất nghiệp theo mẫu"),
            doc("Giấy tờ chứng minh chấm dứt hợp đồng lao động hoặc hợp đồng làm việc", 0, 1),
            doc("Sổ bảo hiểm xã hội"),
        ],
        results=["Quyết định về việc hưởng trợ cấp thất nghiệp"],
        legal_basis=["Luật Việc làm 38/2013/QH13"],
        demo="Nguồn chỉ có tên và mức độ dịch vụ; thời hạn 20 ngày, thành phần hồ sơ, kết quả "
        "và căn cứ là dữ liệu mẫu.",
    ),
}
