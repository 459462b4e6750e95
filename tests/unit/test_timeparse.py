from datetime import date

import pendulum
import pytest

from regeldruk.errors import ParseError
from regeldruk.timeparse import parse_date, parse_iso_week, parse_time

TZ = "Europe/Amsterdam"
NOW = pendulum.datetime(2026, 10, 20, 14, 7, 30, tz=TZ)


def test_clock_time_is_read_on_the_given_day_in_local_time() -> None:
    moment = parse_time("9:15", TZ, date(2026, 10, 20), NOW)
    assert moment.isoformat() == "2026-10-20T09:15:00+02:00"


def test_clock_time_defaults_to_today() -> None:
    assert parse_time("09:15", TZ, now=NOW).date() == date(2026, 10, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:30", "2026-10-25T01:30:00+02:00"),
        ("03:30", "2026-10-25T03:30:00+01:00"),
        ("02:30", "2026-10-25T02:30:00+02:00"),  # the repeated hour: its first occurrence
    ],
)
def test_night_when_summer_time_ends(text: str, expected: str) -> None:
    assert parse_time(text, TZ, date(2026, 10, 25), NOW).isoformat() == expected


def test_dst_night_from_0130_to_0330_lasts_three_hours() -> None:
    start = parse_time("01:30", TZ, date(2026, 10, 25), NOW)
    end = parse_time("03:30", TZ, date(2026, 10, 25), NOW)
    assert (end - start).total_seconds() == 3 * 3600


def test_hour_that_does_not_exist_when_summer_time_starts_is_refused() -> None:
    with pytest.raises(ParseError, match="bestaat niet"):
        parse_time("02:30", TZ, date(2026, 3, 29), NOW)


def test_spring_night_from_0130_to_0330_lasts_one_hour() -> None:
    start = parse_time("01:30", TZ, date(2026, 3, 29), NOW)
    end = parse_time("03:30", TZ, date(2026, 3, 29), NOW)
    assert (end - start).total_seconds() == 3600


def test_iso_with_offset_selects_the_second_occurrence() -> None:
    moment = parse_time("2026-10-25T02:30+01:00", TZ, now=NOW)
    assert moment.in_timezone("UTC").isoformat() == "2026-10-25T01:30:00+00:00"


def test_iso_without_offset_is_local() -> None:
    assert parse_time("2026-07-01T12:00", TZ, now=NOW).isoformat() == "2026-07-01T12:00:00+02:00"


def test_now_and_relative_times() -> None:
    assert parse_time("now", TZ, now=NOW) == NOW
    assert parse_time("-15m", TZ, now=NOW) == NOW.subtract(minutes=15)
    assert parse_time("-2u", TZ, now=NOW) == NOW.subtract(hours=2)


@pytest.mark.parametrize("text", ["", "25:00", "9:75", "gisteren om negen", "12345", "9:1"])
def test_unparseable_times_give_a_dutch_message(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_time(text, TZ, now=NOW)
    assert "tijd" in str(caught.value).lower()


def test_dates() -> None:
    assert parse_date("today", TZ, NOW) == date(2026, 10, 20)
    assert parse_date("yesterday", TZ, NOW) == date(2026, 10, 19)
    assert parse_date("gisteren", TZ, NOW) == date(2026, 10, 19)
    assert parse_date("2026-02-28", TZ, NOW) == date(2026, 2, 28)
    assert parse_date("25-10-2026", TZ, NOW) == date(2026, 10, 25)


@pytest.mark.parametrize("text", ["2026-02-30", "morgenochtend", "31-31-2026"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ParseError, match="datum"):
        parse_date(text, TZ, NOW)


def test_iso_week() -> None:
    assert parse_iso_week("2026-W43") == (date(2026, 10, 19), date(2026, 10, 26))
    assert parse_iso_week("2026W01") == (date(2025, 12, 29), date(2026, 1, 5))
    with pytest.raises(ParseError):
        parse_iso_week("2026-W54")
    with pytest.raises(ParseError):
        parse_iso_week("week drie")
