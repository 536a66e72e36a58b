"""Declaration forms of the demo catalog as JSON Schemas (draft 2020-12).

The four civil-status and residence forms follow the fields of the official templates
(Thông tư 04/2024/TT-BTP for birth, death and marriage; mẫu CT01, Thông tư 53/2025/TT-BCA
for residence); the others are short forms that collect what the procedure needs.
Property keys are English; every title and description is Vietnamese.
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]


# A name the official template writes in capitals: the form turns what is typed (or
# filled in from the account) into capitals, so nobody has to type them.
UPPER: dict[str, Any] = {"x-upper": True}
# Letters in words, no digits or symbols (dossiers.services.declaration says which).
PERSON: dict[str, Any] = {"x-person-name": True}


def text(title: str, description: str, **extra: Any) -> Schema:
    """A line of text: at most 300 characters (an address, a place, a relationship)
    unless ``extra`` says otherwise."""
    return {
        "type": "string",
        "title": title,
        "description": description,
        "minLength": 1,
        "maxLength": 300,
        **extra,
    }


def name(title: str) -> Schema:
    """A person's name, which the official template writes in capitals."""
    return text(
        title, "Viết có dấu; tờ khai ghi bằng chữ in hoa.", maxLength=100, **UPPER, **PERSON
    )


def long_text(title: str, description: str) -> Schema:
    return text(title, description, maxLength=2000)


def day(title: str, description: str) -> Schema:
    """A date of something that has happened (birth, death, issue): ``x-past`` refuses a
    date after today."""
    return {
        "type": "string",
        "format": "date",
        "x-past": True,
        "title": title,
        "description": description,
    }


def number(title: str, description: str, minimum: int = 0, maximum: int = 1000) -> Schema:
    return {
        "type": "integer",
        "title": title,
        "description": description,
        "minimum": minimum,
        "maximum": maximum,
    }


def identity_number(title: str = "Số định danh cá nhân") -> Schema:
    return text(
        title, "12 chữ số, in trên thẻ căn cước.", pattern="^[0-9]{12}$", format="identity-number"
    )


def sex() -> Schema:
    return {
        "type": "string",
        "enum": ["Nam", "Nữ"],
        "title": "Giới tính",
        "description": "Chọn Nam hoặc Nữ.",
    }


# A person's sex is the one their own identity number says (its fourth digit).
OWN_SEX = ["sex", "identity_number"]


def group(title: str, description: str, properties: Schema, required: list[str]) -> Schema:
    return {
        "type": "object",
        "title": title,
        "description": description,
        "properties": properties,
        "required": required,
    }


def form(title: str, properties: Schema, required: list[str]) -> Schema:
    return {
        "$schema": DRAFT,
        "title": title,
        "type": "object",
        "properties": properties,
        "required": required,
    }


def authority(description: str) -> Schema:
    return text("Kính gửi", description)


def copies_requested() -> Schema:
    return number(
        "Số bản sao đề nghị cấp",
        "Bỏ trống nếu không cần bản sao; mỗi bản sao trích lục nộp phí theo quy định.",
        maximum=20,
    )


def commitment(statement: str) -> Schema:
    return {"type": "boolean", "const": True, "title": "Lời cam đoan", "description": statement}


def residence(title: str = "Nơi cư trú") -> Schema:
    return text(title, "Chỉ ghi khi không cung cấp được số định danh cá nhân.")


def requester(relationship_title: str) -> Schema:
    return group(
        "Người yêu cầu",
        "Người đi đăng ký (cha, mẹ, người thân hoặc người được ủy quyền).",
        {
            "full_name": name("Họ, chữ đệm, tên"),
            "identity_number": identity_number(),
            "identity_document": text(
                "Giấy tờ tùy thân khác",
                "Hộ chiếu hoặc giấy tờ thay thế, chỉ ghi khi không có số định danh.",
            ),
            "residence": residence(),
            "relationship": text(relationship_title, "Ví dụ: cha, mẹ, ông, bà, người thân."),
        },
        ["full_name", "relationship"],
    ) | {"x-kin-sex": ["relationship", "identity_number"]}


