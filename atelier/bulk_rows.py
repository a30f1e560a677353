"""Rows straight into a table, many at a time: for the large data set
(`manage.py load_large_data`), where a model instance and bulk_create's SQL per row cost
more than the database itself.

Nothing here sends signals or runs a model's save(): what the app keeps up to date on
saving (counts, search indexes, stored pages) the loader does itself.
"""

from django.core.management.base import CommandError
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKey,
    IntegerField,
    Max,
    TextField,
)
from django.utils import timezone

BATCH_SIZE = 5000


def insert_objects(model, objects: list) -> list:
    """Unsaved model instances into their table as plain rows (`insert_rows`), their
    primary keys set; returns them."""
    fields = _stored_fields(model)
    rows = ([_object_value(obj, field) for field in fields] for obj in objects)
    keys = _insert(model, fields, rows, len(objects), keys=True)
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


def insert_rows(model, rows: list[dict], keys: bool = False) -> list[int]:
    """Rows straight into the model's table: each a dict of attribute names (`event_id`)
    to values; a field left out gets its default (`auto_now` ones: the current time).
    With `keys`, returns the new rows' primary keys in the order of `rows`.

    A model instance and bulk_create's SQL per row cost more than the database itself
    (at --scale 10 most of the load's minutes went there): plain rows with `executemany`.
    """
    fields = _stored_fields(model)
    values = ([_column_value(row, field) for field in fields] for row in rows)
    return _insert(model, fields, values, len(rows), keys)


def _insert(model, fields: list, rows, count: int, keys: bool) -> list[int]:
    """Insert, and read back the new keys if asked: the loader runs alone, in one
    transaction, so the new rows are those above the highest key before, in order."""
    before = (model.objects.aggregate(top=Max("pk"))["top"] or 0) if keys else 0
    _execute_inserts(model, fields, rows)
    if not keys:
        return []
    new = list(model.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    if len(new) != count:
        raise CommandError(f"{model._meta.db_table} changed during the load; start again.")
    return new


def _stored_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _sets_now(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _column_value(row: dict, field):
    """A row's value for a field, or the field's default (`auto_now` ones: now)."""
    if field.attname in row:
        return row[field.attname]
    return _NOW if _sets_now(field) else field.get_default()


def _object_value(obj, field):
    """An instance's value for a field: as bulk_create would store it (`auto_now`: now),
    except that an `auto_now` field given a value keeps it (a loader's dates of change)."""
    value = getattr(obj, field.attname)
    return _NOW if _sets_now(field) and value is None else value


_NOW = object()  # stands for the moment of the insert


def _execute_inserts(model, fields: list, rows) -> None:
    """`executemany` in batches (PostgreSQL: COPY): each value adapted for the database
    once, by its field's kind (plain text, numbers and keys as they are)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    now = timezone.now()
    adapters = [_adapter(field) for field in fields]

    def prepared(values: list) -> tuple:
        return tuple(
            now_value if value is _NOW else (value if adapt is None else adapt(value))
            for value, adapt in zip(values, adapters, strict=True)
        )

    now_value = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one statement: a third of the time of an INSERT
            # per row, even pipelined by executemany.
            table = quote(model._meta.db_table)
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(prepared(values))
            return
        batch = []
        for values in rows:
            batch.append(prepared(values))
            if len(batch) == BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _adapter(field):
    """How a field's Python value becomes a database value; None: as it is."""
    if isinstance(field, DateTimeField):
        if connection.vendor == "sqlite":
            # What Django's SQLite adapter stores, without its checks (every value here
            # is aware): a fifth of the load's time went to those.
            zone = connection.timezone
            return lambda value: (
                None if value is None else str(value.astimezone(zone).replace(tzinfo=None))
            )
        adapt = connection.ops.adapt_datetimefield_value
        return lambda value: None if value is None else adapt(value)
    if isinstance(field, PLAIN_FIELDS):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


# Fields whose Python values the database drivers take unchanged.
PLAIN_FIELDS = (CharField, TextField, IntegerField, BooleanField, ForeignKey)
