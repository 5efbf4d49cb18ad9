"""Identification and phone numbers typed into free text that is published are masked; codes, dates and
amounts of money are not numbers of a person and stay as typed."""

import pytest

from motcua.core.masking import masked_numbers_in_text


@pytest.mark.parametrize(
    ("typed", "published"),
    [
        ("CCCD 001085012345.", "CCCD *********345."),
        ("gọi 0912 345 678", "gọi **** *** 678"),
        ("gọi +84 912.345.679!", "gọi +** ***.***.679!"),
        ("số 0243-826-1234 (cơ quan)", "số ****-***-*234 (cơ quan)"),
        ("hồ sơ TTHCC-260309-0001 quá hạn", "hồ sơ TTHCC-260309-0001 quá hạn"),
        ("ngày 01/12/2026 lúc 14 giờ 30", "ngày 01/12/2026 lúc 14 giờ 30"),
        ("nộp 150.000.000 đồng và 1.500.000.000 VND", "nộp 150.000.000 đồng và 1.500.000.000 VND"),
        # A household business's tax code is its owner's number: masked too, on the safe side.
        ("mã số thuế 0101234567-001", "mã số thuế **********-001"),
        ("", ""),
    ],
)
def test_numbers_of_a_person_are_masked_and_the_rest_kept(typed, published):
    assert masked_numbers_in_text(typed) == published
