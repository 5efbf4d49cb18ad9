import factory

from motcua.organization.models import AdministrativeUnit, Agency, Counter


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("code",)

    code = "01"
    name = "Thành phố Hà Nội"
    level = AdministrativeUnit.Level.PROVINCE


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    level = AdministrativeUnit.Level.WARD
    parent = factory.SubFactory(ProvinceFactory)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG{n:04d}")
    name = factory.Sequence(lambda n: f"Cơ quan thử {n}")
    name_en = factory.Sequence(lambda n: f"Test agency {n}")
    kind = Agency.Kind.DEPARTMENT
    administrative_unit = factory.SubFactory(ProvinceFactory)
    receives_dossiers = True


class CommuneCommitteeFactory(AgencyFactory):
    kind = Agency.Kind.COMMUNE_COMMITTEE
    administrative_unit = factory.SubFactory(CommuneFactory)


class CounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counter

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"Q{n}")
    name = factory.Sequence(lambda n: f"Quầy {n}")
