def test_vietnamese_order_puts_d_bar_among_the_d_s_not_after_z() -> None:
    from motcua.core.text import sort_key

    names = ["Đăng ký khai sinh", "Xác nhận", "Cấp bản sao", "Chứng thực", "Dịch vụ", "Thủ tục"]
    assert sorted(names, key=sort_key) == [
        "Cấp bản sao",
        "Chứng thực",
        "Dịch vụ",
        "Đăng ký khai sinh",
        "Thủ tục",
        "Xác nhận",
    ]
