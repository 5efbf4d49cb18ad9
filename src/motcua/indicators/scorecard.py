"""The officers' scorecard (Hanoi judges its officers by their work and the citizens' satisfaction): per officer
and period, the steps they completed (on time or late against the step's own due moment), the supplement
requests they made and the ratings of the dossiers they handled.

Officers see their own card; a leader sees the cards of the officers of the agencies they lead; nobody else
sees any. Each figure is one grouped query over an index led by the officer (see the Step and PauseInterval
indexes), so a card costs the same at ten million dossiers as at ten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, F, Q

from motcua.accounts.models import AGENCY_BOUND_ROLES, Membership, Role, User
from motcua.core import clock
from motcua.dossiers.models import PauseInterval, Rating, Step
from motcua.dossiers.workflow import grants_of

from .periods import Period


@dataclass
class Scorecard:
    officer: User
    steps_done: int = 0
    steps_late: int = 0
    supplement_requests: int = 0
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Rating.Level.values, 0))

    @property
    def steps_on_time(self) -> int:
        return self.steps_done - self.steps_late

    @property
    def on_time_rate(self) -> float | None:
        return self.steps_on_time / self.steps_done if self.steps_done else None

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfied_rate(self) -> float | None:
        """Very satisfied or satisfied, of the ratings received."""
        return (self.rated - self.ratings[Rating.Level.NOT_SATISFIED]) / self.rated if self.rated else None


def officers_visible_to(user: User, *, agency_id: int | None = None) -> list[User]:
    """The officers whose cards `user` may see: themselves (when they hold an officer's role at an agency) and,
    for a leader, every active officer of the agencies they lead; ordered by name. Empty: no card at all.
    With `agency_id`, only what the user sees as an officer or leader of that agency."""
    grants = grants_of(user)
    own = {agency for role, agency in grants.pairs if role in AGENCY_BOUND_ROLES and agency is not None}
    led = {agency for role, agency in grants.pairs if role == Role.LEADER and agency is not None}
    if agency_id is not None:
        own, led = own & {agency_id}, led & {agency_id}
    ids = {user.pk} if own else set()
    if led:
        ids |= set(
            Membership.objects.filter(
                agency_id__in=led, role__in=AGENCY_BOUND_ROLES, is_active=True, user__is_active=True
            ).values_list("user_id", flat=True)
        )
    return sorted(User.objects.filter(pk__in=ids), key=lambda u: (u.display_name.casefold(), u.pk))


def _bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.first, time.min, tzinfo=clock.LOCAL_TZ)
    return start, datetime.combine(period.last + timedelta(days=1), time.min, tzinfo=clock.LOCAL_TZ)


def _led(user: User) -> list[int]:
    return sorted(
        {agency for role, agency in grants_of(user).pairs if role == Role.LEADER and agency is not None}
    )


def scorecards_for(
    *, user: User, officers: list[User], period: Period, agency_id: int | None = None
) -> list[Scorecard]:
    """The cards of `officers` (as `officers_visible_to(user)` gave them) as `user` may read them: their own
    with all their work; another officer's with the work done at the agencies `user` leads only (an officer of
    two agencies: the leader of one does not read the figures of the other). With `agency_id`, the work done
    at that agency only."""
    led = [agency for agency in _led(user) if agency_id is None or agency == agency_id]
    own = None if agency_id is None else [agency_id]
    cards = {
        card.officer.pk: card
        for card in [
            *scorecards(officers=[o for o in officers if o.pk == user.pk], period=period, agencies=own),
            *scorecards(officers=[o for o in officers if o.pk != user.pk], period=period, agencies=led),
        ]
    }
    return [cards[officer.pk] for officer in officers]


def scorecards(*, officers: list[User], period: Period, agencies: list[int] | None = None) -> list[Scorecard]:
    """One card per officer (in the given order), from the steps finished, the pauses started and the ratings
    given in the period; with `agencies`, only the work done at those agencies."""
    cards = {officer.pk: Scorecard(officer=officer) for officer in officers}
    if not cards:
        return []
    start, end = _bounds(period)
    at_agencies: dict = {} if agencies is None else {"agency_id__in": agencies}
    at_rated: dict = {} if agencies is None else {"dossier__steps__agency_id__in": agencies}
    steps = (
        Step.objects.filter(assignee_id__in=cards, finished_at__gte=start, finished_at__lt=end, **at_agencies)
        .values("assignee_id")
        .annotate(done=Count("pk"), late=Count("pk", filter=Q(finished_at__gt=F("due_at"))))
    )
    for row in steps:
        card = cards[row["assignee_id"]]
        card.steps_done, card.steps_late = row["done"], row["late"]
    requests = (
        PauseInterval.objects.filter(
            requested_by_id__in=cards, started_at__gte=start, started_at__lt=end, **at_agencies
        )
        .values("requested_by_id")
        .annotate(n=Count("pk"))
    )
    for row in requests:
        cards[row["requested_by_id"]].supplement_requests = row["n"]
    # A rating counts once for each officer who handled a step of the dossier.
    ratings = (
        Rating.objects.filter(
            rated_at__gte=start, rated_at__lt=end, dossier__steps__assignee_id__in=cards, **at_rated
        )
        .values("dossier__steps__assignee_id", "level")
        .annotate(n=Count("dossier_id", distinct=True))
    )
    for row in ratings:
        cards[row["dossier__steps__assignee_id"]].ratings[row["level"]] = row["n"]
    return [cards[officer.pk] for officer in officers]