# Years a parent is at least older than the child, below which the declaration is taken
# for a mistake: a check of plausibility, not a rule of law.
PARENT_MIN_AGE = 12


def parent(title: str, description: str, sex: str) -> Schema:
    """A parent's block: the block may be left out when the parent is not established, but
    once anything in it is filled in, the name is required (as the form marks it). The
    identity number must be one of that sex (its fourth digit says it)."""
    return group(
        title,
        description,
        {
            "full_name": name("Họ, chữ đệm, tên"),
            "birth_year": {
                **number("Năm sinh", "Năm sinh, bốn chữ số.", 1900, 2100),
                "x-past": True,
            },
            "birth_date": day("Ngày, tháng, năm sinh", "Chỉ ghi nếu biết đủ ngày, tháng."),
            "ethnicity": text("Dân tộc", "Ví dụ: Kinh."),
            "nationality": text("Quốc tịch", "Ví dụ: Việt Nam."),
            "identity_number": identity_number() | {"x-sex": sex},
            "residence": residence(),
        },
        ["full_name"],
    ) | {
        "x-same-year": ["birth_year", "birth_date"],
        "x-identity-year": ["identity_number", "birth_year", "birth_date"],
    }


def birth_registration() -> Schema:
    child = group(
        "Người được khai sinh",
        "Thông tin của trẻ được đăng ký khai sinh.",
        {
            "full_name": name("Họ, chữ đệm, tên"),
            "birth_date": day("Ngày, tháng, năm sinh", "Theo Giấy chứng sinh."),
            "birth_date_in_words": text(
                "Ngày sinh ghi bằng chữ",
                "Để trống để hệ thống tự ghi theo ngày sinh. Nếu tự ghi, phải khớp ngày "
                "sinh, ví dụ: Ngày hai mươi tháng mười một năm hai nghìn không trăm hai "
                "mươi sáu.",
            ),
            "sex": sex(),
            "ethnicity": text("Dân tộc", "Theo dân tộc của cha hoặc mẹ."),
            "nationality": text("Quốc tịch", "Ví dụ: Việt Nam."),
            "birth_place": text(
                "Nơi sinh", "Tên và địa chỉ cơ sở y tế; sinh ngoài cơ sở y tế ghi địa danh."
            ),
            "hometown": text("Quê quán", "Theo quê quán của cha hoặc mẹ, theo thỏa thuận."),
        },
        ["full_name", "birth_date", "sex", "ethnicity", "nationality", "birth_place"],
    ) | {"x-date-words": ["birth_date_in_words", "birth_date"]}
    return form(
        "Tờ khai đăng ký khai sinh",
        {
            "registration_authority": authority("Cơ quan đăng ký khai sinh (UBND cấp xã)."),
            "requester": requester("Quan hệ với người được khai sinh"),
            "child": child,
            # The mother is nearly always known; the reference data's own case of an
            # abandoned child (biên bản xác nhận việc trẻ bị bỏ rơi) is when she is not.
            "mother": parent(
                "Người mẹ",
                "Ghi thông tin của người mẹ, ít nhất họ, chữ đệm, tên. Chỉ để trống cả phần "
                "này khi chưa xác định được người mẹ (ví dụ trẻ bị bỏ rơi).",
                "Nữ",
            ),
            "father": parent(
                "Người cha",
                "Để trống cả phần này nếu chưa xác định được người cha. Nếu khai, ghi ít nhất "
                "họ, chữ đệm, tên.",
                "Nam",
            ),
            "copies_requested": copies_requested(),
            "commitment": commitment(
                "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, "
                "được sự thỏa thuận nhất trí của các bên liên quan."
            ),
        },
        ["registration_authority", "requester", "child", "commitment"],
    ) | {
        # A parent is born before the child, by more than a child's age: a parent born
        # after the child is a slip of the keyboard the registrar would have to catch.
        "x-earlier": [
            [f"{who}.{when}", "child.birth_date", PARENT_MIN_AGE]
            for who in ("mother", "father")
            for when in ("birth_date", "birth_year")
        ]
    }


