"""The HTML exports opened as their reader opens them: in a browser (headless Chromium, the
Debian package), rendered to a picture and read back as the page the browser built."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tavla.exports.deidentified import export_deidentified_board
from tavla.exports.figures import export_figures
from tavla.exports.template import export_template

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium here (Debian: apt install chromium)"
)


def _browser(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.fixture
def pages(demo_store, today, tmp_path) -> dict[str, Path]:
    first, last = today.replace(year=today.year - 1, day=1), today.replace(day=1)
    return {
        "template": export_template(demo_store, tmp_path / "mall.html"),
        "board": export_deidentified_board(demo_store, tmp_path / "tavla.html", today=today),
        "figures": export_figures(
            demo_store,
            tmp_path / "siffror.html",
            first_month=first,
            last_month=last,
            today=today,
        ),
    }


def test_each_page_renders_with_its_tables_and_no_script(pages, tmp_path):
    expected = {
        "template": ("Nivåskala", "Måttligt svårt", "Dagordningsregler", "Målgruppskriterier"),
        "board": ("Nivåer per vecka", "2026-W48", "Huvudansvar"),
        "figures": ("Utskrivna efter skäl", "Nivåer per fält", "Möten"),
    }
    for kind, page in pages.items():
        dom = _browser("--dump-dom", page.as_uri()).stdout
        for words in expected[kind]:
            assert words in dom, (kind, words)
        assert "<script" not in dom
        picture = tmp_path / f"{kind}.png"
        _browser(
            "--hide-scrollbars", "--window-size=1200,900", f"--screenshot={picture}", page.as_uri()
        )
        assert _png_size(picture) == (1200, 900)
        assert picture.stat().st_size > 20_000, kind  # a page with tables, not a blank one
