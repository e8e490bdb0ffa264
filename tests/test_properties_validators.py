"""Property tests of the applicant validators (wagtail_disclosure/requests/validators.py).

The check characters are computed here from the standards themselves, independently of the
code under test:

* 居民身份证号码, GB 11643-1999 §§5–6: 6-digit address code, 8-digit birth date, 3-digit order
  code, then a check character: with weights W_i = 2^(18-i) mod 11 (i = 1..17, from the left) and
  S = Σ a_i·W_i, the check value is (12 - S mod 11) mod 11, written 0–9 or X for 10.
* 统一社会信用代码, GB 32100-2015 §4: 17 characters of the 31-character set 0-9 A-H J-N P-R T U
  W-Y (no I, O, Z, S, V), each with its value 0–30; weights W_i = 3^(i-1) mod 31; the check
  value is 31 - (Σ C_i·W_i mod 31), with 31 read as 0.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, example, given
from hypothesis import strategies as st

from tests import hypothesis_profiles  # noqa: F401  (loads the profile)
from wagtail_disclosure.requests.validators import (
    resident_id_is_valid,
    validate_credit_code,
    validate_phone,
    validate_postcode,
    validate_resident_id,
)

# -- GB 11643 -----------------------------------------------------------------------------------


def gb11643_check(first17):
    weights = [2 ** (18 - i) % 11 for i in range(1, 18)]
    value = (12 - sum(int(c) * w for c, w in zip(first17, weights)) % 11) % 11
    return "X" if value == 10 else str(value)


ascii_digits = st.text("0123456789", min_size=1, max_size=1)


@st.composite
def resident_ids(draw):
    address = draw(st.from_regex(r"\A[1-8][0-9]{5}\Z"))
    birth = draw(st.dates(datetime.date(1900, 1, 1), datetime.date.today()))
    order = draw(st.from_regex(r"\A[0-9]{3}\Z"))
    first17 = f"{address}{birth:%Y%m%d}{order}"
    return first17 + gb11643_check(first17)


def test_the_reference_check_digit_agrees_with_the_standard_example():
    # GB 11643-1999 annex A's example and the number in tests/factories.py.
    assert gb11643_check("11010519491231002") == "X"


@given(resident_ids())
def test_a_valid_resident_id_is_accepted(number):
    assert resident_id_is_valid(number)
    validate_resident_id(number)
    validate_resident_id(number.lower())  # a lower-case x is the same number


# A Unicode digit of another script (here ARABIC-INDIC DIGIT ONE) in place of an ASCII one.
@example("11010519491231002X", 0, "\u0661")
@given(resident_ids(), st.integers(0, 17), st.characters(codec="utf-8"))
def test_any_single_character_change_of_a_resident_id_is_refused(number, position, new):
    assume(new.upper() != number[position].upper())
    changed = number[:position] + new + number[position + 1:]
    assert not resident_id_is_valid(changed)
    with pytest.raises(ValidationError):
        validate_resident_id(changed)


@given(st.text(max_size=30))
def test_the_resident_id_validator_raises_only_validation_errors(text):
    try:
        validate_resident_id(text)
    except ValidationError:
        return
    assert len(text) == 18 and resident_id_is_valid(text)


# -- GB 32100 -----------------------------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def gb32100_check(first17):
    weights = [3 ** (i - 1) % 31 for i in range(1, 18)]
    value = 31 - sum(USCC_CHARS.index(c) * w for c, w in zip(first17, weights)) % 31
    return USCC_CHARS[0 if value == 31 else value]


@st.composite
def credit_codes(draw):
    first17 = draw(st.text(USCC_CHARS, min_size=17, max_size=17))
    return first17 + gb32100_check(first17)


def test_the_reference_credit_code_check_agrees_with_a_real_code():
    assert gb32100_check("91350100M000100Y4") == "3"  # tests/factories.CREDIT_CODE


@given(credit_codes())
def test_a_valid_credit_code_is_accepted(code):
    validate_credit_code(code)
    validate_credit_code(code.lower())


@given(credit_codes(), st.integers(0, 17), st.characters(codec="utf-8"))
def test_any_single_character_change_of_a_credit_code_is_refused(code, position, new):
    assume(new.upper() != code[position])
    changed = code[:position] + new + code[position + 1:]
    with pytest.raises(ValidationError):
        validate_credit_code(changed)


@given(st.text(max_size=30))
def test_the_credit_code_validator_raises_only_validation_errors(text):
    try:
        validate_credit_code(text)
    except ValidationError:
        return
    code = text.upper()
    assert len(code) == 18 and code[17] == gb32100_check(code[:17])


# -- phones and postcodes -----------------------------------------------------------------------

mobile_numbers = st.from_regex(r"\A(\+86 ?)?1[3-9][0-9]{9}\Z")
landlines = st.from_regex(r"\A(\(0[0-9]{2,3}\)|0[0-9]{2,3}-)[0-9]{7,8}(-[0-9]{1,4})?\Z")


@given(st.one_of(mobile_numbers, landlines))
def test_chinese_mobile_and_landline_numbers_are_accepted(phone):
    validate_phone(phone)


PHONE_CHARS = set("0123456789+-() ")


@given(st.text(max_size=40))
def test_a_phone_is_accepted_exactly_when_it_has_5_to_30_allowed_characters(text):
    expected = text == "" or (5 <= len(text) <= 30 and set(text) <= PHONE_CHARS)
    try:
        validate_phone(text)
    except ValidationError:
        assert not expected
    else:
        assert expected


@example("325000", 0, "\u0663")  # ARABIC-INDIC DIGIT THREE
@given(st.from_regex(r"\A[0-9]{6}\Z"), st.integers(0, 5), st.characters(codec="utf-8"))
def test_a_postcode_is_six_ascii_digits(postcode, position, new):
    validate_postcode(postcode)
    changed = postcode[:position] + new + postcode[position + 1:]
    if new in "0123456789":
        validate_postcode(changed)
    else:
        with pytest.raises(ValidationError):
            validate_postcode(changed)
