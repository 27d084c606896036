"""briefer/ type-checks under mypy --strict (pyproject.toml's [tool.mypy]): `make test` and CI run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_briefer_is_clean_under_mypy_strict() -> None:
    env = {**os.environ, "MYPY_CACHE_DIR": os.environ.get("MYPY_CACHE_DIR", str(ROOT / ".mypy_cache"))}
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "briefer"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
