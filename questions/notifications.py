"""E-mails about answers: to the asker for each new answer, and to the author of the
answer that helped. Only to members who want them (Profile.notify_on_answers) and only
about a question they may see at the moment it is sent; in Dutch, HTML and text, each
with the way to switch them off. Each is queued in the transaction that saves what it
tells of (questions/answering.py): committed with it, or not at all."""

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from members import access, unsubscribe
from members.models import User

from .models import Answer, Question


def wants_answer_mail(user: User | None, question: Question) -> bool:
    """Whether `user` gets e-mail about answers to `question`: they asked for such
    e-mail on their profile, and may read the question."""
    profile = access.profile_of(user)
    if profile is None or not profile.notify_on_answers:
        return False
    return Question.objects.visible_to(user).filter(pk=question.pk).exists()


def _context(answer: Answer) -> dict:
    question = answer.question
    return {
        "question": question,
        "answer": answer,
        "author_name": answer.author_name(),
        "answer_url": absolute_url(f"{question.get_absolute_url()}#antwoord-{answer.pk}"),
    }


def _send(template: str, answer: Answer, recipient: User) -> None:
    way_out = unsubscribe.way_out(recipient.pk, unsubscribe.ANSWERS)
    send_templated_mail(
        template,
        {**_context(answer), "way_out": way_out},
        [recipient.email],
        headers=way_out.headers,
        key=f"{template}:{answer.pk}",
    )


def answer_added(answer: Answer) -> None:
    """Tell the asker about a new answer (not one they wrote themselves)."""
    asker = answer.question.asker
    if asker is None or answer.is_written_by(asker):
        return
    if wants_answer_mail(asker, answer.question):
        _send("questions/email/new_answer", answer, asker)


def answer_marked(answer: Answer) -> None:
    """Tell the author that their answer is the one that helped."""
    author = answer.author
    if author is not None and wants_answer_mail(author, answer.question):
        _send("questions/email/answer_helped", answer, author)
