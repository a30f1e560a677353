"""The library's search measured: recall@5 over the relevance test set written from the
demo data (tests/search_relevance.toml), on SQLite and on PostgreSQL alike.

Recall@5 is the share of the items that must be found that are among the first five
results of their search. The search is the library's, typo suggestions included.
"""

import tomllib
from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from knowledge import search as library_search
from knowledge.models import Resource

pytestmark = pytest.mark.django_db

TEST_SET = Path(__file__).with_name("search_relevance.toml")
REQUIRED_RECALL = 0.9
TOP = 5


def first_slugs(text: str) -> list[str]:
    results = library_search.search_results(
        Resource.objects.published(), text, "members", None, TOP
    )
    ids = list(results.page.object_list)
    slugs = dict(Resource.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


def test_the_test_set_is_large_and_names_demo_items():
    queries = tomllib.loads(TEST_SET.read_text())["query"]
    assert len(queries) >= 40
    demo_slugs = {
        path.stem for path in (Path(__file__).parent.parent / "demo/library").glob("*.md")
    }
    for query in queries:
        assert set(query["expect"]) <= demo_slugs, query["text"]


def test_recall_at_5_is_at_least_0_9():
    call_command("load_demo", stdout=StringIO())
    queries = tomllib.loads(TEST_SET.read_text())["query"]
    found_per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed = []
    for query in queries:
        top = first_slugs(query["text"])
        for slug in query["expect"]:
            counts = found_per_kind[query["kind"]]
            counts[1] += 1
            if slug in top:
                counts[0] += 1
            else:
                missed.append(f"{query['text']!r}: {slug} not in {top}")
    found = sum(counts[0] for counts in found_per_kind.values())
    expected = sum(counts[1] for counts in found_per_kind.values())
    recall = found / expected
    print(f"\nrecall@{TOP} on {connection.vendor}: {recall:.3f} ({found}/{expected})")
    for kind, (hits, total) in found_per_kind.items():
        print(f"  {kind}: {hits}/{total}")
    for line in missed:
        print("  missed", line)
    assert recall >= REQUIRED_RECALL, "\n".join(missed)
