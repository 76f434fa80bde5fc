"""A bounded fuzz run of the Open Referral UK API from its OpenAPI document alone: schemathesis
makes requests from the document (valid ones and broken ones) against the live server, and
every answer must be no server error and match the document: its status, content type,
headers and body.

Not checked here: that every request the document allows is accepted, and every other one is
refused (schemathesis' positive_data_acceptance and negative_data_rejection). The API is kinder
than JSON Schema can say: it takes "Monday" or "mo", " 5" or "5", "yes" for true, and answers
400 for a well-formed postcode it cannot place. tests/api/test_conformance.py checks refusals.
"""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.schemas import SPEC_PATH
from tests.conftest import CURATED_FIXTURES

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# One test an operation. (schemathesis.pytest.from_fixture, which would load the fixtures once,
# sets a node attribute that pytest 9.2 no longer has.)
schema = schemathesis.openapi.from_path(SPEC_PATH)


@pytest.fixture
def site(live_server):
    call_command("loaddata", *CURATED_FIXTURES, verbosity=0)
    return live_server.url + schema.raw_schema["servers"][0]["url"]


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
# Bounded: 25 requests an operation keeps the run near a minute. No example database: a test
# run writes nothing into the working tree.
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_to_generated_requests_matches_the_document(case, site):
    case.call_and_validate(base_url=site, checks=CHECKS)
