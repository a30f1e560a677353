# E-mails queued as the site queues every e-mail (atelier/mail_queue.py), in one
# transaction; run on an app server by `manage.py shell` (tests/cluster/cluster.py).
# ADDRESSES comes from the test.
import json

from django.core.mail import EmailMessage
from django.db import transaction

from atelier.mail_queue import queue_message

with transaction.atomic():
    for address in ADDRESSES:  # noqa: F821
        message = EmailMessage(f"Clustertest voor {address}", "Een bericht.", to=[address])
        queue_message(message, key=f"cluster-test:{address}")
print("RESULT " + json.dumps({"queued": len(ADDRESSES)}))  # noqa: F821
