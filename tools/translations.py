"""Keep the Swedish catalogue in step with the code: extract, merge, compile, report.

    python tools/translations.py          # update tavla/locale/sv/LC_MESSAGES/tavla.po and .mo
    python tools/translations.py --check  # exit 1 if a message lacks Swedish or the .mo is stale

Needs Babel (in the [test] extra). Message ids are English; Swedish is the default language.
"""

from __future__ import annotations

import gettext
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tavla"
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "tavla.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "ngettext": (1, 2)}
# Fixed dates keep the compiled catalogue byte-for-byte stable, so --check can compare it.
STABLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)
HEADER = "# Swedish messages for tavla. Ids are English; edit msgstr, run tools/translations.py."


def extracted() -> Catalog:
    template = Catalog(project="tavla")
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS, comment_tags=()
    ):
        template.add(message)
    return template


def merged() -> Catalog:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    catalog.update(extracted(), no_fuzzy_matching=True)
    catalog.creation_date = catalog.revision_date = STABLE_DATE
    catalog.header_comment = HEADER
    catalog.project, catalog.version = "tavla", ""
    catalog.last_translator = catalog.language_team = "tavla"
    catalog.msgid_bugs_address = ""
    return catalog


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def missing(catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def stale_messages(catalog: Catalog) -> list[str]:
    """Messages whose compiled translation differs from the .po (compared by content, not bytes)."""
    with MO.open("rb") as handle:
        compiled_mo = gettext.GNUTranslations(handle)
    out = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            got = (compiled_mo.ngettext(*message.id, 1), compiled_mo.ngettext(*message.id, 2))
            want = tuple(message.string)
        else:
            got, want = compiled_mo.gettext(message.id), message.string
        if got != want:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main() -> int:
    catalog = merged()
    gaps = missing(catalog)
    if "--check" in sys.argv:
        stale = not MO.exists() or stale_messages(catalog)
        for message in gaps:
            print(f"no Swedish for: {message}")
        if stale:
            print(f"{MO.relative_to(ROOT)} is out of date: run python tools/translations.py")
        return 1 if gaps or stale else 0
    with PO.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, sort_output=True, width=100)
    MO.write_bytes(compiled(catalog))
    for message in gaps:
        print(f"no Swedish yet: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
