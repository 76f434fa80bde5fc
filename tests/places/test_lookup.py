import pytest

from services.places import lookup as geo


@pytest.mark.parametrize(
    ("typed", "name", "districts", "from_full_postcode"),
    [
        ("tq1 1aa", "TQ1", ("TQ1",), True),
        ("TQ11AA", "TQ1", ("TQ1",), True),
        ("  Tq1   1AA ", "TQ1", ("TQ1",), True),
        ("TQ12 5PU", "TQ12", ("TQ12",), True),
        ("TQ1", "TQ1", ("TQ1",), False),
        ("tq2", "TQ2", ("TQ2",), False),
        ("Torquay", "Torquay", ("TQ1", "TQ2"), False),
        ("TORQUAY", "Torquay", ("TQ1", "TQ2"), False),
        ("newton abbot", "Newton Abbot", ("TQ12", "TQ13"), False),
        ("Newton-Abbot", "Newton Abbot", ("TQ12", "TQ13"), False),
        ("Brixham", "Brixham", ("TQ5",), False),
        ("st. albans", "St Albans", None, False),
        ("Newport, Isle of Wight", "Newport", ("PO30",), False),
        ("BT1 1AA", "BT1", ("BT1",), True),
    ],
)
def test_places_resolve_from_postcodes_districts_and_towns(
    typed, name, districts, from_full_postcode
):
    lookup = geo.resolve(typed)
    assert lookup.outcome is geo.Outcome.FOUND
    assert lookup.place.name == name
    if districts is not None:
        assert lookup.place.districts == districts
    assert lookup.place.from_full_postcode is from_full_postcode


@pytest.mark.parametrize(
    ("typed", "outcome", "message"),
    [
        ("zzz", geo.Outcome.UNKNOWN, "We could not find that place. Try a postcode like TQ1 1AA"),
        ("ZZ9 9ZZ", geo.Outcome.UNKNOWN, "We could not find the postcode area ZZ9"),
        ("JE2 3AB", geo.Outcome.NO_DATA, "We do not have location data for Jersey yet"),
        ("IM1 1AA", geo.Outcome.NO_DATA, "the Isle of Man"),
        ("Newport", geo.Outcome.AMBIGUOUS, "There is more than one place called Newport"),
        ("", geo.Outcome.UNKNOWN, "We could not find that place"),
        ("'; DROP TABLE services; --", geo.Outcome.UNKNOWN, "We could not find that place"),
    ],
)
def test_unknown_and_ambiguous_places_say_so_kindly(typed, outcome, message):
    lookup = geo.resolve(typed)
    assert lookup.outcome is outcome
    assert message in lookup.message


def test_a_shared_name_lists_each_place_with_its_county():
    lookup = geo.resolve("Newport")
    labels = [choice.label for choice in lookup.choices]
    assert "Newport, Isle of Wight" in labels
    assert len(labels) == len(set(labels)) >= 3
    for label in labels:
        assert geo.resolve(label).outcome is geo.Outcome.FOUND


def test_venue_postcodes_are_placed_from_the_shipped_data():
    assert geo.coordinates_for_postcode("tq2 5pu") == pytest.approx((50.46, -3.53), abs=0.02)
    assert geo.coordinates_for_postcode("SW1A 1AA") is None
    assert geo.coordinates_for_postcode("not a postcode") is None
