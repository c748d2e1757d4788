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
