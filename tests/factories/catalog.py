from decimal import Decimal

import factory

from motcua.catalog.models import (
    AuthorityLevel,
    Channel,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    ResultForm,
    Sector,
)

from .organization import AgencyFactory


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"1.{n:06d}")
    sector = factory.SubFactory(SectorFactory)
    name = factory.Sequence(lambda n: f"Thủ tục thử {n}")
    name_en = factory.Sequence(lambda n: f"Test procedure {n}")
    authority_level = AuthorityLevel.PROVINCE


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    """A published version with one step at the competent agency, and made current."""

    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    number = 1
    status = ProcedureVersion.Status.PUBLISHED
    name = factory.LazyAttribute(lambda v: v.procedure.name)
    name_en = factory.LazyAttribute(lambda v: v.procedure.name_en)
    authority_level = AuthorityLevel.PROVINCE
    competent_agency = factory.SubFactory(AgencyFactory)
    processing_time_amount = 5
    online_level = OnlineLevel.FULL
    channels = factory.LazyFunction(lambda: [Channel.ONLINE, Channel.COUNTER, Channel.POSTAL])
    result_form = ResultForm.BOTH

    @factory.post_generation
    def make_current(obj, create, extracted, **kwargs):
        if create and obj.status == ProcedureVersion.Status.PUBLISHED:
            Procedure.objects.filter(pk=obj.procedure_id).update(current_version=obj)


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    version = factory.SubFactory(ProcedureVersionFactory)
    order = factory.Sequence(int)
    code = factory.Sequence(lambda n: f"TP{n}")
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")
    copies = 1


class ProcessStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessStep

    version = factory.SubFactory(ProcedureVersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Bước {n}")
    role = "specialist"
    time_budget = Decimal("1")


def version_content(*, steps=None, documents=None, fees=None, **fields):
    """Valid content for `procedure_publish_content`: 5 working days, online and counter, two steps."""
    from motcua.catalog.services import VersionContent

    base = {
        "name": "Thủ tục thử",
        "name_en": "Test procedure",
        "description": "",
        "authority_level": AuthorityLevel.COMMUNE,
        "competent_agency": None,
        "competent_agency_kind": "commune_committee",
        "processing_time_kind": "working_days",
        "processing_time_amount": 5,
        "online_level": OnlineLevel.FULL,
        "channels": [Channel.ONLINE, Channel.COUNTER],
        "result_form": ResultForm.BOTH,
        "result_name": "",
        "boundary_free": False,
        "home_service_eligible": False,
        "supplement_policy": "resume",
        "applicant_kinds": ["citizen"],
        "legal_basis": "",
        "effective_from": None,
        "effective_to": None,
    }
    base.update(fields)
    return VersionContent(
        fields=base,
        documents=documents
        if documents is not None
        else [
            {
                "order": 1,
                "code": "TK",
                "name": "Tờ khai",
                "name_en": "Form",
                "originals": 1,
                "copies": 0,
                "mandatory": True,
                "reusable_kind": "",
            }
        ],
        fees=fees if fees is not None else [],
        steps=steps
        if steps is not None
        else [
            {
                "order": 1,
                "name": "Tiếp nhận",
                "name_en": "Receive",
                "agency": None,
                "role": "receiving_officer",
                "time_budget": Decimal("0.5"),
            },
            {
                "order": 2,
                "name": "Thẩm định",
                "name_en": "Review",
                "agency": None,
                "role": "specialist",
                "time_budget": Decimal("3.5"),
            },
        ],
    )
