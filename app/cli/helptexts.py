"""What ``klasvormer --help`` says, in Dutch and English (``--lang``): the options' help lines
(:data:`HELP`, read with :func:`h`) and argparse's own words -- usage, section titles, its error
messages (:func:`argparse_speaks`). The parser is built after the language is known
(:func:`app.cli.args.lang_in`), so ``--lang en --help`` is English throughout."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import Any

from app.cli.texts import lang
from optimizer.messages import Catalogue

HELP = Catalogue({
    # --- the command and its global options (klasvormer.py, args.py) ------------------------------------
    "description": ("Klasvormer: klassen plannen voor taalaanbieders.", "Klasvormer: class planning for language providers."),
    "help": ("toon deze hulp en stop", "show this help message and exit"),
    "version": ("toon het versienummer en stop", "show the version number and exit"),
    "lang": ("taal van meldingen en van de geschreven werkmappen (nl of en; bladnamen, kolomkoppen en waarden die "
             "weer ingelezen worden blijven Nederlands)",
             "language of messages and of the workbooks written (nl or en; sheet names, column headers and values "
             "that are read back stay Dutch)"),
    "verbose": ("meer logregels", "more log lines"),
    "commands": ("opdrachten", "commands"),
    # --- shared by solve and tradeoff -------------------------------------------------------------------
    "input": ("invoerwerkmap (.xlsx), planwerkmap of deelnemerslijst (.csv); 'sample': het meegeleverde voorbeeld",
              "input workbook (.xlsx), plan workbook or learner list (.csv); 'sample': the bundled example"),
    "settings": ("instellingenwerkmap met de bladen die de invoer mist (Locaties, Lesroosters, Routes, Docenten, "
                 "Instellingen, ...): nodig bij een deelnemerslijst (.csv); 'sample': die van het meegeleverde voorbeeld",
                 "settings workbook with the sheets the input lacks (Locaties, Lesroosters, Routes, Docenten, "
                 "Instellingen, ...): needed with a learner list (.csv); 'sample': those of the bundled example"),
    "time_limit": ("rekentijd in seconden, groter dan 0 (standaard {seconds})",
                   "computing time in seconds, more than 0 (default {seconds})"),
    "time_limit_all": ("tijd voor alle plannen samen, inlezen inbegrepen, in seconden, groter dan 0 (standaard {seconds})",
                       "time for all plans together, reading included, in seconds, more than 0 (default {seconds})"),
    "preset": ("afweging: 'snelle start', 'gebalanceerd' of 'homogeen'",
               "balance: 'snelle start' (fast start), 'gebalanceerd' (balanced) or 'homogeen' (homogeneous)"),
    "horizon": ("planperiode in weken, 1 tot en met {max} (overschrijft de werkmap)",
                "planning period in weeks, 1 to {max} (overrides the workbook)"),
    "deterministic": ("zelfde invoer geeft hetzelfde plan; de tijdslimiet telt dan in deterministische "
                      "eenheden, die op een trage of drukke computer een veelvoud van die seconden kunnen duren",
                      "the same input gives the same plan; the time limit then counts in deterministic units, "
                      "which can take several times those seconds on a slow or busy computer"),
    "seed": ("0 tot en met {max}", "0 to {max}"),
    "workers": ("solver-threads: 8 voor het volledige model (kleine plannen); grotere plannen: zoekdraden, één per "
                "kern (standaard 2; 1 tot en met {max})",
                "solver threads: 8 for the full model (small plans); larger plans: search threads, one per core "
                "(default 2; 1 to {max})"),
    "json": ("resultaat als JSON op stdout", "result as JSON on stdout"),
    "errors": ("schrijf bij fouten een foutenwerkmap naar dit pad", "on errors, write an error workbook to this path"),
    "max_messages": ("toon hooguit zoveel fouten en zoveel waarschuwingen (0 of meer; standaard {default})",
                     "show at most this many errors and this many warnings (0 or more; default {default})"),
    "zonder_namen": ("planwerkmap om te delen (bijv. met de gemeente): deelnemers alleen met id, zonder namen, "
                     "notities, volledige postcodes en eigen kolommen",
                     "plan workbook to share (e.g. with the municipality): learners by id only, without names, "
                     "notes, full postcodes and own columns"),
    "houd_kolom": ("met --zonder-namen: deze eigen kolom toch meenemen (herhaalbaar)",
                   "with --zonder-namen: keep this own column after all (repeatable)"),
    # --- solve ------------------------------------------------------------------------------------------
    "solve": ("maak een plan", "make a plan"),
    "solve_output": ("planwerkmap (.xlsx) om te schrijven", "plan workbook (.xlsx) to write"),
    "progress": ("toon voortgang ook buiten een terminal", "show progress outside a terminal too"),
    "bound_time": ("extra seconden na het plan voor een bewezen ondergrens (kolomgeneratie): hoe ver het plan "
                   "hooguit van het best mogelijke ligt",
                   "extra seconds after the plan for a proven lower bound (column generation): how far the plan "
                   "is at most from the best possible"),
    # --- tradeoff ---------------------------------------------------------------------------------------
    "tradeoff": ("afwegingskader: plannen van snelle start tot homogeen",
                 "trade-off frame: plans from fast start to homogeneous"),
    "points": ("aantal plannen, 1 of meer (standaard 5)", "number of plans, 1 or more (default 5)"),
    "tradeoff_output": ("planwerkmap met blad Afwegingen; de andere bladen houden het middelste plan (met --max-wait "
                        "of --max-misfit: het gekozen plan; --json: \"chosen\")",
                        "plan workbook with the Afwegingen sheet; the other sheets hold the middle plan (with "
                        "--max-wait or --max-misfit: the plan chosen; --json: \"chosen\")"),
    "chart": ("grafiek (PNG) van wachttijd tegen niveauverschil", "chart (PNG) of waiting time against level misfit"),
    "max_wait": ("zoek het meest homogene plan met een gemiddelde wachttijd van hooguit zoveel weken "
                 "(--points plannen, steeds dichter bij de grens)",
                 "find the most homogeneous plan with a mean waiting time of at most this many weeks "
                 "(--points plans, ever closer to the cap)"),
    "max_misfit": ("zoek het snelst startende plan met een gemiddeld niveauverschil van hooguit zoveel punten",
                   "find the fastest-starting plan with a mean level misfit of at most this many points"),
    "weeks_metavar": ("WEKEN", "WEEKS"),
    "points_metavar": ("PUNTEN", "POINTS"),
    # --- check, template, run-default -------------------------------------------------------------------
    "check": ("controleer een invoerbestand zonder te plannen", "check an input file without planning"),
    "check_errors": ("schrijf een foutenwerkmap naar dit pad", "write an error workbook to this path"),
    "template": ("schrijf een leeg invoersjabloon", "write an empty input template"),
    "next_week": ("de volgende planweek: zet een planwerkmap over naar een latere plandatum (gestarte klassen "
                  "worden lopende klassen, gestarte deelnemers gaan naar het blad Gestart)",
                  "the next planning week: carry a plan workbook over to a later plan date (started classes become "
                  "running classes, started learners go to the sheet Gestart)"),
    "next_week_input": ("de planwerkmap (.xlsx) van de vorige planweek", "the plan workbook (.xlsx) of the last planning week"),
    "next_week_date": ("de nieuwe plandatum (DD-MM-JJJJ), hele weken na de plandatum van de werkmap",
                       "the new plan date (DD-MM-YYYY), whole weeks after the workbook's plan date"),
    "next_week_output": ("de planwerkmap (.xlsx) van de volgende planweek om te schrijven",
                         "the plan workbook (.xlsx) of the next planning week to write"),
    "template_output": ("het sjabloon (.xlsx) om te schrijven", "the template (.xlsx) to write"),
    "force": ("overschrijf een bestaand bestand", "overwrite an existing file"),
    "force_output": ("overschrijf ook een bestaand bestand dat geen eerdere uitvoer van Klasvormer van dezelfde "
                     "soort is (de invoer nooit)",
                     "overwrite an existing file even when it is no earlier Klasvormer output of the same kind "
                     "(never the input)"),
    "run_default": ("plan het meegeleverde voorbeeld en schrijf de planwerkmap naar out/ in de huidige map",
                    "plan the bundled sample and write the plan workbook to out/ in the current folder"),
    "run_default_frozen": ("plan het meegeleverde voorbeeld en schrijf de planwerkmap naar {folder}",
                           "plan the bundled sample and write the plan workbook to {folder}"),
    # --- simulate (simulate.py) -------------------------------------------------------------------------
    "simulate": ("speel een jaar aanmeldingen na met wekelijks herplannen en vergelijk beleid",
                 "replay a year of arrivals with weekly re-planning and compare policies"),
    "sim_description": ("Beleidssimulatie: een jaar aanmeldingen, elke week opnieuw gepland, per beleid vergeleken.",
                        "Policy simulation: a year of arrivals, re-planned every week, compared per policy."),
    "sim_input": ("werkmap (.xlsx), deelnemerslijst (.csv, met --settings) of 'sample' (het meegeleverde "
                  "voorbeeld, samples/b1_aanbieder.xlsx)",
                  "workbook (.xlsx), learner list (.csv, with --settings) or 'sample' (the bundled example, "
                  "samples/b1_aanbieder.xlsx)"),
    "sim_weeks": ("te simuleren weken, 1 tot en met {max} (standaard 52)", "weeks to simulate, 1 to {max} (default 52)"),
    "sim_policies": ("te vergelijken beleid, bijv. status-quo snelle-start gebalanceerd homogeen "
                     "gebalanceerd+streeftermijn=10 homogeen+maxreis=30 (ook met komma's; standaard: {default})",
                     "policies to compare, e.g. status-quo snelle-start gebalanceerd homogeen "
                     "gebalanceerd+streeftermijn=10 homogeen+maxreis=30 (comma-separated also accepted; "
                     "default: {default})"),
    "sim_seeds": ("seeds, bijv. 1,2,3 of 1-5 (standaard 1)", "seeds, e.g. 1,2,3 or 1-5 (default 1)"),
    "sim_out": ("schrijf summary.csv, weekly.csv, learners.csv, classes.csv, settings.json en grafieken (PNG) "
                "in deze map (resultaten van een eerdere simulatie daar die deze niet opnieuw schrijft, "
                "worden verwijderd)",
                "write summary.csv, weekly.csv, learners.csv, classes.csv, settings.json and PNG charts here "
                "(an earlier simulation's results there that this one does not write again are removed)"),
    "sim_time_limit": ("seconden per wekelijkse planning (standaard 2)", "seconds per weekly solve (default 2)"),
    "sim_arrivals": ("gemiddeld aantal aanmeldingen per week (standaard 50)", "mean arrivals a week (default 50)"),
    "sim_horizon": ("weken vooruit per weekplan, 1 tot en met {max} (standaard 8)",
                    "weeks each weekly plan looks ahead, 1 to {max} (default 8)"),
    "sim_mode": ("aanmeldingen: resample (de deelnemers uit de invoer opnieuw getrokken, standaard; zonder "
                 "deelnemers synth), synth (standaardcijfers, zie app/simulation/arrivals.py) of replay (de "
                 "deelnemers uit de invoer op hun eigen datums)",
                 "arrivals: resample the input's learners (default; synth without learners), synth (default "
                 "figures, see app/simulation/arrivals.py), or replay the input's learners by their dates"),
    "sim_peak": ("instroom in piekmaanden ten opzichte van andere maanden, zelfde jaartotaal (standaard 1 = gelijk)",
                 "inflow in peak months relative to other months, same yearly total (default 1 = even)"),
    "sim_peak_months": ("piekmaanden (standaard 12: de huisvestingspiek aan het eind van het jaar)",
                        "peak months (default 12: the year-end housing peak)"),
    "sim_known_ahead": ("deel van de aanmeldingen dat 1-6 weken vooraf bekend is, 0 tot en met 1 (standaard 0,4)",
                        "share of arrivals known 1-6 weeks ahead, 0 to 1 (default 0.4)"),
    "sim_backlog": ("deelnemers die bij de start al wachten (0 of meer)", "learners already waiting at the start (0 or more)"),
    "sim_capacity": ("docenten en lokalen: 'auto' (naar de instroom geschaald) of een factor (standaard auto)",
                     "teachers and rooms: 'auto' (scaled to the arrival rate) or a factor (default auto)"),
    "sim_scenario": ("gekalibreerde docenten en lokalen, gelijk voor elk beleid: krap (de status quo wacht 12-26 "
                     "weken op het voorbeeld), gemiddeld (6-10 weken), ruim (= auto); '-piek' voegt de instroompiek "
                     "aan het eind van het jaar toe (zet --peak); niet samen met --capacity",
                     "calibrated teachers and rooms, the same for every policy: krap (the status quo waits 12-26 "
                     "weeks on the sample), gemiddeld (6-10 weeks), ruim (= auto); '-piek' adds the year-end inflow "
                     "peak (sets --peak); not with --capacity"),
    "sim_workers": ("lokale processen voor de runs (standaard: alle kernen; 1 = geen subprocessen; hooguit {max})",
                    "local processes for the sweep (default: all cores; 1 = no subprocesses; at most {max})"),
    "sim_scheduler": ("dask.distributed-scheduler (bijv. tcp://10.0.0.5:8786); vraagt de extra 'dask'",
                      "dask.distributed scheduler (e.g. tcp://10.0.0.5:8786); needs the 'dask' extra"),
    "sim_solve_workers": ("CP-SAT-workers per wekelijkse planning (standaard: de kernen die de parallelle runs "
                          "vrijlaten, met --deterministic 2; 1 tot en met {max})",
                          "CP-SAT workers per weekly solve (default: the cores the parallel runs leave free, "
                          "with --deterministic 2; 1 to {max})"),
    "sim_deterministic": ("herhaalbare planningen (tijdslimiet in deterministische eenheden)",
                          "repeatable solves (time limit in deterministic units)"),
    "sim_check": ("controleer elk weekplan (trager)", "validate every weekly plan (slower)"),
    "sim_no_commit": ("elke week vrij herplannen (geen straf op het verplaatsen van vorige week aangekondigde klassen)",
                      "re-plan freely every week (no move penalty for last week's announced classes)"),
    "sim_quiet": ("geen voortgangsbalk", "no progress bar"),
    "sim_json": ("resultaat als JSON op stdout in plaats van de tabellen: per_policy (de kerncijfers per beleid, "
                 "met de namen van summary.csv), paired (de gepaarde verschillen, als paired_differences.csv), "
                 "settings (als settings.json) en out (de map van --out)",
                 "result as JSON on stdout instead of the tables: per_policy (the figures per policy, named as in "
                 "summary.csv), paired (the paired differences, as paired_differences.csv), settings (as "
                 "settings.json) and out (the --out folder)"),
    "folder_metavar": ("MAP", "DIR"),
    "workbook_metavar": ("WERKMAP", "WORKBOOK"),
    "name_metavar": ("NAAM", "NAME"),
    "policy_metavar": ("BELEID", "POLICY"),
})


def h(key: str, **params: Any) -> str:
    """The help line ``key`` in the ``--lang`` language, ready for argparse (which %-formats it)."""
    return HELP.text(key, lang(), **params).replace("%", "%%")


ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hooguit één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "ignored explicit argument %r": "genegeerde waarde %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)",
}
"""argparse's own words in Dutch (Python ships no Dutch translation of them); any other stays English."""

ARGPARSE_NL_PLURAL = {("expected %s argument", "expected %s arguments"): ("verwacht %s waarde", "verwacht %s waarden")}
"""The same for argparse's words with a singular and a plural."""


@contextlib.contextmanager
def argparse_speaks(language: str) -> Iterator[None]:
    """argparse's words in ``language`` while the parser is built and used (it looks them up
    through its module's ``_`` and ``ngettext`` at each use); as they were afterwards, so an
    in-process call of the CLI leaves no trace."""
    if language != "nl":
        yield
        return
    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def nl(text: str) -> str:
        return ARGPARSE_NL.get(text, text)

    def nl_plural(one: str, many: str, n: int) -> str:
        one, many = ARGPARSE_NL_PLURAL.get((one, many), (one, many))
        return one if n == 1 else many

    argparse._, argparse.ngettext = nl, nl_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]

