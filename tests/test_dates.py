from datetime import date

import pytest
from pydantic_core import PydanticCustomError

from casereview.dates import Deadline, PartialDate, months_between


@pytest.mark.parametrize("text, shown, precision, start, end", [
    ("2014-05-21", "21 May 2014", "day", date(2014, 5, 21), date(2014, 5, 21)),
    ("2014-05", "May 2014", "month", date(2014, 5, 1), date(2014, 5, 31)),
    (2014, "2014", "year", date(2014, 1, 1), date(2014, 12, 31)),
    ("spring 2013", "Spring 2013", "season", date(2013, 3, 1), date(2013, 5, 31)),
    ("winter 2013", "Winter 2013", "season", date(2013, 12, 1), date(2014, 2, 28)),
    ("approx 2013-06", "approximately June 2013", "month", date(2013, 6, 1), date(2013, 6, 30)),
])
def test_partial_dates(text, shown, precision, start, end):
    d = PartialDate.parse(text)
    assert (str(d), d.precision, d.start, d.end) == (shown, precision, start, end)


@pytest.mark.parametrize("text, message", [
    ("2013-02-30", "`2013-02-30` is not a date: February 2013 has 28 days; correct the day"),
    ("2014-13", "`2014-13` is not a date: there is no month 13; months run from 01 to 12"),
    ("June 2013", "`June 2013` is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or a season such as "
                  "`spring 2013`, with `approx` in front if approximate"),
])
def test_impossible_dates_are_explained(text, message):
    with pytest.raises(PydanticCustomError) as exc:
        PartialDate.parse(text)
    assert str(exc.value) == message


def test_a_date_known_less_precisely_comes_first_in_the_time_it_covers():
    """A chronology reads from the general to the particular: a year-only entry opens its year,
    a season opens its first month, a month-only entry opens its month."""
    texts = ("2013-07-01", "2013-06", "2013-06-30", "2013-06-02", "2013", "2013-03", "spring 2013",
             "2012-12-31", "2013-12-05", "winter 2013", "2014-01-10", "approx 2013-03-01")
    dates = [PartialDate.parse(t) for t in texts]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2012-12-31", "2013", "spring 2013", "2013-03", "approx 2013-03-01", "2013-06",
        "2013-06-02", "2013-06-30", "2013-07-01", "winter 2013", "2013-12-05", "2014-01-10"]


@pytest.mark.parametrize("text, due, in_place, ongoing, event, needs_date", [
    ("31.07.2015", date(2015, 7, 31), False, False, None, False),
    ("8/04/2015", date(2015, 4, 8), False, False, None, False),
    ("September 2015", date(2015, 9, 30), False, False, None, False),
    ("By September 2015", date(2015, 9, 30), False, False, None, False),
    ("Already in place March 2015", date(2015, 3, 31), True, False, None, False),
    ("Already actioned see 8.5.2", None, True, False, None, False),
    ("ongoing", None, False, True, None, False),
    ("September 2015 and ongoing CPD element", date(2015, 9, 30), False, True, None, False),
    ("Dependent on release of report", None, False, False, "publication", False),
    ("Immediate – completed by July 2015.", date(2015, 7, 31), False, False, None, False),
    ("Quarter 3 of 2015", date(2015, 9, 30), False, False, None, False),
    ("2024-12", date(2024, 12, 31), False, False, None, False),
    ("2024-13", None, False, False, None, True),
    ("See 8.5.1", None, False, False, None, True),
])
def test_deadlines_as_written(text, due, in_place, ongoing, event, needs_date):
    d = Deadline.parse(text)
    assert (str(d), d.due, d.in_place, d.ongoing, d.event, d.needs_date) == \
        (text, due, in_place, ongoing, event, needs_date)


def test_a_deadline_tied_to_publication_gets_its_date_once_published():
    d = Deadline.parse("Dependent on release of report")
    assert d.due_given({}) is None
    assert d.due_given({"publication": date(2016, 6, 13)}) == date(2016, 6, 13)


@pytest.mark.parametrize("first, last, said", [
    ("2023-04", "2023-11", "7 months"),
    ("2023-09-04", "2024-06-28", "10 months"),        # 9 months and 24 days
    ("2023-03-10", "2023-04-10", "1 month"),
    ("2023-03-10", "2023-03-20", "less than a month"),
    ("2022", "2023", "12 months"),
])
def test_the_time_a_review_took_is_said_in_months(first, last, said):
    assert months_between(PartialDate.parse(first), PartialDate.parse(last)) == said
