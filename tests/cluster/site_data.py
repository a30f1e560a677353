# The cluster's test data, made once on app-a by `manage.py shell` (tests/cluster/cluster.py
# runs it and reads the line "RESULT {json}"): members logged in as django.contrib.auth
# does it (a session in the database, which cached sessions read when the cache lacks
# it), an event with ten places, a library item, an account to try logging in.
import json

from django.conf import settings

# Hashing a hundred passwords as production does would take a minute; nobody here logs
# in with a password (the login test only tries wrong ones).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from tests.factories import make_event, make_item, make_member  # noqa: E402
from tests.test_load import log_in  # noqa: E402

event = make_event("stormloop", capacity=10, title="Stormloop")
item = make_item("buurtgesprek-in-het-cluster", title="Buurtgesprek in het cluster")
crowd = [make_member(f"zaal{number}@example.org") for number in range(100)]
reader = make_member("lezer@example.org", display_name="Lena Lezer")
writers = [make_member(f"schrijver{number}@example.org") for number in range(4)]
make_member("inlog@example.org")

print(
    "RESULT "
    + json.dumps(
        {
            "event": event.get_absolute_url(),
            "event_slug": event.slug,
            "item": item.get_absolute_url(),
            "crowd": [{"user": user.pk, "session": log_in(user)} for user in crowd],
            "reader": log_in(reader),
            "writers": [log_in(user) for user in writers],
            "login_email": "inlog@example.org",
        }
    )
)
