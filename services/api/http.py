"""How every API response is sent: JSON, open to any site (CORS), cacheable by a proxy for
five minutes with an ETag, and never a cookie."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from services.api.params import BadParameterError

CACHE_FOR_SECONDS = 300
NDJSON = "application/x-ndjson"


def as_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Any council's or app's page may read it: the data is public and carries no session.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_FOR_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def json_response(request: HttpRequest, body, *, status: int = 200) -> HttpResponse:
    content = as_json(body).encode()
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    if status == 200 and _matches(request.headers.get("If-None-Match", ""), etag):
        return _open_to_all(HttpResponseNotModified(headers={"ETag": etag}))
    response = HttpResponse(content, status=status, content_type="application/json")
    if status == 200:
        response["ETag"] = etag
    return _open_to_all(response)


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110: "*" or a list of tags, compared weakly (a W/ prefix does not matter)."""
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def ndjson_response(lines: Iterable) -> StreamingHttpResponse:
    """Every result, one JSON object a line, sent as it is read (no paging)."""
    response = StreamingHttpResponse((as_json(line) + "\n" for line in lines), content_type=NDJSON)
    return _open_to_all(response)


def problem(request: HttpRequest, status: int, message: str, parameter: str = ""):
    body = {"error": "bad_request" if status == 400 else "not_found", "message": message}
    if parameter:
        body["parameter"] = parameter
    return json_response(request, body, status=status)


def api_view(view: Callable) -> Callable:
    """GET and HEAD only (405 otherwise); a bad parameter answers 400 in JSON."""

    @require_safe
    @wraps(view)
    def answered(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameterError as bad:
            return problem(request, 400, bad.message, bad.parameter)

    return answered
