"""Earlier versions of a few demo tools, so that their versions pages show a history.

demo/library/versions/<slug>.toml names a tool's earlier versions, oldest first: who
saved each (a demo member's key), how many days ago, its summary then and the sentences it
did not have yet. Each is saved as a real change of the tool (knowledge/item_history.py
records it), then the tool as it is now once more, which is when the tool last changed;
no version is dated before the tool was published; the version made when the demo created
the tool goes, since the history now tells how it came about. A tool that has more than
that one version already is left alone, so a second run changes nothing.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from atelier.content_files import read_toml
from members.demo import demo_profiles

from .demo import FOLDER
from .models import Resource

VERSIONS_FOLDER = FOLDER / "versions"


def _save_as(resource: Resource, by, moment: datetime) -> None:
    resource._history_user = by  # type: ignore[attr-defined]
    resource._history_date = moment  # type: ignore[attr-defined]
    resource.save()


def version_moments(resource: Resource, days_ago: list[int], now: datetime) -> list[datetime]:
    """When each version was saved: `days_ago` days before `now`, but never before the item
    was published (created, for a draft), and each at least an hour after the one before."""
    moments, earliest = [], resource.published_at or resource.created_at
    for days in days_ago:
        moment = max(now - timedelta(days=days), earliest)
        moments.append(moment)
        earliest = moment + timedelta(hours=1)
    return moments


def _without(text: str, sentences: list[str]) -> str:
    for sentence in sentences:
        text = text.replace(sentence, "")
    return text


def load_versions(now=None) -> int:
    """Give the demo tools of demo/library/versions/ their earlier versions; returns how many
    tools got them."""
    now = now or timezone.now()
    users = {key: profile.user for key, profile in demo_profiles().items()}
    loaded = 0
    for path in sorted(VERSIONS_FOLDER.glob("*.toml")):
        resource = Resource.objects.filter(slug=path.stem).first()
        if resource is None or resource.history.count() != 1:
            continue
        created = resource.history.get()
        history = read_toml(path)
        earlier, current = history["version"], history["current"]
        moments = version_moments(
            resource, [version["days_ago"] for version in [*earlier, current]], now
        )
        texts = (resource.summary, resource.body, dict(resource.sections))
        for version, moment in zip(earlier, moments, strict=False):
            leave_out = version.get("leave_out", [])
            resource.summary = version["summary"]
            resource.body = _without(texts[1], leave_out)
            resource.sections = {key: _without(text, leave_out) for key, text in texts[2].items()}
            _save_as(resource, users.get(version["by"]), moment)
        resource.summary, resource.body, resource.sections = texts
        _save_as(resource, users.get(current["by"]), moments[-1])
        # The item last changed when its newest version was saved.
        Resource.objects.filter(pk=resource.pk).update(updated_at=moments[-1])
        created.delete()
        loaded += 1
    return loaded
