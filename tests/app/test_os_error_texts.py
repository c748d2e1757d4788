"""A file the system refuses is said in the message's language, not in Python's English.

Audit: a Dutch message embedded ``str(OSError)`` or its ``strerror`` ("Kan niet schrijven in map
'...': File exists.", "... kan niet worden opgeslagen: Is a directory."). The common cases now
have a Dutch and an English wording (:mod:`app.os_errors`); the message still names the file;
a rare error keeps the system's own text. The errors here are real ones root gets too (this
machine runs the tests as root, which may read and write anything): a folder where a file is
written, a file where a folder is expected, a missing file; permission is tested by wording a
constructed ``PermissionError``."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli.klasvormer import main
from app.planner.encoding import ProjectError
from app.planner.project import load_project
from app.workbook.importer import load_problem
from app.workbook.xlsx_util import WriteError, atomic_save

# what Python's own (English) texts of these errors contain
SYSTEM = re.compile(r"Errno|Permission denied|File exists|Is a directory|Not a directory|No such file")


def _caught(fn) -> OSError:
    try:
        fn()
    except OSError as exc:
        return exc
    raise AssertionError("no error")


def test_the_common_system_errors_have_a_dutch_and_an_english_wording(tmp_path):
    from app.os_errors import os_error_text, os_reason

    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "plan.xlsx"))
    assert os_reason(denied).nl.startswith("toegang geweigerd") and os_reason(denied).en.startswith("access denied")
    assert os_error_text(denied) == f"'{tmp_path / 'plan.xlsx'}': {os_reason(denied).nl}"  # the path kept
    assert os_error_text(denied, "en") == f"'{tmp_path / 'plan.xlsx'}': {os_reason(denied).en}"
    missing = _caught(lambda: (tmp_path / "nergens.xlsx").read_bytes())
    folder = _caught(lambda: tmp_path.read_bytes())
    (tmp_path / "bestand").write_text("x")
    under_file = _caught(lambda: (tmp_path / "bestand" / "plan.xlsx").write_bytes(b""))
    full = OSError(errno.ENOSPC, "No space left on device")
    for exc, nl, en in ((missing, "niet gevonden", "not found"), (folder, "een map, geen bestand", "a folder"),
                        (under_file, "een bestand, geen map", "a file, not a folder"),
                        (full, "de schijf is vol", "the disk is full")):
        assert nl in os_reason(exc).nl and en in os_reason(exc).en
        assert not SYSTEM.search(os_reason(exc).nl + os_reason(exc).en)
        assert not SYSTEM.search(os_error_text(exc)) and str(exc.filename or "") in os_error_text(exc)
    locked = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by "
                                           "another process")
    locked.winerror = 32  # as on Windows: Excel has the file open (a sharing violation)
    assert "geopend in een ander programma" in os_reason(locked).nl and "open in another program" in os_reason(locked).en
    rare = OSError(errno.ECONNRESET, "Connection reset by peer")  # no wording of ours: the system's text
    assert os_reason(rare).nl == os_reason(rare).en == "Connection reset by peer"


def test_a_workbook_saved_onto_a_folder_says_so_in_both_languages(tmp_path):
    (tmp_path / "plan.xlsx").mkdir()
    exc = _caught(lambda: atomic_save(Workbook(), tmp_path / "plan.xlsx"))
    assert isinstance(exc, WriteError)
    assert exc.nl == "Bestand 'plan.xlsx' kan niet worden opgeslagen: dat is een map, geen bestand."
    assert exc.en == "File 'plan.xlsx' cannot be saved: that is a folder, not a file."


def test_a_workbook_saved_under_a_file_says_so_in_both_languages(tmp_path):
    (tmp_path / "uitvoer").write_text("geen map")
    exc = _caught(lambda: atomic_save(Workbook(), tmp_path / "uitvoer" / "plan.xlsx"))
    assert isinstance(exc, WriteError)
    assert str(tmp_path / "uitvoer") in exc.nl and not SYSTEM.search(exc.nl + exc.en)
    assert "er staat al een bestand of map met die naam" in exc.nl and "already there" in exc.en


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_cli_says_a_template_under_a_file_in_its_language(tmp_path, capsys, language):
    (tmp_path / "uitvoer").write_text("geen map")
    target = tmp_path / "uitvoer" / "sjabloon.xlsx"
    assert main(["template", str(target), "--lang", language]) == 4
    line = next(ln for ln in capsys.readouterr().err.splitlines() if str(target) in ln)
    assert not SYSTEM.search(line) and str(tmp_path / "uitvoer") in line
    assert ("a file or folder of that name" if language == "en" else "een bestand of map met die naam") in line


def test_a_project_under_a_file_is_said_in_both_languages(tmp_path):
    (tmp_path / "map").write_text("geen map")
    with pytest.raises(ProjectError) as caught:
        load_project(tmp_path / "map" / "p.klasvormer")
    assert caught.value.nl == "p.klasvormer kan niet worden gelezen: een deel van het pad is een bestand, geen map."
    assert caught.value.en == "p.klasvormer cannot be read: part of the path is a file, not a folder."


def test_an_input_that_cannot_be_read_is_said_in_both_languages(tmp_path, monkeypatch):
    path = tmp_path / "deelnemers.xlsx"
    path.write_bytes(b"PK")
    opened = Path.open

    def denied(self, *args, **kwargs):  # as a file without read permission (root reads anyway)
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    [issue] = load_problem(path).issues
    assert issue.message.startswith("Bestand 'deelnemers.xlsx' kan niet worden gelezen (toegang geweigerd;")
    assert issue.message_en.startswith("File 'deelnemers.xlsx' cannot be read (access denied;")
    assert not SYSTEM.search(issue.message + issue.message_en)
