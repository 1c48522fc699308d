"""Numbers written as words, governing-law places, and the pattern language."""

import pytest

from clausecheck.rulebook.patterns import PatternSyntaxError, compile_pattern
from clausecheck.text.jurisdictions import governing_places
from clausecheck.text.quantities import find_durations, words_to_number


@pytest.mark.parametrize("text, hours", [
    ("within forty-eight (48) hours of discovery", 48),
    ("no later than seventy-two hours", 72),
    ("within 24 hours", 24),
    ("thirty days after", 720),
    ("sixty (60) calendar days", 1440),
    ("no later than 48 hrs", 48),
    ("within one hundred and twenty days", 2880),
    ("within [Number, e.g., 24] hours", 24),
])
def test_durations_in_words_and_digits(text, hours):
    assert [duration.hours for duration in find_durations(text)] == [hours]


@pytest.mark.parametrize("text, hours", [("no later than the next calendar day", 48),
                                         ("by the following business day", 96)])
def test_the_next_day_means_by_the_end_of_the_day_after(text, hours):
    assert [duration.hours for duration in find_durations(text)] == [hours]


def test_business_days_count_at_their_longest_because_they_can_span_a_weekend():
    (duration,) = find_durations("within two (2) business days")
    assert duration.business and duration.amount == 2 and duration.hours == 96


def test_digits_in_parentheses_win_over_the_words():
    (duration,) = find_durations("within forty (48) hours")
    assert duration.amount == 48


@pytest.mark.parametrize("words, number", [("forty-eight", 48), ("seventy two", 72), ("one hundred and five", 105),
                                           ("thirty", 30), ("eleventy", None)])
def test_words_to_number(words, number):
    assert words_to_number(words) == number


@pytest.mark.parametrize("clause, places", [
    ("This Agreement shall be governed by the laws of the State of New York, without regard to conflicts.",
     ["New York"]),
    ("you agree that the statutes and laws of Norway will apply", ["Norway"]),
    ("governed by California law; venue lies in the courts of Santa Clara County, California", ["California"]),
    ("governed by the internal laws of the Commonwealth of Massachusetts", ["Massachusetts"]),
    ("The laws of the state of Connecticut shall govern the rights and duties of the parties", ["Connecticut"]),
    ("The parties submit to the courts located in Hartford, Connecticut.", []),
])
def test_governing_places_ignore_the_venue_of_courts(clause, places):
    assert governing_places(clause) == places


def test_pattern_alternatives_gaps_prefixes_and_optional_words():
    pattern = compile_pattern("(sell|rent) ..4 personal? (information|student data) advertis*")
    assert len(pattern.slots) == 4
    assert pattern.slots[1].gap_before == 4 and pattern.slots[1].optional
    assert pattern.slots[3].alternatives[0][0].prefix


@pytest.mark.parametrize("source, message", [
    ("(sell|rent", "unbalanced"),
    ("sell ...", "ends with a gap"),
    ("ad*", "too short"),
    ("sell (|rent)", "empty alternative"),
    ("word? other?", "no required word"),
    ("sell <data>", "is not a word"),
])
def test_bad_patterns_say_what_is_wrong(source, message):
    with pytest.raises(PatternSyntaxError, match=message):
        compile_pattern(source)
