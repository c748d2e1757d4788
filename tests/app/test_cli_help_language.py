"""The command line speaks one language at a time: its help and argparse's own words (usage, section
titles, usage errors) in Dutch by default and in English under ``--lang en``."""

from __future__ import annotations

import argparse

import pytest

from app.cli.helptexts import HELP
from app.cli.klasvormer import main

COMMANDS = ([], ["solve"], ["tradeoff"], ["check"], ["template"], ["run-default"], ["simulate"])
ENGLISH_ONLY = ("usage:", "options:", "show this help", "positional arguments", "(default", "seconds")
DUTCH_ONLY = ("gebruik:", "opties:", "toon deze hulp", "argumenten:", "(standaard", "seconden")


def _help(argv: list[str], capsys) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "klasvormer")
def test_the_help_is_dutch_by_default_and_english_under_lang_en(command, capsys):
    dutch = _help([*command, "--help"], capsys)
    english = _help(["--lang", "en", *command, "--help"], capsys)
    assert "gebruik:" in dutch and "usage:" in english
    for word in ENGLISH_ONLY:
        assert word not in dutch, (command, word)
    for word in DUTCH_ONLY:
        assert word not in english, (command, word)


def test_every_subcommand_line_is_in_the_language_asked(capsys):
    dutch = " ".join(_help(["--help"], capsys).split())
    english = " ".join(_help(["--lang", "en", "--help"], capsys).split())
    for key in ("solve", "tradeoff", "check", "template", "run_default", "simulate"):
        nl, en = HELP[key]
        assert nl in dutch and en not in dutch, key
        assert en in english and nl not in english, key


@pytest.mark.parametrize(("argv", "expected"), [
    (["solve"], "klasvormer solve: fout: deze argumenten ontbreken: input"),
    (["--lang", "en", "solve"], "klasvormer solve: error: the following arguments are required: input"),
    (["simulate", "sample", "--scenario", "overvloed"], "fout: argument --scenario: ongeldige keuze: 'overvloed'"),
    (["bogus"], "fout: argument command: ongeldige keuze: 'bogus'"),
    (["solve", "x.xlsx", "--frobnicate"], "fout: onbekende argumenten: --frobnicate"),
    (["--lang", "en", "solve", "x.xlsx", "--frobnicate"], "error: unrecognized arguments: --frobnicate"),
])
def test_usage_errors_are_in_the_language_asked(argv, expected, capsys):
    assert main(argv) == 2
    assert expected in capsys.readouterr().err


def test_argparse_keeps_its_own_words_after_a_call(capsys):
    """The Dutch words hold only during the call: another argparse user in the process is not changed."""
    main(["--help"])
    capsys.readouterr()
    parser = argparse.ArgumentParser(prog="other")
    assert "usage: other" in parser.format_help() and "options:" in parser.format_help()


def test_python_m_app_cli_simulate_is_klasvormer_simulate(capsys):
    from app.cli.simulate import main as simulate

    assert simulate(["--lang", "en", "--help"]) == 0
    assert "usage: klasvormer simulate" in capsys.readouterr().out
