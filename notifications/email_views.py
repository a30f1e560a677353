"""Which e-mails a member gets and how often (/profiel/meldingen/), and the one-click
unsubscribe page that every e-mail not asked for links to (/afmelden/<token>/)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from members import access, unsubscribe
from members.models import User
from members.views import member_required

from .email_forms import EmailSettingsForm
from .unsubscribe import is_switched_off, label_of, masked_address, stays_in_site, switch_off


@member_required
def email_settings(request):
    profile = access.profile_of(request.user)
    form = EmailSettingsForm(request.user, profile, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings have been saved."))
        return redirect("members:email_settings")
    return render(request, "notifications/email_settings.html", {"form": form, "profile": profile})


# RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without cookies, so it can
# send no CSRF token. The signed token in the address is the proof instead, and the POST
# can do only this one thing: switch off the kind of e-mail the token names, for the
# person it names.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_page(request, token):
    """GET: a page with a button (a mail scanner that opens links switches nothing off),
    or that says it is done; POST: the kind of e-mail is switched off, answered with 200.
    A token cut off or changed gets a page (404) that leads to the settings instead."""
    found = unsubscribe.read_token(token)
    user_id, mail_kind = found or (None, "")
    label = label_of(mail_kind)
    user = User.objects.filter(pk=user_id).first() if label else None
    if user is None:
        return render(request, "notifications/unsubscribe_unknown.html", status=404)
    if request.method == "POST":
        switch_off(user, mail_kind)
    context = {
        "label": label,
        "address": masked_address(user.email),
        "done": is_switched_off(user, mail_kind),
        "stays_in_site": stays_in_site(mail_kind),
    }
    return render(request, "notifications/unsubscribe.html", context)
