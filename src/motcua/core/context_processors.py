from django.conf import settings


def site(request):
    return {
        "site_name": settings.MOTCUA_SITE_NAME,
        "sample_data": settings.MOTCUA_SAMPLE_DATA,
        "source_url": settings.MOTCUA_SOURCE_URL,
    }
