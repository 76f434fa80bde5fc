"""The public "suggest a change" form, with messages written for people, not machines."""

from __future__ import annotations

from django import forms

from services.curation.choices import SuggestionTopic
from services.curation.models import SUGGESTION_MAX_CHARACTERS

# The field a person never sees (templates/curation/suggest.html hides it from eyes, screen
# readers and the Tab key) and programs that fill in every box do.
HONEYPOT = "homepage"


class SuggestionForm(forms.Form):
    topic = forms.ChoiceField(
        label="What is wrong?",
        choices=SuggestionTopic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what is wrong, or choose “Something else”",
            "invalid_choice": "Choose what is wrong, or choose “Something else”",
        },
    )
    details = forms.CharField(
        label="Tell us more",
        help_text="What should it say? For example, the new phone number. "
        "Please leave out your name and anything about your health.",
        max_length=SUGGESTION_MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Tell us what is wrong",
            "max_length": f"Use {SUGGESTION_MAX_CHARACTERS:,} characters or fewer. "
            "You have used %(show_value)s.",
        },
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        help_text="Only if you would like a reply. We delete it after 30 days.",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )


def honeypot_filled(data) -> bool:
    """Whether the hidden field has anything in it: only a program would have filled it."""
    return bool(data.get(HONEYPOT, "").strip())
