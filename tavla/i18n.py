"""The one translation mechanism: gettext, English message ids, Swedish by default.

The language is chosen once per process, before the interface modules are
imported, because key-binding descriptions are translated when their classes
are defined. `tavla.cli.main` does that; tests that need English run a subprocess.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
_LOCALE_DIR = Path(__file__).parent / "locale"

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_loaded = False


def resolve_language(flag: str | None = None) -> str:
    """The language asked for by `--lang`, else `TAVLA_LANG`, else Swedish."""
    for candidate in (flag, os.environ.get("TAVLA_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
            raise ValueError(candidate)
    return DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    global _language, _translations, _loaded
    if code not in LANGUAGES:
        raise ValueError(code)
    _language = code
    _translations = gettext.translation(
        "tavla", localedir=_LOCALE_DIR, languages=[code], fallback=True
    )
    _loaded = True


def language() -> str:
    if not _loaded:
        set_language(resolve_language())
    return _language


def _(message: str) -> str:
    if not _loaded:
        set_language(resolve_language())
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if not _loaded:
        set_language(resolve_language())
    return _translations.ngettext(singular, plural, n)


def pick(labels: dict[str, str]) -> str:
    """Choose the current language's text from template data such as `{"sv": ..., "en": ...}`."""
    lang = language()
    return labels.get(lang) or labels.get(DEFAULT_LANGUAGE) or next(iter(labels.values()), "")
