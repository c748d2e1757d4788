"""The planner says a file the system refused in its own language (audit: "Opslaan mislukt" showed
"Bestand 'sjabloon.xlsx' kan niet worden opgeslagen: Is a directory.", Dutch with Python's English
reason, and the same Dutch sentence in the English planner; a failed background job showed
Python's "[Errno 21] Is a directory: '...'")."""

from __future__ import annotations

import pytest

from ui.i18n import set_language
from ui.workers import said


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_template_saved_onto_a_folder_is_said_in_the_planners_language(window, tmp_path, language):
    c = window.controller
    errors: list[tuple[str, str]] = []
    c.errorMessage.connect(lambda title, text: errors.append((title, text)))
    (tmp_path / "sjabloon.xlsx").mkdir()
    set_language(language)
    try:
        assert not c.write_template(tmp_path / "sjabloon.xlsx")
    finally:
        set_language("nl")
    [(_title, text)] = errors
    assert text == ("File 'sjabloon.xlsx' cannot be saved: that is a folder, not a file." if language == "en"
                    else "Bestand 'sjabloon.xlsx' kan niet worden opgeslagen: dat is een map, geen bestand.")


def test_a_job_failing_on_a_folder_says_which_and_why(tmp_path):
    with pytest.raises(OSError) as caught:
        tmp_path.read_bytes()
    assert said(caught.value) == f"'{tmp_path}': dat is een map, geen bestand"
    set_language("en")
    try:
        assert said(caught.value) == f"'{tmp_path}': that is a folder, not a file"
    finally:
        set_language("nl")
