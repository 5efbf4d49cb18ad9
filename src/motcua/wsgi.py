import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
application = get_wsgi_application()

# Django, the apps, the URLs and the views they import live as long as the process. Kept out of the garbage
# collector's reach, its full collections look only at what requests left behind: with them, one in a few
# requests that build a large answer (the service index of every agency) paid a collection of the whole
# application, ~100 ms on a busy machine.
import_module(settings.ROOT_URLCONF)
gc.collect()
gc.freeze()
