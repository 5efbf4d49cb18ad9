"""English catalogs: the project catalog (LOCALE_PATHS) wins over every app's, so an app's translation of the same
text (and context) that differs from the project's would never be shown. Different meanings of one Vietnamese text
need a context (pgettext)."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation
from django.utils.translation import pgettext

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
PROJECT_CATALOG = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(path: Path) -> dict[tuple[str | None, str], str]:
    """(context, text) -> translation, for the live entries of a .po file."""

    def joined(match: re.Match | None) -> str | None:
        return "".join(re.findall(r'"(.*)"', match.group(1))) if match else None

    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        msgid = joined(re.search(r'^msgid ((?:".*"\n?)+)', block, re.M))
        msgstr = joined(re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M))
        if msgid and msgstr:
            entries[(joined(re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)), msgid)] = msgstr
    return entries


def test_no_app_translation_is_hidden_by_a_different_project_translation():
    project = _entries(PROJECT_CATALOG)
    hidden = [
        f"{path.relative_to(SRC)}: {text!r} is {mine!r} there but {project[key]!r} in the project catalog"
        for path in sorted(SRC.glob("*/locale/en/LC_MESSAGES/django.po"))
        if path != PROJECT_CATALOG
        for key, mine in _entries(path).items()
        if (text := key[1]) and key in project and project[key] != mine
    ]
    assert not hidden, "\n".join(hidden)


def test_buttons_and_statuses_sharing_a_vietnamese_text_keep_their_own_english():
    from motcua.dossiers.models import Status
    from motcua.dossiers.queues import Queue
    from motcua.workspace.action_forms import TITLES

    with translation.override("en"):
        assert str(TITLES["refuse"]) == "Refuse to receive"
        assert str(Status.REFUSED.label) == "Refused"
        assert str(Queue.TO_RECEIVE.label) == "To receive"
        assert pgettext("button", "Tải lên") == "Upload"
