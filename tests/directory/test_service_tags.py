"""A service's tags, read for one page or many services in one query (models.tags_of)."""

import pytest

from services.models import (
    TAG_RELATIONS,
    AccessFeature,
    Audience,
    Format,
    Kind,
    ReferralRoute,
    ServiceTags,
    TagName,
    tags_of,
)
from tests.factories import make_service

pytestmark = pytest.mark.django_db

MODELS = {
    "kinds": Kind,
    "formats": Format,
    "audiences": Audience,
    "also_supports": Audience,
    "access_features": AccessFeature,
    "referral_routes": ReferralRoute,
}
# Two share a position, so their names decide, by the database's collation (which may or may
# not put capitals first), as everywhere else a tag list is ordered.
TAGS = [
    ("banana", "Banana", 1),
    ("cherry", "Cherry", 2),
    ("apple", "apple", 1),
    ("date", "Date", 0),
]


@pytest.fixture
def tagged():
    """A service with four tags in every relation, made in an order that is not theirs."""
    service = make_service(kinds=())
    for relation, model in MODELS.items():
        tags = [
            model.objects.get_or_create(
                slug=f"{relation}-{slug}", defaults={"name": name, "position": position}
            )[0]
            for slug, name, position in TAGS
        ]
        getattr(service, relation).set(tags)
    return service


def test_each_relation_comes_in_the_order_the_relation_itself_gives(tagged):
    tags = tags_of([tagged.pk])[tagged.pk]
    for relation in TAG_RELATIONS:
        expected = [TagName(tag.slug, tag.name) for tag in getattr(tagged, relation).all()]
        assert list(getattr(tags, relation)) == expected


def test_tags_come_by_position_then_name(tagged):
    names = [tag.name for tag in tags_of([tagged.pk])[tagged.pk].kinds]
    assert (names[0], names[-1]) == ("Date", "Cherry")


def test_many_services_and_every_relation_take_one_query(tagged, django_assert_num_queries):
    others = [make_service(kinds=("helpline",), formats=("phone",)) for _ in range(3)]
    with django_assert_num_queries(1):
        found = tags_of([tagged.pk, *(other.pk for other in others)])
    assert len(found[tagged.pk].referral_routes) == len(TAGS)
    assert found[others[0].pk].formats == (TagName("phone", "Phone"),)


def test_no_services_take_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert tags_of([]) == {}


def test_a_service_without_tags_has_empty_ones():
    service = make_service(kinds=())
    assert tags_of([service.pk]) == {service.pk: ServiceTags()}


def test_relations_not_asked_for_are_left_empty(tagged):
    tags = tags_of([tagged.pk], relations=("audiences",))[tagged.pk]
    assert len(tags.audiences) == len(TAGS)
    assert tags.kinds == tags.also_supports == ()


def test_each_tag_relation_names_the_vocabulary_it_draws_from():
    from services.models import TAG_MODELS, TAG_RELATIONS, Service

    assert set(TAG_MODELS) == set(TAG_RELATIONS)
    for relation, model in TAG_MODELS.items():
        assert Service._meta.get_field(relation).related_model is model
