"""The one source of "now". Tests move time with time-machine; code never calls datetime.now() itself."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def local_now() -> datetime:
    """The current moment in Asia/Ho_Chi_Minh."""
    return now().astimezone(LOCAL_TZ)


def today() -> date:
    """Today's date in Asia/Ho_Chi_Minh."""
    return local_now().date()


def to_local(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("naive datetime: every moment in Motcua carries its time zone")
    return moment.astimezone(LOCAL_TZ)
