"""Words services use on the phone, explained: what each means, and what it means for you."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str
    for_you: str

    @property
    def slug(self) -> str:
        return slugify(self.term)


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
        "An NHS team of nurses, doctors and other workers who see people in the community.",
        "You usually need a referral, often from your GP.",
    ),
    Entry(
        "Crisis team",
        "An NHS team that helps people in a mental health crisis, often at home.",
        "You can often reach them through NHS 111, option 2.",
    ),
    Entry(
        "Liaison team",
        "NHS mental health workers who see people in A&E and on hospital wards.",
        "If you go to A&E after self-harm, you may be offered a talk with them.",
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
        "Regular sessions with a therapist to talk about how you feel.",
        "The NHS offers these (NHS Talking Therapies). You can often refer yourself.",
    ),
    Entry(
        "Peer support",
        "Support from people who have been through something like you.",
        "Many peer groups do not ask you to stop self-harming.",
    ),
    Entry(
        "Crisis cafe",
        "A calm place to go, often in the evening, when things feel too much.",
        "You can often just turn up. Some call it a safe haven.",
    ),
    Entry(
        "Harm minimisation",
        "Ways to keep yourself safer if you self-harm.",
        "Some services can talk with you about this, without asking you to stop.",
    ),
)
