"""Fast checks for the frozen program's paths (issue 21.4) and ``klasvormer --version``, without
building it: ``sys.frozen`` is what PyInstaller sets."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from app.cli import klasvormer as cli

ROOT = Path(__file__).resolve().parents[2]


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"klasvormer {version}"


def test_run_default_writes_into_the_current_folder_when_not_frozen(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    """out/ of the current folder (it was the source tree's out/ wherever it was run from)."""
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.default_out() == tmp_path / "out" / "plan_b1_aanbieder.xlsx"


@pytest.mark.parametrize("documents", [True, False])
def test_frozen_run_default_writes_to_the_users_documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                          documents: bool) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    if documents:
        (tmp_path / "Documents").mkdir()
    out = cli.default_out()
    assert out == tmp_path / ("Documents" if documents else "") / "Klasvormer" / "plan_b1_aanbieder.xlsx"
    assert not out.is_relative_to(ROOT) and not out.is_relative_to(Path(sys.executable).parent)