def death_registration() -> Schema:
    deceased = group(
        "Người đã chết",
        "Thông tin của người được khai tử.",
        {
            "full_name": name("Họ, chữ đệm, tên"),
            "sex": sex(),
            "birth_date": day("Ngày, tháng, năm sinh", "Theo giấy tờ tùy thân."),
            "ethnicity": text("Dân tộc", "Ví dụ: Kinh."),
            "nationality": text("Quốc tịch", "Ví dụ: Việt Nam."),
            "identity_number": identity_number(),
            "last_residence": text("Nơi cư trú cuối cùng", "Nơi thường trú hoặc tạm trú cuối."),
        },
        ["full_name", "sex", "birth_date"],
    ) | {"x-own-sex": OWN_SEX}
    notice = group(
        "Giấy báo tử",
        "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử.",
        {
            "number": text("Số", "Số của Giấy báo tử hoặc giấy tờ thay thế."),
            "issued_by": text("Cơ quan cấp", "Cơ sở y tế, cơ quan công an, tòa án..."),
            "issued_on": day("Ngày cấp", "Ngày ghi trên giấy."),
        },
        ["issued_by"],
    )
    return form(
        "Tờ khai đăng ký khai tử",
        {
            "registration_authority": authority("Cơ quan đăng ký khai tử (UBND cấp xã)."),
            "requester": requester("Quan hệ với người đã chết"),
            "deceased": deceased,
            "death_date": day("Ngày chết", "Ngày, tháng, năm chết."),
            "death_time": {
                "type": "string",
                "format": "time",
                "title": "Giờ chết",
                "description": "Giờ, phút (nếu biết).",
            },
            "death_place": text("Nơi chết", "Cơ sở y tế hoặc địa chỉ nơi chết."),
            "death_cause": text("Nguyên nhân chết", "Theo Giấy báo tử."),
            "death_notice": notice,
            "copies_requested": copies_requested(),
            "commitment": commitment(
                "Tôi cam đoan nội dung đề nghị đăng ký khai tử trên đây là đúng sự thật và "
                "chịu trách nhiệm trước pháp luật về cam đoan của mình."
            ),
        },
        ["registration_authority", "requester", "deceased", "death_date", "death_place"],
    ) | {
        # Plausibility: no one dies before being born, no notice precedes the death.
        "x-earlier": [
            ["deceased.birth_date", "death_date", 0],
            ["death_date", "death_notice.issued_on", 0],
        ]
    }


# Luật Hôn nhân và gia đình 2014, Điều 8: nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.
MARRIAGE_AGE = {"Bên nữ": 18, "Bên nam": 20}


def spouse(title: str) -> Schema:
    return group(
        title,
        "Thông tin của một bên kết hôn.",
        {
            "full_name": name("Họ, chữ đệm, tên"),
            "birth_date": day(
                "Ngày, tháng, năm sinh",
                f"Theo giấy tờ tùy thân. Phải từ đủ {MARRIAGE_AGE[title]} tuổi.",
            )
            | {"x-age-at-least": MARRIAGE_AGE[title]},
            "ethnicity": text("Dân tộc", "Ví dụ: Kinh."),
            "nationality": text("Quốc tịch", "Ví dụ: Việt Nam."),
            "identity_number": identity_number(),
            "identity_document": text(
                "Giấy tờ tùy thân khác", "Chỉ ghi khi không có số định danh cá nhân."
            ),
            "residence": residence(),
            "marriage_count": number("Kết hôn lần thứ mấy", "Ghi 1 nếu kết hôn lần đầu.", 1, 20),
        },
        ["full_name", "birth_date", "ethnicity", "nationality", "marriage_count"],
    )


