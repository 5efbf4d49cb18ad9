import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import nfc, search_key


def test_decomposed_input_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn Văn An ")
    assert decomposed != "Nguyễn Văn An"
    assert nfc(decomposed) == "Nguyễn Văn An"


def test_search_key_drops_diacritics_case_and_extra_spaces():
    assert search_key("Đăng  ký Khai sinh") == "dang ky khai sinh"
    assert search_key(unicodedata.normalize("NFD", "ĐĂNG KÝ KẾT HÔN")) == "dang ky ket hon"


@given(st.text(max_size=40))
def test_search_key_is_idempotent_and_the_same_for_both_normal_forms(text):
    key = search_key(text)
    assert search_key(key) == key
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(unicodedata.normalize("NFC", text))
