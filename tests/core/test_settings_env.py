"""Settings read from the environment, each checked in a fresh process (settings are read once per process):
an empty DATABASE_URL, the secret key with DEBUG off, and `check --deploy` with the documented production
settings (docs/operators.md and the README)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE']); print(settings.SECRET_KEY); print(settings.ALLOWED_HOSTS)"
)


def motcua(
    *args: str, env: dict[str, str], drop: tuple[str, ...] = (), timeout: int = 180
) -> subprocess.CompletedProcess:
    """`python -m motcua <args>` with this process' environment, minus `drop`, plus `env`."""
    return python("-m", "motcua", *args, env=env, drop=drop, timeout=timeout)


def settings_of(*, env: dict[str, str], drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """The settings module alone, loaded in a fresh process: database engine, secret key, allowed hosts."""
    return python("-c", PRINT_SETTINGS, env={"DJANGO_SETTINGS_MODULE": "motcua.settings", **env}, drop=drop)


def python(
    *args: str, env: dict[str, str], drop: tuple[str, ...], timeout: int = 180
) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# As a server started outside the test run: no PYTEST_VERSION (which allows the development key), no key, and
# not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (which `check --deploy` rightly refuses).
OUTSIDE_TESTS = (
    "PYTEST_VERSION",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def test_an_empty_database_url_means_unset():
    result = motcua("check", env={"DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    shown = settings_of(env={"DATABASE_URL": "  "})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "django.db.backends.sqlite3"


def test_every_variable_set_but_empty_counts_as_unset():
    names = re.findall(
        r'env_(?:str|bool|list)\("([A-Z_]+)"', (ROOT / "src" / "motcua" / "settings.py").read_text()
    )
    assert {
        "DATABASE_URL",
        "STATIC_ROOT",
        "EMAIL_PORT",
        "SECURE_HSTS_SECONDS",
        "MOTCUA_TRUSTED_PROXIES",
    } <= set(names)
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.STATIC_ROOT.name, s.MEDIA_ROOT.name, s.EMAIL_PORT, "
        "s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS, s.DEBUG)"
    )
    shown = python(
        "-c", code, env={"DJANGO_SETTINGS_MODULE": "motcua.settings", **dict.fromkeys(names, "")}, drop=()
    )
    assert shown.returncode == 0, shown.stderr
    assert (
        shown.stdout.strip()
        == "django.db.backends.sqlite3 static media 587 0 ['127.0.0.1', 'localhost'] False"
    )


def test_with_debug_off_and_no_secret_key_the_settings_refuse_to_load(tmp_path):
    missing = tmp_path / "secret_key"
    result = motcua("check", env={"DEBUG": "0", "SECRET_KEY_FILE": str(missing)}, drop=OUTSIDE_TESTS)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr and str(missing) in result.stderr
    # The public development key, given explicitly, is refused too; an empty SECRET_KEY counts as unset.
    for key in ("insecure-development-key-change-me-in-production-0123456789", ""):
        result = motcua("check", env={"SECRET_KEY": key, "SECRET_KEY_FILE": str(missing)}, drop=OUTSIDE_TESTS)
        assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr


def test_the_key_file_is_read_and_the_environment_wins(tmp_path):
    key_file = tmp_path / "secret_key"
    from_file = secrets.token_urlsafe(64)
    key_file.write_text(from_file + "\n")
    shown = settings_of(env={"SECRET_KEY_FILE": str(key_file)}, drop=OUTSIDE_TESTS)
    assert shown.returncode == 0, shown.stderr
    _engine, key, hosts = shown.stdout.splitlines()
    assert key == from_file
    assert hosts == "['127.0.0.1', 'localhost']"  # loopback names only, unless ALLOWED_HOSTS says otherwise
    from_env = secrets.token_urlsafe(64)
    shown = settings_of(
        env={"SECRET_KEY_FILE": str(key_file), "SECRET_KEY": from_env, "ALLOWED_HOSTS": "motcua.example.vn"},
        drop=OUTSIDE_TESTS,
    )
    assert shown.stdout.splitlines()[1:] == [from_env, "['motcua.example.vn']"]


def test_debug_on_runs_with_the_development_key(tmp_path):
    shown = settings_of(
        env={"DEBUG": "1", "SECRET_KEY_FILE": str(tmp_path / "none")},
        drop=OUTSIDE_TESTS,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[1] == "insecure-development-key-change-me-in-production-0123456789"


def _filled(value: str) -> str:
    return re.sub(r"<[^>]*>|\.\.\.", lambda _m: secrets.token_urlsafe(64), value)


def operators_environment() -> dict[str, str]:
    """The variables of docs/operators.md's /etc/motcua/env example, placeholders (`<...>`) filled in."""
    text = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    example = next(block for block in blocks if block.startswith("DATABASE_URL="))
    environment = {}
    for line in example.strip().splitlines():
        name, value = line.split("=", 1)
        environment[name] = _filled(value)
    return environment


def readme_environment() -> dict[str, str]:
    """The `export` of the README's "Deploying on several machines", placeholders (`...`) filled in."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    export = re.search(r"^export (.*?[^\\])$", text, flags=re.DOTALL | re.MULTILINE)
    assert export, "no export block in the README"
    words = export[1].replace("\\\n", " ").split()
    return dict(_filled(word).split("=", 1) for word in words)


@pytest.mark.parametrize("documented", [operators_environment, readme_environment])
def test_check_deploy_is_clean_with_the_documented_production_settings(documented):
    environment = documented()
    assert {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "MOTCUA_TRUSTED_PROXIES",
    } <= environment.keys()
    # Settings are read, not used: nothing connects to the database or Redis named there.
    result = motcua("check", "--deploy", "--fail-level", "WARNING", env=environment, drop=OUTSIDE_TESTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    # Without those settings the check does complain (so the test can fail).
    bare = motcua(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"SECRET_KEY": secrets.token_urlsafe(64)},
        drop=OUTSIDE_TESTS,
    )
    assert bare.returncode != 0
    assert "security.W004" in bare.stderr + bare.stdout


def test_collected_static_files_are_served_compressed_under_hashed_names(tmp_path):
    """What `make serve` does: collectstatic with MOTCUA_COLLECTED_STATIC=1, then WhiteNoise serves STATIC_ROOT."""
    environment = {
        "DEBUG": "0",
        "MOTCUA_COLLECTED_STATIC": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
    }
    # Compressing every file (gzip and Brotli) takes minutes on a busy 2-core machine: a guard, not a measure.
    collected = motcua(
        "collectstatic", "--noinput", "--verbosity", "0", env=environment, drop=OUTSIDE_TESTS, timeout=900
    )
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()
    code = (
        "import django; django.setup(); from django.templatetags.static import static; "
        "from django.test import Client; url = static('motcua/site.css'); "
        "r = Client().get(url, HTTP_ACCEPT_ENCODING='gzip'); "
        "print(url, r.status_code, r.headers.get('Content-Encoding'), r.headers['Cache-Control'])"
    )
    shown = python(
        "-c", code, env={"DJANGO_SETTINGS_MODULE": "motcua.settings", **environment}, drop=OUTSIDE_TESTS
    )
    assert shown.returncode == 0, shown.stderr
    url, status, encoding, cache = shown.stdout.split(maxsplit=3)
    assert re.fullmatch(r"/static/motcua/site\.[0-9a-f]{12}\.css", url)
    assert (status, encoding) == ("200", "gzip")
    assert "immutable" in cache


def test_the_readme_production_table_lists_every_variable_the_settings_read():
    settings_source = (ROOT / "src" / "motcua" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'(?:env_(?:str|bool|list)|os\.environ\.get)\("([A-Z_]+)"', settings_source))
    read -= {"PYTEST_VERSION"}  # set by pytest itself, not a setting
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Production settings", 1)[1].split("\n#", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = {name for row in rows for name in re.findall(r"`([A-Z_]+)`", row.split(" | ")[0])}
    assert read, "no variables found in settings.py"
    assert read <= documented, sorted(read - documented)
    assert all(row.count(" | ") == 3 for row in rows)  # variable, default, what it does, production value
