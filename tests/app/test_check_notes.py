"""``klasvormer check`` says what the plan will say of the settings, and the CLI survives a
reader that goes away (``| head``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from app.cli.exits import EXIT_OK
from app.cli.klasvormer import main
from tests.app.test_no_teachers import sample_without_teachers

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"


def _no_morning_teachers(tmp_path: Path) -> Path:
    """The sample with no teacher in the mornings, where its running classes meet."""
    return sample_without_teachers(tmp_path, "geen_ochtenddocenten.xlsx", "ochtend")


def test_check_says_running_classes_use_more_teachers_than_there_are(tmp_path, capsys) -> None:
    """Seen from outside: check said only "in orde" where solve then said that the running
    classes use more teachers than there are on five mornings."""
    path = _no_morning_teachers(tmp_path)
    assert main(["check", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "in orde" in out and "Let op" in out
    # one line per count, the dayparts together (five mornings, three counts)
    assert "Lopende klassen gebruiken op di-ochtend, do-ochtend al 4 docenten, meer dan de 0 beschikbaar" in out
    assert out.count("Lopende klassen gebruiken") == 3
    assert main(["--lang", "en", "check", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Running classes already use 4 teachers on Tue morning, Thu morning, more than the 0 available" in out


def test_check_says_running_classes_use_rooms_a_location_does_not_have(tmp_path, capsys) -> None:
    """Seen from outside: a location set to 0 rooms where two running classes meet; neither check
    nor the plan said a word, where the same for teachers was said."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Locaties"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Centrum Weesperplein":
            row[3].value = 0
    path = tmp_path / "geen_lokalen.xlsx"
    wb.save(path)
    assert main(["check", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert ("Lopende klassen gebruiken op locatie Centrum Weesperplein op ma-ochtend, ma-middag, wo-ochtend, "
            "wo-middag, vr-ochtend, vr-middag al 1 lokaal, meer dan de 0 beschikbaar") in out


def test_check_of_the_sample_has_no_notes(capsys) -> None:
    assert main(["check", str(SAMPLE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "in orde" in out and "Let op" not in out


def test_a_solve_piped_into_head_still_writes_its_plan(tmp_path) -> None:
    """The reader of standard output goes away before the plan is printed (``| true``; ``| head
    -1`` does the same once its line has come): the plan is still written, the exit code is 0
    and nothing is said of a broken pipe (before: "Onverwachte fout: BrokenPipeError" and exit
    code 3, "no plan", though the plan was written)."""
    out, proc = _solve(tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is printed
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == EXIT_OK, err
    assert out.exists()
    assert "BrokenPipe" not in err and "Broken pipe" not in err


def _solve(tmp_path: Path, *extra: str, stdout=subprocess.PIPE, stderr=subprocess.PIPE, shell_tail: str = ""):
    from app.synth import b1_provider
    from app.workbook.template import write_input_workbook

    out = tmp_path / "plan.xlsx"
    small = tmp_path / "klein.xlsx"
    if not small.exists():
        write_input_workbook(b1_provider(40, seed=3, running=2), small)
    # a short search: what matters is what happens to the writes (the input's warnings come before
    # it, its first progress line at about 0.1 s, the plan's summary after it)
    args = [sys.executable, "-m", "app.cli", "solve", str(small), "-o", str(out), "--time-limit", "0.3", *extra]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    if shell_tail:  # a stream closed before the program starts (no console: pythonw, a scheduled task)
        line = " ".join(f"'{a}'" for a in args) + " " + shell_tail
        return out, subprocess.run(["/bin/sh", "-c", line], capture_output=True, text=True, cwd=ROOT, env=env,
                                   timeout=300)
    return out, subprocess.Popen(args, stdout=stdout, stderr=stderr, cwd=ROOT, env=env)


def test_a_solve_whose_progress_reader_goes_away_still_writes_its_plan(tmp_path) -> None:
    """``solve --progress 2>&1 | head -1``: the progress lines go to standard error; when its
    reader was gone the run ended "Onverwachte fout: BrokenPipeError", exit 1, no plan."""
    out, proc = _solve(tmp_path, "--progress", stdout=subprocess.DEVNULL)
    assert proc.stderr is not None
    proc.stderr.close()
    assert proc.wait(timeout=300) == EXIT_OK
    assert out.exists()


def test_a_solve_without_standard_output_or_error_still_writes_its_plan(tmp_path) -> None:
    """Standard output or error closed (``>&-``, ``2>&-``; ``sys.stdout`` is None): before,
    "Onverwachte fout: AttributeError ... 'NoneType'", exit 120 or 3, and with standard error
    closed no plan."""
    for tail in (">&-", "2>&-"):
        out, done = _solve(tmp_path, shell_tail=tail)
        assert done.returncode == EXIT_OK, (tail, done.stdout, done.stderr)
        assert out.exists(), tail
        assert "Onverwachte fout" not in done.stdout + done.stderr
        out.unlink()
