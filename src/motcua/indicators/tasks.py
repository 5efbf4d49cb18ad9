from datetime import timedelta

from celery import shared_task

from motcua.core import clock

from .monthly import summarize_months
from .snapshots import take_snapshot


@shared_task(name="indicators.snapshot_open_dossiers", ignore_result=True)
def snapshot_open_dossiers() -> int:
    """Just after midnight: how the open dossiers stood at the end of the day that ended."""
    yesterday = clock.local_now().date() - timedelta(days=1)
    recorded = take_snapshot(yesterday)
    summarize_months()  # on the first of a month, the month that ended (and any month not summed yet)
    return recorded
