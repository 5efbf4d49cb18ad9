import pytest
from hypothesis import settings as hypothesis_settings

# Hypothesis' per-example deadline (200 ms) turns a busy 2-core CI machine into flaky failures; examples are
# bounded by max_examples instead.
hypothesis_settings.register_profile("motcua", deadline=None)
hypothesis_settings.load_profile("motcua")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _signing_dir(settings, tmp_path):
    """Signing keys (and the demo CA, a trust root when none is configured) live in a throwaway folder: a demo
    run's var/signing/ never decides what a test trusts."""
    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty throttle counts: the test client always comes from 127.0.0.1, and the memory
    cache lives as long as the test process."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Test users are created by the hundred: a fast hasher keeps factories cheap (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need row locks and real concurrency: they run only when DATABASE_URL points at
    PostgreSQL (as in CI) and are deselected, with a note, on the SQLite default."""
    import os

    # Set but empty (or blank) is unset, as in settings.py: the SQLite default.
    if os.environ.get("DATABASE_URL", "").strip().startswith(("postgres://", "postgresql://")):
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"{len(deselected)} test(s) marked 'postgres' deselected: DATABASE_URL is not PostgreSQL "
                "(they run in CI)."
            )


@pytest.fixture(autouse=True)
def _no_remembered_list_counts():
    """A list count one test saw reach the cap is not remembered in another."""
    from motcua.core.capped_counts import CAPPED_LISTS

    CAPPED_LISTS.clear()
    yield
    CAPPED_LISTS.clear()
