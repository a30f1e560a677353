"""One JSON object per log line (LOG_FORMAT=json), for log collectors on several servers.

Every line has the time (UTC, ISO 8601), the level, the logger and the message, and the
request id while a request is being answered (atelier/request_log.py), so that the lines
of one request can be found across app servers. The request line adds who, what and how
long; an error adds its traceback as one field, not as loose lines.
"""

import json
import logging
from datetime import UTC, datetime

from .request_log import current_request_id

# Fields the request line sets (atelier/request_log.py), copied as they are.
REQUEST_FIELDS = ("user_id", "method", "path", "status", "duration_ms")


def _request_id(record: logging.LogRecord) -> str | None:
    # Django logs a 4xx or 5xx answer after the middleware has returned; its record
    # carries the request itself.
    request = getattr(record, "request", None)
    return (
        getattr(record, "request_id", None)
        or current_request_id.get()
        or getattr(request, "request_id", None)
    )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = _request_id(record)
        if request_id:
            line["request_id"] = request_id
        line.update(
            {field: getattr(record, field) for field in REQUEST_FIELDS if hasattr(record, field)}
        )
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
