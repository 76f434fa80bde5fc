import gc
import importlib

import pytest

from services.places import lookup as geo


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_a_server_process_loads_the_place_data_and_freezes_it_before_any_request(module, unfrozen):
    geo.district_centroids.cache_clear()
    geo._places_by_name.cache_clear()
    gc.unfreeze()

    importlib.reload(importlib.import_module(module))

    assert geo.district_centroids.cache_info().currsize == 1
    assert geo._places_by_name.cache_info().currsize == 1
    # What the process has loaded is in the permanent generation: full collections skip it.
    assert gc.get_freeze_count() > 0
    assert geo.resolve("Torquay").outcome is geo.Outcome.FOUND
