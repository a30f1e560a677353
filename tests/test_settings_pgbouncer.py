"""Behind pgbouncer in transaction pooling, server-side cursors are off (docs/scaling.md)."""

from .test_settings import shell

SHOW = (
    "from django.conf import settings; "
    "print(settings.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS'])"
)
POSTGRESQL = "postgres://u:p@127.0.0.1:1/x"


def test_server_side_cursors_are_on_unless_the_environment_turns_them_off(tmp_path):
    default = shell(SHOW, tmp_path=tmp_path, DATABASE_URL=POSTGRESQL)
    behind_pgbouncer = shell(
        SHOW, tmp_path=tmp_path, DATABASE_URL=POSTGRESQL, DISABLE_SERVER_SIDE_CURSORS="true"
    )

    assert default.stdout.split() == ["False"], default.stderr
    assert behind_pgbouncer.stdout.split() == ["True"], behind_pgbouncer.stderr
