"""Words services use on the phone, explained: what each means, and what it means for you."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

_IN_BRACKETS = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str
    for_you: str
    # Other words it answers to where readers meet them: abbreviations ("CAMHS"), and other
    # names services use ("liaison psychiatry").
    also: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.term)

    @property
    def other_names(self) -> tuple[str, ...]:
        """The names in `also` that the term does not already show, for "Also called ...":
        not "CMHT" again, nor "peer led" beside "peer-led"."""
        shown, others = [_plain(self.term)], []
        for name in self.also:
            if not any(_plain(name) in seen for seen in shown):
                shown.append(_plain(name))
                others.append(name)
        return tuple(others)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it is linked by: the term without an abbreviation in brackets, the
        abbreviation and other names, each with its plural or singular."""
        bare = _IN_BRACKETS.sub("", self.term)
        return tuple(dict.fromkeys(form for name in (bare, *self.also) for form in forms_of(name)))


def _plain(name: str) -> str:
    return name.replace("-", " ").casefold()


def is_abbreviation(name: str) -> bool:
    """ "CAMHS", "CMHT": matched in capitals only, so "spa" is not "SPA"."""
    return name.isupper() and " " not in name


def forms_of(name: str) -> tuple[str, ...]:
    """A name as readers meet it: one and many ("crisis team", "crisis teams"; "talking
    therapies", "talking therapy"; "CMHT", "CMHTs")."""
    if is_abbreviation(name):
        return (name,) if name.endswith("S") else (name, f"{name}s")
    if " of " in name:  # "single point of access": "single points of access"
        head, rest = name.split(" of ", 1)
        return (name, f"{forms_of(head)[1]} of {rest}")
    if name.endswith("ies"):
        return (name, f"{name[:-3]}y")
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "i", "o", "u"):
        return (name, f"{name[:-1]}ies")
    if name.endswith("s") and not name.endswith("ss"):
        return (name, name[:-1])
    if name.endswith(("ss", "sh", "ch", "x")):
        return (name, f"{name}es")
    return (name, f"{name}s")


ENTRIES = (
    Entry(
        "Referral",
        "When someone, such as a GP, asks a service to see you.",
        "Some services only see you after a referral. Ask who can refer you.",
    ),
    Entry(
        "Self-referral",
        "When you contact a service yourself, without anyone else asking for you.",
        "You can phone, text or fill in a form yourself. You do not need a GP.",
    ),
    Entry(
        "Threshold",
        "The line a service draws to decide who it will see.",
        "If a service says you are not right for them, that is their rule. You still deserve help.",
    ),
    Entry(
        "Risk assessment",
        "Questions a worker asks to judge how safe you are right now.",
        "You can ask why they are asking, and what will happen with your answers.",
    ),
    Entry(
        "Care coordinator",
        "The one worker who plans your care in an NHS mental health team.",
        "They are the person to contact with questions about your care.",
    ),
    Entry(
        "Community mental health team (CMHT)",
        "A team of NHS nurses, doctors and other workers. They see people near where they live.",
        "You usually need a referral, often from your GP.",
        also=("CMHT",),
    ),
    Entry(
        "Child and adolescent mental health services (CAMHS)",
        "NHS care for the mental health of children and young people, usually up to 18.",
        "Most need a referral from a GP, a school or another worker. In some areas you can "
        "refer yourself.",
        also=("CAMHS",),
    ),
    Entry(
        "Crisis team",
        "An NHS team that helps people in a mental health crisis, often at home.",
        "You can often reach them through NHS 111, option 2.",
        also=("home treatment team", "crisis resolution team"),
    ),
    Entry(
        "Liaison team",
        "NHS mental health workers who see people in A&E and on hospital wards.",
        "If you go to A&E after self-harm, you may be offered a talk with them.",
        also=("liaison psychiatry", "psychiatric liaison", "mental health liaison"),
    ),
    Entry(
        "Single point of access",
        "One phone number or form that leads to a group of NHS mental health teams.",
        "You, or someone helping you, contact that one place. They work out which team can help.",
        also=("SPA",),
    ),
    Entry(
        "Safeguarding",
        "What services must do to protect someone who may be at risk of harm.",
        "It can mean sharing what you said. You can ask them when they would do this.",
    ),
    Entry(
        "Signposting",
        "When a worker tells you about another service, and you contact it yourself.",
        "You may be given a name or a number. This site can help you check it.",
    ),
    Entry(
        "Discharge",
        "When a service stops seeing you.",
        "You can ask what support you will have next, and who to contact.",
    ),
    Entry(
        "Talking therapies",
        "Regular times to talk with a trained person about how you feel.",
        "The NHS offers these (NHS Talking Therapies). You can often refer yourself.",
    ),
    Entry(
        "Counselling",
        "Talking in private with a trained person about what is on your mind.",
        "It is one kind of talking therapy. Some counselling is free, and some you pay for.",
        also=("counsellor",),
    ),
    Entry(
        "Social prescribing",
        "When a GP or another worker helps you find local groups, activities or advice.",
        "A link worker meets you to talk about what matters to you. Then they help you find "
        "support.",
    ),
    Entry(
        "Link worker",
        "A worker, often at a GP surgery, who helps you find support near you.",
        "They often have more time to talk than a GP. You can ask at your surgery.",
        also=("social prescriber", "social prescribing link worker"),
    ),
    Entry(
        "Advocacy",
        "Help from someone who speaks up for you, or helps you speak up for yourself.",
        "An advocate can help you say what you want in meetings with services.",
        also=("advocate",),
    ),
    Entry(
        "Befriending",
        "Regular, friendly contact with a volunteer, in person or by phone.",
        "It is not therapy. It is someone to talk to, who is there for you.",
        also=("befriender",),
    ),
    Entry(
        "Peer support",
        "Support from people who have been through something like you.",
        "Many peer groups do not ask you to stop self-harming.",
    ),
    Entry(
        "Peer-led",
        "Run by people who have been through something like you.",
        "The people running it know what it can be like from their own lives.",
        also=("peer led", "user-led", "user led"),
    ),
    Entry(
        "Crisis cafe",
        "A calm place to go, often in the evening, when things feel too much.",
        "You can often just turn up. Some call it a safe haven.",
        also=("safe haven",),
    ),
    Entry(
        "Harm minimisation",
        "Ways to keep yourself safer if you self-harm.",
        "Some services can talk with you about this, without asking you to stop.",
        also=("harm reduction",),
    ),
)
