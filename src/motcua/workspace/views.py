from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from motcua.accounts.selectors import memberships_of, roles_of


@login_required
def home(request):
    return render(
        request,
        "workspace/home.html",
        {"memberships": memberships_of(request.user), "roles": sorted(roles_of(request.user))},
    )
