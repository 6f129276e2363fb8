"""Dates as case reviews know them: a day, a month, a season or only a year, sometimes
approximate; and deadlines as action plans write them."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
PRECISIONS = ("day", "month", "season", "year")

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SEASON = re.compile(r"^(spring|summer|autumn|winter) (\d{4})$")
_APPROX = re.compile(r"^(?:approx\.?|approximately|c\.|circa|about)\s+", re.I)
_FORMS = "write YYYY-MM-DD, YYYY-MM, YYYY or a season such as `spring 2013`, with `approx` in front if approximate"


def spoken(value: "date | PartialDate | None", empty: str = "") -> str:
    """A date as people write it, at the precision known: "31 March 2015", "March 2015",
    "Spring 2013", "2015" (never ISO): the one form every output shows a reader."""
    if value is None:
        return empty
    if isinstance(value, date):
        value = PartialDate(value.year, value.month, value.day)
    return str(value)


def months_between(first: "PartialDate", last: "PartialDate") -> str:
    """How long from one date to another, to the nearest month as a report says it ("14
    months", "1 month"; 4 September to 28 June is 10 months); under half a month, "less than
    a month"."""
    a, b = first.start, last.start       # a month to a month counts from their firsts
    months = (b.year - a.year) * 12 + b.month - a.month
    days = b.day - a.day
    months += -1 if days < -15 else (1 if days >= 15 else 0)
    if months < 1:
        return "less than a month"
    return f"{months} month" + ("s" if months > 1 else "")


def spoken_iso(text: str) -> str:
    """The text with each date in it written `2024-03-31` as people write dates."""
    return _ISO_IN.sub(lambda m: spoken(PartialDate.parse(m[0])), text)


#: a date as `spoken` writes it, or as a deadline does ("31 March 2015", "September 2015")
SPOKEN_DATE = re.compile(r"\b(?:(?:\d{1,2} )?(?:" + "|".join(calendar.month_name[1:]) +
                         r")|(?:Spring|Summer|Autumn|Winter)) \d{4}\b")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class PartialDate:
    """A date known to a day, a month, a season or a year."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None
    approximate: bool = False

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise PydanticCustomError("partial_date", "expected a date, got {got}; " + _FORMS,
                                      {"got": type(value).__name__})
        text = str(value).strip()
        rest = _APPROX.sub("", text)
        approximate = rest != text
        if m := _SEASON.match(rest.lower()):
            return cls(int(m[2]), season=m[1], approximate=approximate)
        m = _ISO.match(rest)
        if not m:
            raise PydanticCustomError("partial_date", "`{text}` is not a date; " + _FORMS, {"text": text})
        year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError("partial_date", "`{text}` is not a date: there is no month {month}; "
                                      "months run from 01 to 12", {"text": text, "month": month})
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PydanticCustomError(
                    "partial_date", "`{text}` is not a date: {name} {year} has {last} days; "
                    "correct the day", {"text": text, "name": calendar.month_name[month],
                                        "year": year, "last": last})
        return cls(year, month, day, approximate=approximate)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "season" if self.season else "year"

    @property
    def start(self) -> date:
        if self.season:
            return date(self.year, SEASONS[self.season][0], 1)
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        if self.day:
            return self.start
        if self.month:
            return _last_day(self.year, self.month)
        if self.season:
            first, last = SEASONS[self.season]
            return _last_day(self.year + (last < first), last)
        return date(self.year, 12, 31)

    def sort_key(self) -> tuple:
        """Sort by the first day it could be, the least precise first on the same day: as a
        chronology reads, from the general to the particular, a year-only entry opens its
        year, a season its first month and a month-only entry its month; each stays under
        the year heading of its own year (winter 2013 under 2013)."""
        return (self.start, -PRECISIONS.index(self.precision))

    def __str__(self) -> str:
        if self.day:
            text = f"{self.day} {calendar.month_name[self.month]} {self.year}"
        elif self.month:
            text = f"{calendar.month_name[self.month]} {self.year}"
        elif self.season:
            text = f"{self.season.capitalize()} {self.year}"
        else:
            text = str(self.year)
        return f"approximately {text}" if self.approximate else text

    def iso(self) -> str:
        if self.season:
            base = f"{self.season} {self.year}"
        else:
            base = "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p])
        return f"approx {base}" if self.approximate else base

    def within(self, start: "PartialDate", end: "PartialDate") -> bool:
        return self.end >= start.start and self.start <= end.end

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(cls.iso))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler):
        return {"anyOf": [{"type": "string", "pattern": r"^(approx )?(\d{4}(-\d{2}(-\d{2})?)?|(spring|summer|autumn|winter) \d{4})$"},
                          {"type": "integer"}],
                "description": "A date at the precision known: 2014-05-21, 2014-05, 2014, "
                               "`spring 2013`; `approx ` in front if approximate."}


_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b")
_ISO_IN = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b(?!-\d)")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (\d{4})\b", re.I)
_QUARTER = re.compile(r"\bquarter ([1-4]) (?:of )?(\d{4})\b", re.I)
_EVENTS = {"publication": re.compile(r"release of (?:the )?report|publication", re.I)}


@dataclass(frozen=True)
class Deadline:
    """A deadline as written in an action plan, with the due date derived where it can be."""

    text: str
    due: date | None = None
    precision: str | None = None    # day | month | quarter
    in_place: bool = False           # "Already in place", "Already actioned"
    ongoing: bool = False            # "... and ongoing"
    event: str | None = None         # "Dependent on release of report" -> publication
    # `{as_written: Not stated}`: the published plan gave no date, and the review keeps its
    # facts as published; `check` does not ask for one, the tracker still has none
    as_published: bool = False

    @classmethod
    def parse(cls, value: Any) -> "Deadline":
        if isinstance(value, Deadline):
            return value
        if isinstance(value, dict):
            if set(value) != {"as_written"}:
                raise PydanticCustomError("deadline", "a deadline written as fields takes only "
                                          "`as_written:`, the deadline exactly as published; write "
                                          "the deadline as text, or only `as_written:`", {})
            return replace(cls.parse(value["as_written"]), as_published=True)
        if isinstance(value, date):
            return cls(value.isoformat(), value, "day")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise PydanticCustomError("deadline", "expected the deadline as written, e.g. "
                                      "`31.07.2015`, `September 2015` or `ongoing`", {})
        text = str(value).strip()
        if not text:
            raise PydanticCustomError("deadline", "the deadline is empty; write it as the plan "
                                      "gives it, or `Not stated`", {})
        due, precision = _find_due(text)
        lower = text.lower()
        event = next((name for name, rx in _EVENTS.items() if rx.search(text)), None)
        return cls(text, due, precision, in_place=bool(re.search(r"already (in place|actioned)", lower)),
                   ongoing="ongoing" in lower, event=event)

    def due_given(self, events: dict[str, date]) -> date | None:
        """The due date, once an event the deadline waits for has its date."""
        return self.due or (events.get(self.event) if self.event else None)

    @property
    def needs_date(self) -> bool:
        return self.due is None and not self.in_place and not self.ongoing and self.event is None

    def __str__(self) -> str:
        return self.text

    @property
    def spoken(self) -> str:
        """As a reader reads it: as written, but a date written `2024-03-31` as people write
        dates (the report never shows an ISO date)."""
        return spoken_iso(self.text)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler):
        return {"anyOf": [
            {"type": "string", "description": "The deadline as written: 31.07.2015, September "
             "2015, Already in place March 2015, ongoing, Dependent on release of report"},
            {"type": "object", "properties": {"as_written": {"type": "string"}},
             "required": ["as_written"], "additionalProperties": False,
             "description": "A deadline exactly as published that gives no date (`Not stated`): "
                            "check does not ask for one"}]}


def _find_due(text: str) -> tuple[date | None, str | None]:
    found: list[tuple[int, date, str]] = []
    for m in _DMY.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        try:
            found.append((m.start(), date(year, int(m[2]), int(m[1])), "day"))
        except ValueError:
            raise PydanticCustomError("deadline", "`{d}` is not a date; write day.month.year, "
                                      "e.g. 31.07.2015", {"d": m[0]}) from None
    for m in _ISO_IN.finditer(text):
        found.append((m.start(), PartialDate.parse(m[0]).start, "day"))
    for m in _MONTH_YEAR.finditer(text):
        found.append((m.start(), _last_day(int(m[2]), MONTHS[m[1].lower()]), "month"))
    for m in _ISO_MONTH.finditer(text):      # 2024-12, as chronology dates are written
        if 1 <= int(m[2]) <= 12:
            found.append((m.start(), _last_day(int(m[1]), int(m[2])), "month"))
    for m in _QUARTER.finditer(text):
        found.append((m.start(), _last_day(int(m[2]), int(m[1]) * 3), "quarter"))
    if not found:
        return None, None
    _, due, precision = min(found)
    return due, precision
