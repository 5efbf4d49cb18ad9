from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_fee_total(sender, instance, **kwargs) -> None:
    from .services import forget_fee_total

    version_id = instance.pk if sender._meta.model_name == "procedureversion" else instance.version_id
    forget_fee_total(version_id=version_id)


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self) -> None:
        # Submissions keep a published version's fee total in memory; a saved version or fee line drops it.
        for model in ("catalog.ProcedureVersion", "catalog.FeeLine"):
            post_save.connect(_forget_fee_total, sender=model, dispatch_uid=f"dossiers-fee-{model}")
            post_delete.connect(_forget_fee_total, sender=model, dispatch_uid=f"dossiers-fee-del-{model}")
