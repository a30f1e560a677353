from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from atelier.addresses import absolute_url, on_this_site, site_domain
from atelier.forms import clean_email_address
from atelier.mail_queue import queue_message

from . import access


def current_site() -> SimpleNamespace:
    """The site as its e-mails name it: from settings, never from the request's Host."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=site_domain())


LINKS_IN_ACCOUNT_MAIL = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    # allauth's messages in the site's own words (informal Dutch, sentence case).
    error_messages = DefaultAccountAdapter.error_messages | {
        "account_inactive": _("This account is switched off."),
        "duplicate_email": _("This is your e-mail address already."),
        "email_password_mismatch": _(
            "This e-mail address and password do not go together. Check them and try again."
        ),
        "email_taken": _("Another account uses this e-mail address."),
        "enter_current_password": _("Fill in your current password."),
        "incorrect_password": _("This password is not right."),
        "invalid_password_reset": _("This link to choose a new password no longer works."),
        "too_many_login_attempts": _("Too many attempts to log in. Try again in a while."),
        "unknown_email": _("No account goes with this e-mail address."),
        "unverified_primary_email": _("Confirm your e-mail address first."),
        "same_as_current": _("This is what it is already."),
        "rate_limited": _("Too many attempts in a short time. Please wait a moment."),
    }

    def clean_email(self, email):
        # Sign-up, password reset and e-mail changes: only addresses mail can reach.
        return clean_email_address(super().clean_email(email))

    def get_login_redirect_url(self, request):
        # An account without an application goes straight to the application form.
        if access.must_apply(request.user):
            return reverse("members:apply")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # Confirming a new account's e-mail address logs it in as a sign-up, not a login.
        if access.must_apply(request.user):
            return reverse("members:apply")
        return super().get_signup_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        # The e-mail names the site and links to it as settings say, whatever Host the
        # request that sent it carried (allauth builds its links from the request).
        context = {**context, "current_site": current_site(), "site_url": absolute_url("/")}
        if template_prefix == "account/email/unknown_account":
            # A reset for a known address makes a token from the account's addresses (two
            # queries, allauth's EmailAwarePasswordResetTokenGenerator); ask the database
            # the same for an unknown one, so that the time does not tell the two apart.
            addresses = EmailAddress.objects.filter(user_id=None)
            addresses.filter(email=email).exists()
            list(addresses.values_list("email", flat=True))
        for name in LINKS_IN_ACCOUNT_MAIL:
            if name in context:
                context[name] = on_this_site(context[name])
        # As allauth's own send_mail renders it, but queued like all the site's e-mail.
        # No key: each account e-mail answers a request of its own (a link, a code).
        context = {"request": allauth_context.request, "email": email, **context}
        queue_message(self.render_mail(template_prefix, email, context))
