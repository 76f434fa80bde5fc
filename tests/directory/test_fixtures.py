import pytest

from services.models import (
    AccessFeature,
    Audience,
    ContactPoint,
    Format,
    Kind,
    OpeningTime,
    Organisation,
    ReferralRoute,
    Service,
    Source,
    Venue,
)

pytestmark = pytest.mark.django_db
MODELS = [
    Kind,
    Format,
    Audience,
    AccessFeature,
    ReferralRoute,
    Organisation,
    Service,
    Venue,
    ContactPoint,
    OpeningTime,
    Source,
]


def test_fixtures_load_into_an_empty_database_and_every_object_validates(curated_directory):
    checked = 0
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()
            checked += 1
    assert Service.objects.published().count() >= 30
    assert checked > 200


def test_every_published_service_has_a_way_to_contact_or_reach_it(curated_directory):
    for service in Service.objects.published().with_related():
        reachable = (
            service.contact_points.all()
            or service.venues.all()
            or service.referral_routes.all()
            or service.website
        )
        assert reachable, service.slug


def test_every_service_keeps_its_sources_and_last_checked_date(curated_directory):
    for service in Service.objects.all():
        assert service.sources.exists(), service.slug
        assert service.last_checked
        assert service.checked_by


def test_talkworks_rule_is_recorded_with_its_source(curated_directory):
    talkworks = Service.objects.get(slug="talkworks-devon")
    assert talkworks.self_harm_policy == Service.SelfHarmPolicy.EXCLUDES_RECENT
    assert talkworks.self_harm_policy_weeks == 4
    assert "within the last 4 weeks" in talkworks.self_harm_policy_wording
    assert "Make Space, June 2023, footnote 24" in talkworks.self_harm_policy_source
    assert talkworks.min_age == 18


def test_unconfirmed_facts_stay_empty(curated_directory):
    # The reference data could not confirm these; the fixtures must not fill them in.
    switchboard = Service.objects.get(slug="switchboard-lgbt")
    assert not switchboard.contact_points.filter(method="phone").exists()
    moorings = Service.objects.get(slug="the-moorings-torquay")
    assert not moorings.opening_times.exists()
    assert moorings.self_referral is None
    assert not Service.objects.filter(slug="self-injury-support-ae-follow-up").exists()


def test_the_national_crisis_lines_are_in_the_directory(curated_directory):
    assert ContactPoint.objects.filter(
        service__slug="samaritans-helpline", value="116 123"
    ).exists()
    assert ContactPoint.objects.filter(
        service__slug="shout-85258", value="85258", keyword="SHOUT"
    ).exists()
