"""What a planner sees where the desktop build (packaging/) differs from a Python install, tested
without building it (``sys.frozen`` is what PyInstaller sets; audit 6, dist)."""

from __future__ import annotations

import sys

import pytest

from app.cli.exits import EXIT_USAGE
from app.cli.klasvormer import main


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_scheduler_without_dask_is_a_usage_error_in_words(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str],
                                                             frozen: bool, lang: str) -> None:
    """The desktop build has no dask: ``--scheduler`` said "Onverwachte fout: RuntimeError: a
    scheduler address needs dask.distributed: pip install ..." (English in Dutch, exit 3, after the
    input was read). Now a usage error before any run, in the message language, that says what to do."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # as where it is not installed
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    code = main(["--lang", lang, "simulate", "sample", "--weeks", "1", "--quiet", "--time-limit", "1",
                 "--scheduler", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "RuntimeError" not in err and "Onverwachte" not in err and "Unexpected" not in err, err
    assert "--scheduler" in err and "--workers" in err, err
    assert ("desktop" in err) == frozen, err
    assert ("niet is geïnstalleerd" in err) == (lang == "nl"), err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_run_default_help_names_the_folder_the_desktop_build_writes_to(monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      tmp_path, lang: str) -> None:
    """``klasvormer run-default --help`` (and ``klasvormer --help``) in the desktop build said "out/ in
    de huidige map", where it writes to Documents/Klasvormer (app.cli.files.default_out)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    folder = str(tmp_path / "Documents" / "Klasvormer")
    for args in (["run-default", "--help"], ["--help"]):
        assert main(["--lang", lang, *args]) == 0
        out = "".join(capsys.readouterr().out.split())  # argparse wraps a long path anywhere
        assert "".join(folder.split()) in out, out
        assert "out/" not in out, out
