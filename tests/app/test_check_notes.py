"""``klasvormer check`` says what the plan will say of the settings, and the CLI survives a
reader that goes away (``| head``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    assert "Lopende klassen gebruiken op di-ochtend al 4 docenten, meer dan de 0 beschikbaar" in out
    assert main(["--lang", "en", "check", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Running classes already use 4 teachers on di-ochtend, more than the 0 available" in out


def test_check_of_the_sample_has_no_notes(capsys) -> None:
    assert main(["check", str(SAMPLE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "in orde" in out and "Let op" not in out


def test_a_solve_piped_into_head_still_writes_its_plan(tmp_path) -> None:
    """The reader of standard output goes away before the plan is printed (``| true``; ``| head
    -1`` does the same once its line has come): the plan is still written, the exit code is 0
    and nothing is said of a broken pipe (before: "Onverwachte fout: BrokenPipeError" and exit
    code 3, "no plan", though the plan was written)."""
    out = tmp_path / "plan.xlsx"
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "solve", str(SAMPLE), "-o", str(out),
                             "--time-limit", "1", "--deterministic"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is printed
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == EXIT_OK, err
    assert out.exists()
    assert "BrokenPipe" not in err and "Broken pipe" not in err
