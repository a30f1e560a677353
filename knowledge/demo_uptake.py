"""Demo experiences of using tools and cases ("Ik heb dit gebruikt") for `make run`.

They are in demo/uptake/<slug>.toml, one file an item, named by the item's slug; each
`[[experience]]` names its writer by their key in demo/members/ (empty: a former member),
how many days ago they used it, where, with whom, what happened, what they would change,
and whether everyone may read it (demo/README.md). An item that has experiences already is
left alone, so a second run adds nothing; no e-mail goes out for them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from atelier.content_files import DEMO_FOLDER, build, read_toml
from members.demo import demo_profiles

from .models import Resource, Uptake

FOLDER = DEMO_FOLDER / "uptake"
KEY = "experience"  # [[experience]] in the files


@dataclass(frozen=True)
class DemoExperience:
    by: str  # the key of a demo member; empty: a former member
    used_days_ago: int
    place: str
    group: str
    what_happened: str
    organisation: str = ""
    what_to_change: str = ""
    public: bool = False


def demo_experiences() -> dict[str, list[DemoExperience]]:
    """The demo experiences by the slug of their item."""
    return {
        path.stem: [
            build(DemoExperience, path, **fields) for fields in read_toml(path)["experience"]
        ]
        for path in sorted(FOLDER.glob("*.toml"))
    }


def load_experiences(now=None) -> int:
    """Add the demo experiences of items that have none yet; returns how many."""
    now = now or timezone.now()
    users = {key: profile.user for key, profile in demo_profiles().items()}
    experiences = demo_experiences()
    items = Resource.objects.filter(slug__in=experiences).exclude(
        pk__in=Uptake.objects.values("resource")
    )
    created = []
    for item in items:
        for number, demo in enumerate(experiences[item.slug]):
            used_on = timezone.localdate(now) - timedelta(days=demo.used_days_ago)
            # Written a few days after, never later than now.
            written = min(now - timedelta(days=demo.used_days_ago - 2), now) - timedelta(
                hours=number + 1
            )
            created.append(
                Uptake(
                    resource=item,
                    author=users.get(demo.by),
                    used_on=used_on,
                    organisation=demo.organisation,
                    place=demo.place,
                    group=demo.group,
                    what_happened=demo.what_happened.strip(),
                    what_to_change=demo.what_to_change.strip(),
                    is_public=demo.public,
                    created_at=written,
                )
            )
    Uptake.objects.bulk_create(created)
    return len(created)
