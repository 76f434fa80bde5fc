"""Each service keeps whether it opens outside office hours (Service.opens_out_of_hours),
so "evenings, nights or weekends" tests a column instead of reading every opening time
(issue 20). The column must always say what hours.is_open_out_of_hours says of the
service's own rows, however they were saved."""

import random
from datetime import time

import pytest

from services import hours
from services.models import OpeningTime, Service
from tests.factories import make_service

pytestmark = pytest.mark.django_db


def kept(service: Service) -> bool:
    return Service.objects.values_list("opens_out_of_hours", flat=True).get(pk=service.pk)


def found_out_of_hours() -> set[str]:
    return set(Service.objects.open_out_of_hours().values_list("name", flat=True))


def test_each_save_and_delete_of_an_opening_time_keeps_the_column_true():
    service = make_service("Drop-in", slots=((1, "10:00", "16:00"),))
    assert not kept(service)
    saturday = OpeningTime.objects.create(
        service=service, weekday=5, opens_at=time(10), closes_at=time(12)
    )
    assert kept(service)
    saturday.delete()
    assert not kept(service)
    weekday = service.opening_times.get()
    weekday.opens_at = time(8)  # now it opens before office hours
    weekday.save()
    assert kept(service)
    assert found_out_of_hours() == {"Drop-in"}


@pytest.mark.parametrize("flag", ["open_24_hours", "any_time"])
def test_a_service_open_all_the_time_is_out_of_hours_from_its_own_save(flag):
    service = make_service("Line", slots=((0, "09:00", "17:00"),))
    assert not kept(service)
    service.opening_times.all().delete()
    setattr(service, flag, True)
    service.save()
    assert kept(service)
    setattr(service, flag, False)
    service.save(update_fields=[flag])
    assert not kept(service)


def test_a_stale_copy_saved_later_does_not_undo_the_column():
    service = make_service("Cafe")
    stale = Service.objects.get(pk=service.pk)  # read before the opening time is added
    OpeningTime.objects.create(service=service, weekday=6, opens_at=time(18), closes_at=time(22))
    stale.summary = "A cafe on Sunday evenings."
    stale.save()
    assert kept(service)


@pytest.mark.parametrize("seed", range(5))
def test_the_column_says_what_the_python_rule_says(seed):
    rng = random.Random(seed)
    for number in range(30):
        slots = []
        for _ in range(rng.randint(0, 3)):
            opens = rng.choice(["06:00", "08:59", "09:00", "12:00", "16:30", "20:00"])
            closes = rng.choice(["00:00", "02:00", "13:00", "17:00", "17:01", "23:00"])
            if opens != closes:
                slots.append((rng.randint(0, 6), opens, closes))
        make_service(f"Service {seed}-{number}", slots=tuple(slots))
    for service in Service.objects.prefetch_related("opening_times"):
        assert service.opens_out_of_hours == hours.is_open_out_of_hours(service.schedule), (
            service.name,
            service.schedule,
        )


def test_the_curated_directory_loads_with_the_column_right(curated_directory):
    services = Service.objects.prefetch_related("opening_times")
    assert services.exists()
    wrong = [
        service.slug
        for service in services
        if service.opens_out_of_hours != hours.is_open_out_of_hours(service.schedule)
    ]
    assert wrong == []
    assert Service.objects.filter(opens_out_of_hours=True).exists()
