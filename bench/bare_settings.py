"""Settings for the bare baseline endpoint of the intake benchmark: Motcua's settings, another URLconf."""

from motcua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
