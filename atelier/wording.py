"""Django's sentences that the site says in its own (informal) Dutch.

Django's Dutch addresses people formally ("Uw wachtwoord ..."); the site says "je".
These help texts of the password validators show on the sign-up and password pages.
Listing them here keeps them in locale/nl/LC_MESSAGES/django.po, which Django reads
before its own catalogue.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_HELP_REWORDED = [
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
