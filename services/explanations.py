"""Plain words from structured facts: who a service will take, and what happens if you ask.

A pure module: plain data in, sentences out. No database, request or clock, so every
sentence can be tested, and stays true when the data changes. Sentences follow
../shared/docs/language.md: "you" for the reader, "they" for the service, 20 words or
fewer, and the rule belongs to the service, not the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.choices import Cost, SelfHarmPolicy, Sharing

NOT_YOU = "This is their rule. It is not a judgement about you."
ASK_THEM = "Contact them to ask."
# For a service the reader cannot contact (no contact point, or only ones for professionals):
# "Contact them to ask" would be a dead end.
ASK_SOMEONE = "Ask your GP or the people supporting you."

# Rules that could shut the reader out; each gets a "what you can do instead" block.
REFERRAL_ONLY = "referral_only"
AGE_LIMIT = "age_limit"
AREA_LIMIT = "area_limit"
EXCLUDES_RECENT = SelfHarmPolicy.EXCLUDES_RECENT
EXCLUDES_HIGH_RISK = SelfHarmPolicy.EXCLUDES_HIGH_RISK
REQUIRES_HIGH_RISK = SelfHarmPolicy.REQUIRES_HIGH_RISK


@dataclass(frozen=True)
class Facts:
    """What the explanations need to know about one service, as plain values."""

    self_referral: bool | None = None
    referral_routes: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    ages_confirmed: bool = False
    audiences: tuple[str, ...] = ()
    also_supports: tuple[str, ...] = ()
    available_anywhere: bool = False
    area_name: str = ""
    gp_registration_area: str = ""
    cost: str = Cost.UNKNOWN
    self_harm_policy: str = SelfHarmPolicy.UNKNOWN
    self_harm_policy_weeks: int | None = None
    self_harm_policy_qualifier: str = ""
    has_usage_limits: bool = False
    # The service's own words about its self-harm rule are on the page, as a quote.
    has_policy_wording: bool = False
    sharing: str = Sharing.UNKNOWN
    # False when the reader has no way to contact them: no contact point, or only ones for
    # professionals.
    has_contact_route: bool = True


@dataclass(frozen=True)
class Reader:
    """What the reader told the search, carried over from the results page."""

    age: int | None = None
    place_name: str = ""
    place_in_area: bool | None = None


@dataclass(frozen=True)
class Explanation:
    """A few sentences about one topic, and the rule (if any) that could shut the reader out."""

    topic: str
    sentences: tuple[str, ...]
    rule: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _list_in_words(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + ", or " + items[-1]


def _as_object(names: tuple[str, ...]) -> list[str]:
    """ "Your GP" reads as "your GP" mid-sentence; acronyms keep their capitals."""
    return [name[0].lower() + name[1:] if name[1:2].islower() else name for name in names]


def _ask(facts: Facts) -> str:
    """Where to ask about what we could not check: the service, or someone who can reach it."""
    return ASK_THEM if facts.has_contact_route else ASK_SOMEONE


def ages_in_words(min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return f"people aged {min_age} to {max_age}"
    if min_age is not None:
        return f"people aged {min_age} and over"
    if max_age is not None:
        return f"people aged {max_age} and under"
    return "people of any age"


def getting_in(facts: Facts) -> Explanation:
    if facts.self_referral:
        return Explanation(
            "How to start",
            (
                "You can contact them yourself.",
                "You do not need a GP or anyone else to send you.",
                "This is called a self-referral.",
            ),
        )
    if facts.self_referral is False:
        sentences = [
            "You cannot contact them yourself to start.",
            "Someone has to ask them to see you. This is called a referral.",
        ]
        if facts.referral_routes:
            sentences.append(f"This can be {_list_in_words(_as_object(facts.referral_routes))}.")
        return Explanation("How to start", (*sentences, NOT_YOU), REFERRAL_ONLY)
    sentences = ["We have not been able to check if you can contact them yourself.", _ask(facts)]
    if facts.referral_routes:
        sentences.append(
            f"You can be referred by {_list_in_words(_as_object(facts.referral_routes))}."
        )
    return Explanation("How to start", tuple(sentences))


def ages(facts: Facts, reader: Reader) -> Explanation:
    has_limit = facts.min_age is not None or facts.max_age is not None
    if not has_limit:
        if facts.ages_confirmed:
            return Explanation("Age", ("There is no age limit.",))
        return Explanation(
            "Age", ("We have not been able to check if there is an age limit.", _ask(facts))
        )
    sentences = [f"It is for {ages_in_words(facts.min_age, facts.max_age)}."]
    if reader.age is not None:
        too_young = facts.min_age is not None and reader.age < facts.min_age
        too_old = facts.max_age is not None and reader.age > facts.max_age
        if too_young or too_old:
            sentences = [
                f"You said you are {reader.age}: this service is for "
                f"{ages_in_words(facts.min_age, facts.max_age)}."
            ]
        else:
            sentences.append(f"You said you are {reader.age}, so your age fits.")
    return Explanation("Age", (*sentences, NOT_YOU), AGE_LIMIT)


def who_for(facts: Facts) -> Explanation | None:
    """Who it is set up for, kept apart from the groups it also supports: a helpline for
    people who self-harm that also talks to their parents is not a parents' service."""
    sentences = []
    if facts.audiences:
        sentences.append(f"It is set up for {_list_in_words(_as_object(facts.audiences))}.")
    if facts.also_supports:
        sentences.append(f"They also support {_list_in_words(_as_object(facts.also_supports))}.")
    return Explanation("Who it is for", tuple(sentences)) if sentences else None


