import pytest

from wagtail_disclosure.catalogue.index_numbers import (
    IndexNumberError,
    format_index_number,
    parse_index_number,
    serial_scope,
    validate_format,
)

DEFAULT = "{organ_code}/{year}-{serial:05d}"


@pytest.mark.parametrize(
    "raw, prefix, year, month, serial, text",
    [
        # the real-world forms listed in ogi-rules.md section 4
        ("014320144/2015-00056", "014320144", 2015, None, 56, "014320144/2015-00056"),
        ("00000001/2018-00042", "00000001", 2018, None, 42, "00000001/2018-00042"),
        ("000014349/2017-00110", "000014349", 2017, None, 110, "000014349/2017-00110"),
        ("11370812004339255B/2020-22849", "11370812004339255B", 2020, None, 22849,
         "11370812004339255B/2020-22849"),
        ("11341702486344515H/202110-00013", "11341702486344515H", 2021, 10, 13,
         "11341702486344515H/202110-00013"),
        ("0142768-8/2022-00185", "0142768-8", 2022, None, 185, "0142768-8/2022-00185"),
        ("sggzyjyzx/2024-00002", "sggzyjyzx", 2024, None, 2, "sggzyjyzx/2024-00002"),
        # what people paste: full-width characters, spaces, a label, odd dashes
        ("０１４３２０１４４／２０１５－０００５６", "014320144", 2015, None, 56,
         "014320144/2015-00056"),
        (" 索引号：014320144 / 2015 - 00056 ", "014320144", 2015, None, 56,
         "014320144/2015-00056"),
        ("014320144/2015—00056", "014320144", 2015, None, 56, "014320144/2015-00056"),
    ],
)
def test_lenient_parser_reads_real_forms(raw, prefix, year, month, serial, text):
    parsed = parse_index_number(raw)
    assert (parsed.prefix, parsed.year, parsed.month, parsed.serial, parsed.text) == (
        prefix, year, month, serial, text)


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "014320144", "014320144/15-00056", "014320144/2015/00056",
     "/2015-00056", "014320144/2015-", "014320144/201513-00001", "鹿城区/2015-00001",
     "014320144/2015-00056x"],
)
def test_malformed_numbers_raise_a_clear_error(raw):
    with pytest.raises(IndexNumberError) as exc:
        parse_index_number(raw)
    assert str(exc.value)  # a message for the editor, never empty


def test_default_format_matches_the_catalogue_guide():
    assert format_index_number(DEFAULT, "000014349", 2017, 3, 110) == "000014349/2017-00110"
    # hyphens in the organisation code are dropped in generated numbers
    assert format_index_number(DEFAULT, "0142768-8", 2022, 1, 185) == "01427688/2022-00185"


def test_year_month_format_and_scope():
    fmt = "{organ_code}/{year}{month:02d}-{serial:05d}"
    assert format_index_number(fmt, "11341702486344515H", 2021, 10, 13) == (
        "11341702486344515H/202110-00013")
    assert serial_scope(fmt, "X1", 2021, 10) != serial_scope(fmt, "X1", 2021, 11)
    assert serial_scope(DEFAULT, "X1", 2021, 10) == serial_scope(DEFAULT, "X1", 2021, 11)
    assert serial_scope(DEFAULT, "X1", 2021, 1) != serial_scope(DEFAULT, "X2", 2021, 1)


def test_generated_numbers_parse_back():
    for fmt in (DEFAULT, "{organ_code}/{year}{month:02d}-{serial:05d}",
                "{organ_code}/{year}-{serial:06d}"):
        number = format_index_number(fmt, "014320144", 2026, 4, 321)
        assert parse_index_number(number).serial == 321


@pytest.mark.parametrize("fmt", ["", "{serial}", "{organ_code}-{serial}",
                                 "{organ_code}/{year}-{serial:05d}{x}", "{organ_code/{year}"])
def test_validate_format_rejects_unusable_formats(fmt):
    with pytest.raises(ValueError):
        validate_format(fmt)
