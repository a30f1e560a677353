"""Words of django-allauth that the site says differently in Dutch.

allauth's own Dutch calls logging in "aanmelden"; on this site "aanmelden" means
registering for a meeting or event, so logging in is "inloggen". Listing the strings
here keeps them in locale/nl/LC_MESSAGES/django.po, which Django reads before allauth's.
"""

from django.utils.translation import gettext_noop

ALLAUTH_REWORDED = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Sign Up"),
]
