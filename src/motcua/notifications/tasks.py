from celery import shared_task

from .services import deliver_pending


@shared_task(name="notifications.deliver_outbox", ignore_result=True)
def deliver_outbox() -> int:
    """Deliver what the outbox holds (runs after the commit that wrote it, and on a beat schedule)."""
    return deliver_pending()
