"""A client of the Open Referral UK API written from its OpenAPI document alone.

It reads services/api/openapi.json and speaks plain HTTP (urllib), as an outside validator
does: it imports nothing of the project, so it cannot lean on how the API is built.
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

SPEC_PATH = Path(__file__).resolve().parents[2] / "services/api/openapi.json"


@dataclass(frozen=True)
class Answer:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class SpecClient:
    """Talks to the API at `site` (such as http://127.0.0.1:8001) as the document says."""

    site: str
    spec: dict = field(default_factory=lambda: json.loads(SPEC_PATH.read_text()))
    answers: list[Answer] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.site.rstrip("/") + self.spec["servers"][0]["url"]

    @property
    def collections(self) -> list[str]:
        return [path for path in self.spec["paths"] if path != "/" and "{" not in path]

    def item_path(self, collection: str) -> str:
        return f"{collection}/{{id}}"

    def parameter(self, name: str) -> dict:
        return self.spec["components"]["parameters"][name]

    def takes(self, collection: str, name: str) -> bool:
        wanted = f"#/components/parameters/{name}"
        parameters = self.spec["paths"][collection]["get"].get("parameters", [])
        return any(p.get("$ref") == wanted for p in parameters)

    @property
    def largest_page(self) -> int:
        return self.parameter("per_page")["schema"]["maximum"]

    @property
    def page_fields(self) -> set[str]:
        return set(self.spec["components"]["schemas"]["Page"]["required"])

    def get(self, path: str, **params) -> Answer:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        url = self.base + path + (f"?{query}" if query else "")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answer = Answer(url, response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            answer = Answer(url, error.code, dict(error.headers), error.read())
        self.answers.append(answer)
        return answer

    def page(self, collection: str, number: int, per_page: int, **params) -> dict:
        answer = self.get(collection, page=number, per_page=per_page, **params)
        if answer.status != 200:
            raise AssertionError(f"{answer.url}: {answer.status} {answer.body[:300]!r}")
        return answer.json()

    def every(self, collection: str, **params) -> list[dict]:
        """Every result of a list, page by page at the largest page size."""
        first = self.page(collection, 1, self.largest_page, **params)
        results = list(first["contents"])
        for number in range(2, first["total_pages"] + 1):
            results += self.page(collection, number, self.largest_page, **params)["contents"]
        return results

    def ids(self, collection: str, **params) -> set[str]:
        return {result["id"] for result in self.every(collection, **params)}


def pages_for(total: int, per_page: int) -> int:
    return math.ceil(total / per_page)
