from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _override_written(**_kwargs) -> None:
    from .selectors import forget_override_rows

    forget_override_rows()


class DeadlinesConfig(AppConfig):
    name = "motcua.deadlines"
    label = "deadlines"
    verbose_name = _("Lịch làm việc và thời hạn")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import CalendarOverride

        # Override rows kept for the current request are forgotten when one is written, however it is written
        # (the calendar page, the admin, the demo data).
        post_save.connect(_override_written, sender=CalendarOverride, dispatch_uid="calendar_rows_saved")
        post_delete.connect(_override_written, sender=CalendarOverride, dispatch_uid="calendar_rows_deleted")
