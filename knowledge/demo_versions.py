"""Earlier versions of a few demo tools, so that their versions pages show a history.

demo/library/versions/<slug>.toml names a tool's earlier versions, oldest first: who
saved each (a demo member's key), how many days ago, its summary then and the sentences it
did not have yet. Each is saved as a real change of the tool (knowledge/item_history.py
records it), then the tool as it is now once more; the version made when the demo created
the tool goes, since the history now tells how it came about. A tool that has more than
that one version already is left alone, so a second run changes nothing.
"""

from datetime import timedelta

from django.utils import timezone

from atelier.content_files import read_toml
from members.demo import demo_profiles

from .demo import FOLDER
from .models import Resource

VERSIONS_FOLDER = FOLDER / "versions"


def _save_as(resource: Resource, by, days_ago: int, now) -> None:
    resource._history_user = by  # type: ignore[attr-defined]
    resource._history_date = now - timedelta(days=days_ago)  # type: ignore[attr-defined]
    resource.save()


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
        texts = (resource.summary, resource.body, dict(resource.sections))
        for version in history["version"]:
            leave_out = version.get("leave_out", [])
            resource.summary = version["summary"]
            resource.body = _without(texts[1], leave_out)
            resource.sections = {key: _without(text, leave_out) for key, text in texts[2].items()}
            _save_as(resource, users.get(version["by"]), version["days_ago"], now)
        resource.summary, resource.body, resource.sections = texts
        current = history["current"]
        _save_as(resource, users.get(current["by"]), current["days_ago"], now)
        created.delete()
        loaded += 1
    return loaded
