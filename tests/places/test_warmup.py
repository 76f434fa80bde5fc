import gc
import importlib

import pytest

from services.places import lookup


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_a_server_process_loads_the_place_data_and_freezes_it_before_any_request(module, unfrozen):
    lookup.district_centroids.cache_clear()
    lookup.places_by_name.cache_clear()
    gc.unfreeze()

    importlib.reload(importlib.import_module(module))

    assert lookup.district_centroids.cache_info().currsize == 1
    assert lookup.places_by_name.cache_info().currsize == 1
    # What the process has loaded is in the permanent generation: full collections skip it.
    assert gc.get_freeze_count() > 0
    assert lookup.resolve("Torquay").outcome is lookup.Outcome.FOUND
