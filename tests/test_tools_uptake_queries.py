"""What a tool's page and its page of experiences cost: the same number of queries with a
few experiences and with many, for a visitor and for a member, and never more rows than
a page shows (docs/design.md, "Cost")."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import make_item, make_member, make_uptake
from .helpers import count_queries

# The page cache is off: these numbers are what building each page costs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

FEW, MANY = 3, 60
# (visitor, member): the item page's own queries plus the experiences' count and the
# newest ten (and, for a member, may they record), its current version, the value stories
# about it and its external recognitions, whether the member follows it; the list's item,
# count and page.
BUDGETS = {"tool": (11, 17), "experiences": (4, 7), "experiences, page 3": (4, 7)}


class Tool:
    def __init__(self):
        self.author = make_member("auteur@example.org", display_name="Ans Auteur")
        self.reader = make_member("lezer@example.org", display_name="Lies Lezer")
        self.item = make_item("de-buurtkaart", self.author, title="De buurtkaart")
        self.count = 0

    def grow(self, count: int) -> None:
        for n in range(self.count, self.count + count):
            writer = make_member(f"gebruiker{n}@example.org", display_name=f"Gebruiker {n}")
            make_uptake(
                self.item,
                writer,
                used_on=date(2026, 1, 1) - timedelta(days=n),
                place=f"Wijk {n}",
                is_public=bool(n % 2),
            )
        self.count += count

    def addresses(self) -> dict[str, str]:
        experiences = reverse("knowledge:uptake_list", args=[self.item.slug])
        return {
            "tool": self.item.get_absolute_url(),
            "experiences": experiences,
            "experiences, page 3": f"{experiences}?pagina=3",
        }


def measure(client, tool: Tool) -> dict[str, int]:
    counts = {}
    for name, address in tool.addresses().items():
        client.get(address)  # the site settings row and the like are made on first use
        counts[name] = count_queries(client, address)
    return counts


@pytest.mark.parametrize("role", [0, 1], ids=["visitor", "member"])
def test_the_pages_cost_the_same_with_few_and_with_many_experiences(client, role):
    tool = Tool()
    if role:
        client.force_login(tool.reader)
    tool.grow(FEW)
    few = measure(client, tool)
    tool.grow(MANY - FEW)
    many = measure(client, tool)
    assert few == many == {name: budget[role] for name, budget in BUDGETS.items()}


def test_no_query_reads_more_experiences_than_a_page_shows(client):
    tool = Tool()
    tool.grow(MANY)
    client.force_login(tool.reader)
    for address in tool.addresses().values():
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        reads = [
            query["sql"]
            for query in queries
            if 'FROM "knowledge_uptake"' in query["sql"] and "COUNT(" not in query["sql"]
        ]
        assert reads, address
        for sql in reads:
            limit = re.search(r"LIMIT (\d+)", sql)
            assert limit is not None and int(limit.group(1)) <= 21, sql


def test_the_item_page_shows_ten_and_the_list_twenty_a_page(client):
    tool = Tool()
    tool.grow(MANY)
    client.force_login(tool.reader)
    block = client.get(tool.item.get_absolute_url()).context["uptake"]
    assert (block.count, len(block.accounts)) == (MANY, 10)
    page = client.get(reverse("knowledge:uptake_list", args=[tool.item.slug])).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (MANY, 20)
