"""Ctrl-C (a real SIGINT, from outside the process) during ``klasvormer solve``'s search: the best
plan so far is kept and written, exit 130.

Found from outside (the analyst's audit): the same SIGINT 4-9 s into a 10 s solve of the sample
ended in "Onverwachte fout: KeyError: 'plan'" (exit 3), in exit 130 without a word and no plan,
or in an abort, "terminate called after throwing an instance of 'std::bad_function_call'"
(exit 134): CP-SAT's own SIGINT handler took the signal from Python while a solve ran, and a
Ctrl-C inside ``Thread.join(timeout)`` left the solving thread looking ended on Python 3.11."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.cli.exits import EXIT_INTERRUPTED

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as in a terminal: Python then raises KeyboardInterrupt


def _interrupted(tmp_path: Path, args: list[str], first: str, wait: float) -> tuple[int, str, str]:
    """Run ``klasvormer ARGS`` on the sample, wait for the first stderr line holding ``first``, then
    ``wait`` seconds, then send SIGINT as a terminal's Ctrl-C does: (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", args[0], str(SAMPLE), *args[1:]], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    try:
        assert proc.stderr is not None
        lines = [proc.stderr.readline()]
        while first not in lines[-1] and lines[-1]:  # (tradeoff first says what it computes)
            lines.append(proc.stderr.readline())
        assert first in lines[-1], lines
        time.sleep(wait)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, stdout, stderr


def test_ctrl_c_during_the_search_keeps_and_writes_the_best_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    # "300 deelnemers ingelezen ...; optimaliseren ...", then 4 s into the search: its CP-SAT
    # solves run in two threads
    code, stdout, stderr = _interrupted(tmp_path, ["solve", "-o", str(out), "--time-limit", "30"],
                                        "optimaliseren", 4)
    assert code == EXIT_INTERRUPTED, (code, stderr)
    assert "bad_function_call" not in stderr and "Onverwachte fout" not in stderr
    assert "Gestopt; het beste plan tot nu toe wordt bewaard" in stderr
    assert stdout.startswith("Plan: ") and out.is_file()


def test_ctrl_c_during_a_tradeoff_keeps_and_writes_the_plans_so_far(tmp_path: Path) -> None:
    """Found from outside: Ctrl-C during ``tradeoff`` exited 130 without a word and wrote nothing,
    though the frontier had plans (its ``stop`` ends it with the points found so far)."""
    out, chart = tmp_path / "plan.xlsx", tmp_path / "afweging.png"
    # "  [1/6] snelste start: ..." once the first plan is there
    # the first plan comes after about a third of the time, the rest runs on for the signal
    code, stdout, stderr = _interrupted(tmp_path, ["tradeoff", "-o", str(out), "--chart", str(chart),
                                                   "--time-limit", "20"], "[1/", 0)
    assert code == EXIT_INTERRUPTED, (code, stderr)
    assert "Gestopt; de plannen tot nu toe worden bewaard" in stderr
    assert "snelste start" in stdout and out.is_file() and chart.is_file()


def test_ctrl_c_while_the_command_starts_is_a_word_not_a_traceback(monkeypatch, capsys):
    """Audit 9 (analyst): on a busy machine the command takes 2-3 s to load its modules and build
    its parser; a Ctrl-C then printed a Python traceback ending in KeyboardInterrupt and the process
    died by the signal (exit -2), where the README promises exit 130."""
    from app.cli import klasvormer

    def interrupted(*_args, **_kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(klasvormer, "build_parser", interrupted)
    assert klasvormer.main(["simulate", "sample", "--weeks", "1"]) == EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert err.strip() == "Onderbroken." and "Traceback" not in err


def test_ctrl_c_while_the_solver_loads_is_a_word_too(tmp_path):
    """The same before the command's main() runs: loading the solver (OR-Tools) is most of the
    start; a SIGINT 0.3-2 s in printed a traceback through cp_model and the process died by the
    signal. Here the Ctrl-C comes as the command's modules load (an import hook raises it)."""
    from app.cli import INTERRUPTED
    from app.cli.texts import TEXTS

    assert TEXTS["interrupted"] == INTERRUPTED
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    hook = ("import builtins, sys\n"
            "real = builtins.__import__\n"
            "def stop(name, *a, **k):\n"
            "    if name.startswith('ortools'):\n"
            "        raise KeyboardInterrupt\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = stop\n"
            "from app.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    for args, said in ((["solve", "sample"], "Onderbroken."), (["--lang", "en", "solve", "sample"], "Interrupted.")):
        proc = subprocess.run([sys.executable, "-c", hook, *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)
        assert (proc.returncode, proc.stderr.strip()) == (EXIT_INTERRUPTED, said), proc.stderr
