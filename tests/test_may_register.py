"""Whether a person may register for an event, at the function level.

`sessions_app.registration.may_register` is the one rule: the event's page asks it to
offer the button, registering asks it again, and a change of membership releases what it
no longer allows. The cells of the access table are checked in tests/test_access_matrix.py.
"""

import pytest

from members.models import MembershipStatus, ParticipationLevel
from sessions_app.models import EventKind
from sessions_app.registration import may_register

from .factories import ROLES, make_event, make_profile, make_role, make_user

pytestmark = pytest.mark.django_db

MAY_REGISTER = {
    # role: (members' meeting, public event)
    "visitor": (False, False),  # a visitor registers for a public event as a guest
    "applicant": (False, True),
    "member_public_events": (False, True),
    "member_online": (False, True),
    "member_meetings": (True, True),
    "coordinator": (True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_may_register_follows_the_access_table(role):
    user = make_role(role)
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    public = make_event("open-middag", kind=EventKind.PUBLIC)
    for_meeting, for_public = MAY_REGISTER[role]
    assert may_register(meeting, user) is for_meeting
    assert may_register(public, user) is for_public


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
def test_a_paused_or_ended_membership_registers_for_no_meeting(status):
    user = make_user()
    make_profile(user, status, ParticipationLevel.MEETINGS)
    assert not may_register(make_event(kind=EventKind.MEETING), user)
    assert may_register(make_event("open-middag", kind=EventKind.PUBLIC), user)
