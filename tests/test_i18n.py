"""One translation mechanism: every message in the code has Swedish, and English is available."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_message_has_swedish_and_the_compiled_catalogue_is_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "tavla", *args], capture_output=True, text=True, env=environment
    )


def test_swedish_is_the_default_and_english_is_one_flag_or_variable_away(tmp_path):
    missing = str(tmp_path / "none.db")
    swedish = _cli("--db", missing, "participant", "list", TAVLA_LANG="")
    english_flag = _cli("--lang", "en", "--db", missing, "participant", "list", TAVLA_LANG="")
    english_env = _cli("--db", missing, "participant", "list", TAVLA_LANG="en")
    assert "Det finns ingen databas" in swedish.stderr
    assert "There is no database" in english_flag.stderr
    assert "There is no database" in english_env.stderr


def test_an_unknown_language_is_one_sentence():
    result = _cli("--lang", "fi", "--version")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "fi" in result.stderr