def marriage_registration() -> Schema:
    return form(
        "Tờ khai đăng ký kết hôn",
        {
            "registration_authority": authority("Cơ quan đăng ký kết hôn (UBND cấp xã)."),
            "bride": spouse("Bên nữ"),
            "groom": spouse("Bên nam"),
            "copies_requested": copies_requested(),
            "commitment": commitment(
                "Chúng tôi cam đoan những lời khai trên là đúng sự thật, việc kết hôn của "
                "chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình."
            ),
        },
        ["registration_authority", "bride", "groom", "commitment"],
    )


def residence_change() -> Schema:
    member = group(
        "Thành viên cùng thay đổi",
        "Một thành viên hộ gia đình cùng thay đổi thông tin cư trú.",
        {
            "full_name": name("Họ, chữ đệm và tên"),
            "birth_date": day("Ngày, tháng, năm sinh", "Theo giấy tờ tùy thân."),
            "sex": sex(),
            "identity_number": identity_number(),
            "relationship_to_head": text("Mối quan hệ với chủ hộ", "Ví dụ: con, vợ, cháu."),
        },
        ["full_name", "birth_date", "sex", "relationship_to_head"],
    ) | {"x-own-sex": OWN_SEX}
    return form(
        "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
        {
            "registration_authority": authority("Cơ quan đăng ký cư trú (Công an cấp xã)."),
            "full_name": name("Họ, chữ đệm và tên"),
            "birth_date": day("Ngày, tháng, năm sinh", "Theo giấy tờ tùy thân."),
            "sex": sex(),
            "identity_number": identity_number(),
            "phone": text("Số điện thoại liên hệ", "Ví dụ 0912345678.", pattern="^[0-9+ ]{8,15}$"),
            "email": {
                "type": "string",
                "format": "email",
                "title": "Thư điện tử",
                "description": "Không bắt buộc.",
            },
            "household_head_name": text("Họ, chữ đệm và tên chủ hộ", "Chủ hộ nơi đăng ký."),
            "relationship_to_head": text("Mối quan hệ với chủ hộ", "Ghi 'Chủ hộ' nếu là chủ hộ."),
            "household_head_identity_number": identity_number("Số định danh cá nhân của chủ hộ"),
            "request": long_text(
                "Nội dung đề nghị",
                "Ví dụ: đăng ký thường trú tại số nhà, đường, phường, tỉnh/thành phố...",
            ),
            "members": {
                "type": "array",
                "title": "Những thành viên trong hộ gia đình cùng thay đổi",
                "description": "Để trống nếu chỉ một người thay đổi.",
                "items": member,
                "maxItems": 30,
            },
            "household_head_opinion": text(
                "Ý kiến của chủ hộ", "Cần khi đăng ký vào hộ gia đình đã có chủ hộ."
            ),
            "owner_opinion": text(
                "Ý kiến của chủ sở hữu chỗ ở hợp pháp", "Cần khi ở nhờ, ở thuê, ở mượn."
            ),
            "guardian_opinion": text(
                "Ý kiến của cha, mẹ hoặc người giám hộ", "Cần khi người kê khai chưa thành niên."
            ),
        },
        ["registration_authority", "full_name", "birth_date", "sex", "identity_number", "request"],
    ) | {"x-own-sex": OWN_SEX}


def simple(title: str, extra: Schema | None = None, required: list[str] | None = None) -> Schema:
    """A short request form: who asks, how to reach them, and what they ask for."""
    properties: Schema = {
        "full_name": name("Họ, chữ đệm, tên người yêu cầu"),
        "identity_number": identity_number(),
        "phone": text("Số điện thoại", "Để cơ quan liên hệ khi cần.", pattern="^[0-9+ ]{8,15}$"),
        "address": text("Địa chỉ liên hệ", "Số nhà, đường, xã/phường, tỉnh/thành phố."),
        **(extra or {}),
        "note": long_text("Nội dung đề nghị", "Trình bày ngắn gọn yêu cầu của ông/bà."),
    }
    return form(title, properties, ["full_name", "identity_number", "phone", *(required or [])])
