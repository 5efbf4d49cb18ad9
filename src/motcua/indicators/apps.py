from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "motcua.indicators"
    label = "indicators"
    verbose_name = _("Chỉ số phục vụ")

    def ready(self) -> None:
        from motcua.dossiers.event_hooks import subscribe, subscribe_bulk
        from motcua.feedback.hooks import subscribe as subscribe_feedback

        from .counting import BULK_COUNTING, count_event
        from .feedback_counting import count_feedback_entry

        subscribe(count_event)
        subscribe_bulk(BULK_COUNTING)
        subscribe_feedback(count_feedback_entry)
