"""Links read plainly, and each kind of link is built one way."""

from django.http import QueryDict

from services import querystrings


def test_a_list_of_slugs_keeps_its_commas_and_words_their_spaces_as_plus():
    assert querystrings.from_params({"s": "a,b", "q": "peer support"}) == "s=a,b&q=peer+support"


def test_characters_that_would_break_a_link_are_quoted():
    assert querystrings.from_params({"q": "a&b=c#d"}) == "q=a%26b%3Dc%23d"


def test_without_takes_away_one_parameter_or_one_value_and_the_page():
    query = QueryDict("kind=helpline&kind=app&age=17&page=3")
    assert querystrings.without(query, "kind", "app") == "kind=helpline&age=17"
    assert querystrings.without(query, "kind") == "age=17"


def test_changing_sets_values_in_place_and_adds_new_ones_at_the_end():
    query = QueryDict("near=Newport&age=17&page=2")
    assert querystrings.changing(query, near="Newport, Gwent", page=None) == (
        "near=Newport,+Gwent&age=17"
    )
    assert querystrings.changing(query, page=3) == "near=Newport&age=17&page=3"


def test_one_parameter_links_keep_the_rest_of_the_search_in_its_order():
    links = querystrings.OneParameterLinks(QueryDict("near=Torquay&age=17&s=a&page=2"), "s")
    assert links.with_value("a,b") == "near=Torquay&age=17&s=a,b&page=2"
    assert links.with_value("") == "near=Torquay&age=17&page=2"
