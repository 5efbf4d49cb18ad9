from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from motcua.accounts.selectors import memberships_of, roles_of
from motcua.deadlines.services import may_manage_calendar
from motcua.feedback.selectors import sees_inbox
from motcua.indicators.scorecard import officers_visible_to


@login_required
def home(request):
    # Links only to the pages the person may open: the same rules the pages themselves check.
    return render(
        request,
        "workspace/home.html",
        {
            "memberships": memberships_of(request.user),
            "roles": sorted(roles_of(request.user)),
            "sees_feedback_inbox": sees_inbox(request.user),
            "sees_scorecards": bool(officers_visible_to(request.user)),
            "manages_calendar": may_manage_calendar(request.user),
        },
    )
