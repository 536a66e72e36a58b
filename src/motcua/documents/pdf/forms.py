"""The slips of Circular 03/2025/TT-VPCP, Appendix I: form numbers and printed titles.

One table, so a change of the circular is a change here only. The circular names form
04 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"; the printed title keeps
the words citizens know from the counter ("xin lỗi và hẹn lại ngày trả kết quả").
"""

from __future__ import annotations

from dataclasses import dataclass

CIRCULAR = "Thông tư số 03/2025/TT-VPCP"


@dataclass(frozen=True)
class Form:
    number: str
    title: str


RECEIPT = Form("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
SUPPLEMENT_REQUEST = Form("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")
REFUSAL = Form("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")
APOLOGY = Form("Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
STOP_NOTICE = Form("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ")
CONTROL_SLIP = Form("Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")
REGISTER = Form("Mẫu số 07", "SỔ THEO DÕI HỒ SƠ")