def area(facts: Facts, reader: Reader) -> Explanation:
    if facts.available_anywhere:
        return Explanation("Where", ("You can use it wherever you are.",))
    sentences = []
    if facts.area_name:
        sentences.append(f"It is for people in {facts.area_name}.")
        if reader.place_name and reader.place_in_area is False:
            sentences.append(f"You searched near {reader.place_name}, which is outside this area.")
        elif reader.place_name and reader.place_in_area:
            sentences.append(f"You searched near {reader.place_name}, which is in this area.")
    else:
        sentences += ["We have not been able to check which area they cover.", _ask(facts)]
    if facts.gp_registration_area:
        sentences.append(f"You need to be registered with a GP in {facts.gp_registration_area}.")
    if facts.area_name or facts.gp_registration_area:
        return Explanation("Where", (*sentences, NOT_YOU), AREA_LIMIT)
    return Explanation("Where", tuple(sentences))


def self_harm(facts: Facts) -> Explanation:
    policy, weeks = facts.self_harm_policy, facts.self_harm_policy_weeks
    topic = "If you self-harm now"
    if policy == SelfHarmPolicy.WELCOMES:
        return Explanation(topic, ("You do not have to stop self-harming to use this service.",))
    if policy == SelfHarmPolicy.CASE_BY_CASE:
        return Explanation(
            topic,
            (
                "If you self-harm now, they will talk it through with you.",
                "Then you decide together what might help.",
            ),
        )
    if policy == EXCLUDES_RECENT:
        # The rule in the source's own terms, never wider: "an attempt on your life, or
        # self-harm that has been getting worse" is not "any self-harm".
        qualifier = facts.self_harm_policy_qualifier.strip().rstrip(".")
        sentences = [f"They have a rule about the last {weeks} weeks."]
        if qualifier:
            sentences += [
                f"It is about {qualifier}.",
                "If you have had this, they may not start working with you yet.",
            ]
        if facts.has_policy_wording:
            sentences.append("Their own words are below.")
        sentences.append(NOT_YOU)
        return Explanation(topic, tuple(sentences), EXCLUDES_RECENT)
    if policy == EXCLUDES_HIGH_RISK:
        return Explanation(
            topic,
            (
                "They may not take you if they think your risk is high.",
                "They decide this by asking you some questions. This is called a risk assessment.",
                NOT_YOU,
            ),
            EXCLUDES_HIGH_RISK,
        )
    if policy == REQUIRES_HIGH_RISK:
        return Explanation(
            topic,
            (
                "They only see people they think are at high risk, or who need a lot of help.",
                "If they say no, it does not mean you do not need help.",
                NOT_YOU,
            ),
            REQUIRES_HIGH_RISK,
        )
    return Explanation(
        topic, ("We have not been able to check if self-harming now affects this.", _ask(facts))
    )


def cost(facts: Facts) -> Explanation:
    words = {
        Cost.FREE: ("It is free.",),
        Cost.LOW_COST: ("It costs a small amount.",),
        Cost.PAID: ("You have to pay to use it.",),
    }
    return Explanation(
        "Cost",
        words.get(
            facts.cost, ("We have not been able to check if it costs anything.", _ask(facts))
        ),
    )


def usage_limits(facts: Facts) -> Explanation | None:
    if not facts.has_usage_limits:
        return None
    return Explanation(
        "Limits", ("They limit how often one person can use it.", "There is more about this below.")
    )


def telling_them(facts: Facts) -> Explanation:
    topic = "If you tell them you self-harm"
    words = {
        Sharing.PRIVATE: ("What you tell them stays private.",),
        Sharing.ONLY_IF_IN_DANGER: (
            "What you tell them stays private.",
            "They may tell someone if they think your life is in danger right now.",
        ),
        Sharing.MAY_SHARE: (
            "They may tell other people, such as your GP, to help keep you safe.",
            "This is called safeguarding.",
        ),
    }
    sentences = words.get(
        facts.sharing, ("We have not been able to check who they would tell.", _ask(facts))
    )
    return Explanation(topic, sentences)


def explain(facts: Facts, reader: Reader | None = None) -> list[Explanation]:
    """Every eligibility fact about a service, in order, as plain sentences."""
    reader = reader or Reader()
    parts = [
        getting_in(facts),
        ages(facts, reader),
        who_for(facts),
        area(facts, reader),
        self_harm(facts),
        cost(facts),
        usage_limits(facts),
        telling_them(facts),
    ]
    return [part for part in parts if part is not None]


def key_facts(facts: Facts) -> list[str]:
    """The one line on a result card: "You can refer yourself · Ages 18+"."""
    line = []
    if facts.self_referral:
        line.append("You can refer yourself")
    elif facts.self_referral is False:
        line.append("You need a referral")
    if facts.self_harm_policy == SelfHarmPolicy.WELCOMES:
        line.append("You do not have to stop self-harming")
    elif facts.self_harm_policy == EXCLUDES_RECENT:
        line.append("Has a rule about recent self-harm")
    elif facts.self_harm_policy == EXCLUDES_HIGH_RISK:
        line.append("Has a rule about risk")
    elif facts.self_harm_policy == REQUIRES_HIGH_RISK:
        line.append("Only for people at high risk")
    if facts.min_age is not None and facts.max_age is not None:
        line.append(f"Ages {facts.min_age} to {facts.max_age}")
    elif facts.min_age is not None:
        line.append(f"Ages {facts.min_age}+")
    elif facts.max_age is not None:
        line.append(f"Up to age {facts.max_age}")
    if facts.cost == Cost.FREE:
        line.append("Free")
    return line
