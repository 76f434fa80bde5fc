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
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
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

schema = schemathesis.openapi.from_path(SPEC_PATH)
# Bounded: 20 requests an operation keep the whole run near 30 seconds. No example database:
# a test run writes nothing into the working tree.
BOUNDED = settings(
    max_examples=20,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


# One test for all the operations, so the fixtures load once (a live server's test data is
# flushed after each test, and loading it is most of the time). schema.parametrize() would
# make a test an operation; schemathesis.pytest.from_fixture sets a node attribute that
# pytest 9.2 no longer has.
@pytest.mark.django_db(transaction=True)
def test_every_answer_to_generated_requests_matches_the_document(live_server):
    call_command("loaddata", *CURATED_FIXTURES, verbosity=0)
    base_url = live_server.url + schema.raw_schema["servers"][0]["url"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(schema.raw_schema["paths"])
    for operation in operations:
        # Requests the document allows, and (where there are query parameters to get wrong)
        # requests it does not, which must be answered 400 as documented, never 500.
        modes = [GenerationMode.POSITIVE]
        if any(p.location == "query" for p in operation.query):
            modes.append(GenerationMode.NEGATIVE)

        @BOUNDED
        @given(case=st.one_of(*(operation.as_strategy(mode) for mode in modes)))
        def answers_as_documented(case):
            case.call_and_validate(base_url=base_url, checks=CHECKS)

        answers_as_documented()
