"""Settings for the list benchmark: Motcua's settings, with a URLconf that adds the naive list beside the real one."""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.list_urls"
