"""Form fields and widgets for the search form, with messages written for people, not machines."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import MultipleChoiceField

from services.hours import UK
from services.places.lookup import Lookup, Outcome, resolve

OPEN_AT_FORMAT = "%Y-%m-%dT%H:%M"
EXAMPLE_OPEN_AT = "2026-11-23T21:30"
# What someone typed is quoted back in the message when it is short and plain text.
QUOTED_MAX_LENGTH = 40
UNREAD_DATE = "We could not read that date."


class TickBox(forms.CheckboxInput):
    """One tick box. It sends the field's one choice as it is (self_referral=yes,
    ongoing_self_harm=welcome), where Django's tick box would read True or False."""

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


def _wall_clock(text: str) -> datetime | None:
    try:
        return datetime.strptime(text[:16], OPEN_AT_FORMAT)
    except ValueError:
        return None


class UKDateTimeField(forms.CharField):
    """A UK wall-clock time written as 2026-11-23T21:30.

    Kept as wall-clock time on purpose: at the clock change an hour repeats or is skipped,
    and Django's DateTimeField would reject those times, but an opening time only cares what
    the clock on the wall says.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local", "autocomplete": "off"})

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        moment = _wall_clock(text)
        if moment is None:
            # The input is left empty (prepare_value), so the message says what was typed.
            quotable = len(text) <= QUOTED_MAX_LENGTH and text.isprintable()
            unread = "We could not read the date %(typed)s." if quotable else UNREAD_DATE
            raise ValidationError(
                f"{unread} Enter a date and time like {EXAMPLE_OPEN_AT}.",
                code="invalid",
                params={"typed": text},
            )
        return moment.replace(tzinfo=UK)

    def prepare_value(self, value):
        """What the datetime-local input holds: a time it can show, or nothing. A browser
        shows a value it cannot read as an empty or broken control."""
        moment = value if isinstance(value, datetime) else _wall_clock(str(value or "").strip())
        return "" if moment is None else moment.replace(tzinfo=None).isoformat(timespec="minutes")


TOO_LONG = "Use %(limit_value)d characters or fewer."
UNUSUAL_CHARACTERS = "Remove any unusual characters and try again."


class PlaceField(forms.CharField):
    """A postcode, postcode district or town. The words stay as typed; SearchForm.clean_near
    looks them up."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})


class SearchForm(forms.Form):
    """The search's form. A place is looked up once, here, and every later step (the
    results, the service page, the links) uses `place_lookup`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place_lookup: Lookup | None = None

    def clean_near(self) -> str:
        typed = self.cleaned_data.get("near", "")
        if typed:
            self.place_lookup = resolve(typed)
            if self.place_lookup.outcome is not Outcome.FOUND:
                raise ValidationError(
                    self.place_lookup.message, code=self.place_lookup.outcome.value
                )
        return typed


class TagField(MultipleChoiceField):
    """Tick boxes for one list of tags, by slug. A tag ticked twice counts once."""

    def to_python(self, value):
        return list(dict.fromkeys(super().to_python(value)))
