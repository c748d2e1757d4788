"""What the ``klasvormer`` command says: its own lines in Dutch and English (``--lang``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from optimizer.messages import Catalogue

# The CLI's own lines, Dutch and English (key -> (nl, en)), a Catalogue like optimizer.messages.TEMPLATES.
TEXTS = Catalogue({
    "more_warnings": ("... en nog {n:waarschuwing|waarschuwingen}", "... and {n:more warning|more warnings}"),
    "more_errors": ("... en nog {n:fout|fouten}", "... and {n:more error|more errors}"),
    "errors_written": ("Foutenwerkmap geschreven: {path}", "Error workbook written: {path}"),
    "no_plan_made": (
        "{path}: {n:fout|fouten}; er is geen plan gemaakt. Herstel de invoer en probeer opnieuw.",
        "{path}: {n:error|errors}; no plan was made. Fix the input and try again.",
    ),
    "solving": (
        "{n:deelnemer|deelnemers} ingelezen uit {path}; optimaliseren (max {seconds:g} s{bound}, "
        "Ctrl-C stopt met het beste plan tot nu toe)...",
        "{n:learner|learners} read from {path}; optimizing (at most {seconds:g} s{bound}, "
        "Ctrl-C stops with the best plan so far)...",
    ),
    "check_tick": (
        "  {s} s  nakijken wat het plan van de instellingen zal zeggen...",
        "  {s} s  checking what the plan will say of the settings...",
    ),
    "next_week_tick": ("  {s} s  de volgende planweek maken...", "  {s} s  making the next planning week..."),
    "progress_start": ("startplan maken...", "making the starting plan..."),
    "solving_bound": (", daarna {seconds:g} s voor de ondergrens", ", then {seconds:g} s for the lower bound"),
    "progress": (
        "doelfunctie {objective:>10.0f}  ondergrens {bound:>10.0f}  verschil {gap}",
        "objective {objective:>10.0f}  bound {bound:>10.0f}  gap {gap}",
    ),
    "problem": ("fout: {problem}", "error: {problem}"),
    "plan_breaks_rules": (
        "interne fout: het plan voldoet niet aan alle regels:\n{report}",
        "internal error: the plan breaks a rule:\n{report}",
    ),
    "cannot_write": ("Kan {path} niet schrijven: {reason}.", "Cannot write {path}: {reason}."),
    "cannot_write_excel": (
        "Kan {path} niet schrijven: {reason}. Is het bestand open in Excel?",
        "Cannot write {path}: {reason}. Is the file open in Excel?",
    ),
    "is_input": (
        "{option} {path} is het invoerbestand; kies een ander pad (de invoer wordt nooit overschreven).",
        "{option} {path} is the input file; choose another path (the input is never overwritten).",
    ),
    "not_ours": (
        "{option} {path} bestaat al en is geen {what} van Klasvormer; kies een andere naam of gebruik "
        "--force om het te overschrijven.",
        "{option} {path} already exists and is not a Klasvormer {what}; choose another name or use "
        "--force to overwrite it.",
    ),
    "kind_plan": ("planwerkmap", "plan workbook"),
    "next_week_not_plan": (
        "{path} is geen planwerkmap van Klasvormer (geen blad Klassen of _Klasvormer). Geef de planwerkmap die "
        "solve schreef (klasvormer solve invoer.xlsx -o plan.xlsx).",
        "{path} is not a Klasvormer plan workbook (no sheet Klassen or _Klasvormer). Give the plan workbook that "
        "solve wrote (klasvormer solve input.xlsx -o plan.xlsx).",
    ),
    "next_week_no_start": (
        "let op: het vorige plan past niet in de nieuwe periode; de nieuwe werkmap bevat de deelnemers en de "
        "lopende klassen, zonder de klassen die nog niet gestart zijn (solve plant die opnieuw).",
        "note: the last plan does not hold in the new period; the new workbook holds the learners and the "
        "running classes, without the classes not yet started (solve plans those again).",
    ),
    "next_week_done": ("{path} overgezet van plandatum {old} naar {new}: {output}",
                       "{path} carried over from plan date {old} to {new}: {output}"),
    "next_week_carried": (
        "  klas {id} is gestart: nu een lopende klas met {n:deelnemer|deelnemers}, {free:vrije plaats|vrije plaatsen}, "
        "einddatum {end}",
        "  class {id} has started: now a running class with {n:learner|learners}, {free:free seat|free seats}, "
        "end date {end}",
    ),
    "next_week_joined": ("  lopende klas {id}: {n:deelnemer|deelnemers} ingestroomd, vrije plaatsen verlaagd",
                         "  running class {id}: {n:learner|learners} joined, free seats lowered"),
    "next_week_finished": ("  klas {id} is afgelopen ({end}) en vervalt", "  class {id} has ended ({end}) and is dropped"),
    "next_week_summary": (
        "{started:deelnemer is|deelnemers zijn} gestart (blad Gestart); nog te plannen: "
        "{learners:deelnemer|deelnemers}; {kept:klas|klassen} nog niet gestart en behouden.",
        "{started:learner has|learners have} started (sheet Gestart); still to plan: {learners:learner|learners}; "
        "{kept:class|classes} not yet started and kept.",
    ),
    "next_week_started_total": (
        "Het blad Gestart houdt nu {total:deelnemer|deelnemers}; {earlier} daarvan stonden al op het blad Gestart "
        "van de vorige werkmap.",
        "The Gestart sheet now holds {total:learner|learners}; {earlier} of them were already on the Gestart sheet "
        "of the previous workbook.",
    ),
    "kind_errors": ("foutenwerkmap", "error workbook"),
    "kind_chart": ("grafiek", "chart"),
    "out_not_ours": (
        "{option} {path} bevat al {files}, niet van een simulatie van Klasvormer; kies een andere map of "
        "gebruik --force om te overschrijven.",
        "{option} {path} already holds {files}, not from a Klasvormer simulation; choose another folder or "
        "use --force to overwrite.",
    ),
    "output_is_folder": (
        "{option} {path} is een map, geen bestand; geef een bestandsnaam, bijvoorbeeld {example}.",
        "{option} {path} is a folder, not a file; give a file name, e.g. {example}.",
    ),
    "output_unwritable": (
        "{option} {path} kan niet worden geschreven: {reason} Kies een ander pad.",
        "{option} {path} cannot be written: {reason} Choose another path.",
    ),
    "same_output": (
        "{first} en {second} noemen hetzelfde bestand ({path}); kies twee verschillende namen.",
        "{first} and {second} name the same file ({path}); choose two different names.",
    ),
    "plan_written": ("Plan geschreven naar {path}", "Plan written to {path}"),
    "tradeoff_plan_written": ("Plan '{label}' geschreven naar {path} (alle plannen op blad Afwegingen)",
                              "Plan '{label}' written to {path} (every plan on the Afwegingen sheet)"),
    "chart_written": ("Grafiek geschreven naar {path}", "Chart written to {path}"),
    "plan_not_written": ("Er is geen planwerkboek geschreven naar {path}.", "No plan workbook was written to {path}."),
    "blocked_not_written": (
        "Er is geen planwerkboek geschreven naar {path}: zonder {what} kan geen nieuwe klas starten, dus dit "
        "is geen plan (afsluitcode 3). {fix}",
        "No plan workbook was written to {path}: without {what} no new class can start, so this is no plan "
        "(exit code 3). {fix}",
    ),
    "blocked_no_plan": (
        "Dit is geen plan: zonder {what} kan geen nieuwe klas starten (afsluitcode 3). {fix}",
        "This is no plan: without {what} no new class can start (exit code 3). {fix}",
    ),
    "blocked_what_teachers": ("docenten", "teachers"),
    "blocked_what_rooms": ("lokalen", "rooms"),
    "blocked_fix_teachers": (
        "Vul op blad Docenten per dagdeel het aantal docenten in en plan opnieuw.",
        "Fill in the number of teachers per daypart on sheet Docenten and plan again.",
    ),
    "blocked_fix_rooms": (
        "Vul op blad Locaties in kolom Lokalen de lokalen per locatie in en plan opnieuw.",
        "Fill in the rooms per location on sheet Locaties, column Lokalen, and plan again.",
    ),
    "check_blocked": (
        "Daardoor stopt solve met afsluitcode 3 zonder een planwerkboek te schrijven; tradeoff en simulate "
        "stoppen ook met afsluitcode 3, zonder te rekenen.",
        "So solve will stop with exit code 3 without writing a plan workbook; tradeoff and simulate also "
        "stop with exit code 3, before any work.",
    ),
    "nothing_written": ("Er is niets geschreven naar {paths}.", "Nothing was written to {paths}."),
    "tradeoff_start": (
        "{n:deelnemer|deelnemers} ingelezen uit {path}; {points:plan|plannen} van snelle start tot homogeen "
        "(max {seconds:g} s samen, Ctrl-C stopt met de plannen tot nu toe)...",
        "{n:learner|learners} read from {path}; {points:plan|plans} from fastest start to most homogeneous "
        "(at most {seconds:g} s in all, Ctrl-C stops with the plans so far)...",
    ),
    "tradeoff_start_cap": (
        "{n:deelnemer|deelnemers} ingelezen uit {path}; het beste plan binnen de grens ({cap}) zoeken "
        "(max {seconds:g} s, Ctrl-C stopt met de plannen tot nu toe)...",
        "{n:learner|learners} read from {path}; searching the best plan within the cap ({cap}) "
        "(at most {seconds:g} s, Ctrl-C stops with the plans so far)...",
    ),
    "tradeoff_tick": ("  {s} s  plannen berekenen...", "  {s} s  computing the plans..."),
    "fewer_plans": (
        "Minder plannen dan gevraagd ({found} van {asked}): de rekentijd van {s} s was te kort voor {asked} "
        "plannen. Probeer --time-limit {t}.",
        "Fewer plans than asked ({found} of {asked}): {s} s was too short for {asked} plans. "
        "Try --time-limit {t}.",
    ),
    "stopped_plans": ("\nGestopt; de plannen tot nu toe worden bewaard...", "\nStopped; keeping the plans so far..."),
    "stopped": ("\nGestopt; het beste plan tot nu toe wordt bewaard...", "\nStopped; keeping the best plan so far..."),
    "one_cap": (
        "Kies een grens op wachttijd (--max-wait) of op niveauverschil (--max-misfit), niet beide.",
        "Choose a cap on waiting (--max-wait) or on level misfit (--max-misfit), not both.",
    ),
    "point": (
        "  [{done}/{total}] {label}: wacht gem. {wait} wk, niveauverschil gem. {misfit}, "
        "reistijd gem. {travel:.0f} min",
        "  [{done}/{total}] {label}: mean wait {wait} wk, mean misfit {misfit}, mean travel {travel:.0f} min",
    ),
    "point_again": ("{label} (opnieuw)", "{label} (again)"),
    "no_tradeoff": ("Geen afweging mogelijk: {reason}", "No trade-off possible: {reason}"),
    "no_plan_found": ("Geen plan gevonden.", "No plan found."),
    "no_frontier": (
        "Geen plan gevonden: de zoektocht naar de snelste start vond binnen de rekentijd van {s} s geen plan, "
        "dus er is niets om af te wegen. Probeer --time-limit {t}.",
        "No plan found: the search for the fastest start found no plan within the {s} s given, so there is "
        "nothing to weigh. Try --time-limit {t}.",
    ),
    "cap_wait": ("gemiddelde wachttijd hooguit {value:week|weken}", "mean waiting time at most {value:week|weeks}"),
    "cap_misfit": ("gemiddeld niveauverschil hooguit {value}", "mean level misfit at most {value}"),
    "cap_none": ("Grens {cap}: geen plan gevonden.", "Cap {cap}: no plan found."),
    "cap_figures": (
        "{label}: wacht gem. {wait} wk, niveauverschil gem. {misfit}, {placed} geplaatst",
        "{label}: mean wait {wait} wk, mean misfit {misfit}, {placed} placed",
    ),
    "cap_met_wait": (
        "Grens {cap}: het meest homogene plan binnen de grens is {figures}.",
        "Cap {cap}: the most homogeneous plan within the cap is {figures}.",
    ),
    "cap_met_misfit": (
        "Grens {cap}: het snelst startende plan binnen de grens is {figures}.",
        "Cap {cap}: the fastest-starting plan within the cap is {figures}.",
    ),
    "cap_missed": (
        "Grens {cap}: geen van de {n} plannen blijft binnen de grens; het dichtstbij is {figures}. "
        "Ruim de grens of geef meer tijd.",
        "Cap {cap}: none of the {n} plans stays within the cap; the closest is {figures}. "
        "Widen the cap or allow more time.",
    ),
    "cap_missed_one": (
        "Grens {cap}: het ene plan blijft niet binnen de grens: {figures}. Ruim de grens of geef meer tijd.",
        "Cap {cap}: the one plan does not stay within the cap: {figures}. Widen the cap or allow more time.",
    ),
    "template_exists": (
        "{path} bestaat al; kies een andere naam of gebruik --force om te overschrijven.",
        "{path} already exists; choose another name or use --force to overwrite it.",
    ),
    "check_notes": (
        "Let op, het plan zal dit zeggen over de instellingen:",
        "Note: the plan will say this about the settings:",
    ),
    "template_written": ("Sjabloon geschreven naar {path}", "Template written to {path}"),
    "check_ok": (
        "{path}: in orde — {learners:deelnemer|deelnemers}, {locations:locatie|locaties}, "
        "{schedules:lesrooster|lesroosters}, {routes:route|routes}, {running:lopende klas|lopende klassen}.",
        "{path}: fine — {learners:learner|learners}, {locations:location|locations}, "
        "{schedules:schedule|schedules}, {routes:route|routes}, {running:running class|running classes}.",
    ),
    "interrupted": ("Onderbroken.", "Interrupted."),
    "reimport": (
        "{path} is een planwerkmap met {n:eigen wijziging|eigen wijzigingen} (kolom Klas, klasbladen, blad "
        "Klassen): verplaatste deelnemers en gewijzigde klassen worden vastgezet, de rest wordt opnieuw "
        "geoptimaliseerd met een straf op verplaatsen.",
        "{path} is a plan workbook with {n:own edit|own edits} (Klas column, class sheets, Klassen sheet): "
        "moved learners and changed classes are pinned, the rest is re-optimised with a penalty on moves.",
    ),
    "reimport_held": (
        "Wie op de plandatum {date} begint, blijft in de klas waar die begint ({n:deelnemer|deelnemers}: "
        "{classes}).",
        "Whoever starts on the plan date {date} stays in the class they start in ({n:learner|learners}: "
        "{classes}).",
    ),
    "reimport_unedited": (
        "{path} is een planwerkmap zonder eigen wijzigingen: het plan wordt opnieuw geoptimaliseerd met een "
        "straf op verplaatsen.",
        "{path} is a plan workbook without own edits: the plan is re-optimised with a penalty on moves.",
    ),
    "edits_found": (
        "{path}: planwerkmap met {n:wijziging|wijzigingen}{colon}",
        "{path}: plan workbook with {n:edit|edits}{colon}",
    ),
    "edit_problems": (
        "{path}: {n:wijziging kan|wijzigingen kunnen} niet zo worden gepland (zie hierboven); pas de kolom Klas "
        "aan. 'solve' zou geen plan vinden.",
        "{path}: {n:edit|edits} cannot be planned like this (see above); change the Klas column. "
        "'solve' would find no plan.",
    ),
    "edit_problems_no_plan": (
        "{path}: {n:wijziging kan|wijzigingen kunnen} niet zo worden gepland (zie hierboven); er is geen plan "
        "gemaakt. Pas de kolom Klas aan en probeer opnieuw.",
        "{path}: {n:edit|edits} cannot be planned like this (see above); no plan was made. Change the Klas "
        "column and try again.",
    ),
    "bad_value": ("moet {allowed} zijn, niet '{value}'", "must be {allowed}, not '{value}'"),
    "float_above": ("een getal groter dan {low:g}", "a number greater than {low:g}"),
    "float_from": ("een getal van {low:g} of meer", "a number of {low:g} or more"),
    "float_range": ("een getal van {low:g} tot en met {high:g}", "a number from {low:g} to {high:g}"),
    "int_from": ("een geheel getal van {low} of meer", "a whole number of {low} or more"),
    "int_range": ("een geheel getal van {low} tot en met {high}", "a whole number from {low} to {high}"),
    "or_word": ("'{word}' of {allowed}", "'{word}' or {allowed}"),
    "preset_bad": (
        "afweging '{value}' bestaat niet; kies uit: {known}",
        "preset '{value}' does not exist; choose from: {known}",
    ),
    "file_not_found": ("Bestand niet gevonden: {path}", "File not found: {path}"),
    "name_too_long": (
        "Bestand niet gevonden: {path}. De naam is te lang voor het bestandssysteem; geef het bestand een "
        "kortere naam.",
        "File not found: {path}. The name is too long for the file system; give the file a shorter name.",
    ),
    "unexpected": (
        "Onverwachte fout: {error}. Gebruik --verbose voor details.",
        "Unexpected error: {error}. Use --verbose for details.",
    ),
    "version_unknown": ("onbekend", "unknown"),
    # --- outputs that cannot be written (files.py) -----------------------------------------------
    "chart_not_written": (
        "Kan de grafiek niet schrijven naar {path}: {reason} Geef met --chart een bestandsnaam (.png) in een "
        "map waarin u mag schrijven.",
        "Cannot write the chart to {path}: {reason} Give --chart a file name (.png) in a folder you may write to.",
    ),
    "errors_not_written": (
        "Kan de foutenwerkmap niet schrijven naar {path}: {reason} Geef met --errors een bestandsnaam (.xlsx) in "
        "een map waarin u mag schrijven.",
        "Cannot write the error workbook to {path}: {reason} Give --errors a file name (.xlsx) in a folder you "
        "may write to.",
    ),
    "is_folder": ("dat is een map, geen bestand.", "that is a folder, not a file."),
    "not_a_folder": ("dat is een bestand, geen map.", "that is a file, not a folder."),
    "is_file": ("'{path}' is een bestand, geen map.", "'{path}' is a file, not a folder."),
    "cannot_write_because": ("Kan {path} niet schrijven: {reason}", "Cannot write {path}: {reason}"),  # reason: a sentence
    "plan_kept": (
        "Het berekende plan is in plaats daarvan bewaard als {path}",
        "Instead, the computed plan was saved as {path}",
    ),
    "errors_kept": (
        "De foutenwerkmap is in plaats daarvan bewaard als {path}",
        "Instead, the error workbook was saved as {path}",
    ),
    "errors_lost": (
        "De foutenwerkmap kon ook niet naast de invoer, in de huidige map of in de tijdelijke map worden "
        "bewaard; de fouten staan hierboven.",
        "The error workbook could not be saved next to the input, in the current folder or in the temporary "
        "folder either; the errors are listed above.",
    ),
    "plan_lost": (
        "Het berekende plan kon ook niet naast de invoer, in de huidige map of in de tijdelijke map worden "
        "bewaard. Kies met -o een map waarin u mag schrijven en probeer opnieuw.",
        "The computed plan could not be saved next to the input, in the current folder or in the temporary "
        "folder either. Choose a folder you may write to with -o and try again.",
    ),
    # --- --zonder-namen and --houd-kolom (files.py) ------------------------------------------------
    "keep_needs_pseudonyms": (
        "--houd-kolom kan alleen samen met --zonder-namen.",
        "--houd-kolom only works together with --zonder-namen.",
    ),
    "keep_names": (
        "Kolom '{column}' bevat namen of notities en gaat nooit mee in een export zonder namen.",
        "Column '{column}' holds names or notes and never goes into an export without names.",
    ),
    "keep_unknown": (
        "Kolom '{column}' staat niet in de deelnemerslijst; te kiezen: {choices}.",
        "Column '{column}' is not in the learner list; choose from: {choices}.",
    ),
    "no_choices": ("geen", "none"),
    # --- klasvormer simulate (simulate.py) -----------------------------------------------------------
    "sim_no_input": (
        "'{path}' bestaat niet (geef een werkmap of 'sample')",
        "'{path}' does not exist (give a workbook or 'sample')",
    ),
    "sim_interrupted": ("\nafgebroken; geen afgeronde runs", "\ninterrupted; no finished runs"),
    "sim_run_failed": ("run mislukt: {line}", "run failed: {line}"),
    "sim_no_class": (
        "Geen simulatie mogelijk: {reason} Elk beleid zou dezelfde wachtlijst geven.",
        "No simulation possible: {reason} Every policy would give the same waiting list.",
    ),
    "sim_resample_empty": (
        "--mode resample trekt nieuwe deelnemers uit die van de invoer, maar {path} heeft geen deelnemers; "
        "gebruik --mode synth (standaardwaarden) of een invoer met deelnemers",
        "--mode resample draws new learners from the input's, but {path} has no learners; use --mode synth "
        "(default values) or an input with learners",
    ),
    "sim_base": (
        "simulatie van {path}: {n:deelnemer|deelnemers}, {running:lopende klas|lopende klassen}; aanmeldingen {arrivals}",
        "simulating {path}: {n:learner|learners}, {running:running class|running classes}; arrivals {arrivals}",
    ),
    "sim_arrivals_resample": (
        "gemiddeld {rate} per week getrokken uit de deelnemers van de invoer (--mode resample)",
        "{rate} a week on average drawn from the input's learners (--mode resample)",
    ),
    "sim_arrivals_synth": (
        "gemiddeld {rate} per week uit standaardwaarden (--mode synth)",
        "{rate} a week on average from default figures (--mode synth)",
    ),
    "sim_arrivals_replay": (
        "de deelnemers van de invoer op hun eigen datums (--mode replay)",
        "the input's learners on their own dates (--mode replay)",
    ),
    "sim_synth_default": (
        "{path} heeft geen deelnemers: de aankomsten komen uit --mode synth (standaardwaarden)",
        "{path} has no learners: arrivals come from --mode synth (default values)",
    ),
    "sim_all_failed": (
        "{n:run is|runs zijn} mislukt (zie hierboven); er zijn geen uitkomsten en er is niets geschreven",
        "{n:run|runs} failed (see above); there are no outcomes and nothing was written",
    ),
    "sim_violation": ("schending: {line}", "violation: {line}"),
    "sim_out_unwritable": (
        "Kan de resultaten niet schrijven naar map {path}: {reason} Geef met --out een map waarin u mag "
        "schrijven; er is nog niets gesimuleerd.",
        "Cannot write the results to folder {path}: {reason} Give --out a folder you may write to; nothing "
        "has been simulated yet.",
    ),
    "sim_not_written": ("Kan de resultaten niet schrijven naar map {path}: {reason}",
                        "Cannot write the results to folder {path}: {reason}"),
    "sim_kept": ("De resultaten zijn in plaats daarvan bewaard in {path}",
                 "Instead, the results were saved in {path}"),
    "sim_lost": ("De resultaten konden nergens worden bewaard; alleen de tabel hierboven is er.",
                 "The results could not be saved anywhere; only the table above remains."),
    "sim_written": ("{n:bestand|bestanden} geschreven naar {path}", "{n:file|files} written to {path}"),
    "sim_removed": (
        "{n:resultaatbestand|resultaatbestanden} van een eerdere simulatie, die deze simulatie niet opnieuw "
        "schrijft, verwijderd: {files}",
        "{n:result file|result files} of an earlier simulation that this simulation does not write again "
        "removed: {files}",
    ),
    "sim_no_dask": (
        "--scheduler vraagt dask.distributed, dat hier niet is geïnstalleerd ({how}); "
        "laat --scheduler weg om op deze computer te rekenen (--workers)",
        "--scheduler needs dask.distributed, which is not installed here ({how}); "
        "leave out --scheduler to compute on this computer (--workers)",
    ),
    "sim_no_dask_pip": ("pip install 'klasvormer[dask]'", "pip install 'klasvormer[dask]'"),
    "sim_no_dask_frozen": (
        "de desktopversie bevat het niet; gebruik de Python-installatie met pip install 'klasvormer[dask]'",
        "the desktop build does not include it; use the Python install with pip install 'klasvormer[dask]'",
    ),
    "sim_scenario_capacity": (
        "--scenario en --capacity gaan niet samen: de scenario's leggen docenten en lokalen vast",
        "--scenario and --capacity do not go together: the scenarios set the teachers and rooms",
    ),
    "sim_within_target_blank": (
        "binnen streeftermijn is leeg: in {weeks:gesimuleerde week|gesimuleerde weken} is de streeftermijn "
        "({target} weken) van geen enkele deelnemer verstreken; simuleer meer dan {target} weken (--weeks)",
        "within target is blank: in {weeks:simulated week|simulated weeks} no learner's target "
        "({target} weeks) has passed; simulate more than {target} weeks (--weeks)",
    ),
    "sim_paired": (
        "\nverschil met status-quo per seed gepaard, gemiddelde [95%-interval]:",
        "\ndifference from status-quo paired per seed, mean [95% interval]:",
    ),
    "sim_seeds_backwards": ("reeks seeds {part} loopt achteruit", "seed range {part} runs backwards"),
    "sim_no_seeds": ("geen seeds", "no seeds"),
    "sim_bad_seeds": ("'{text}' is geen lijst van seeds (bijv. 1,2,3 of 1-5)", "'{text}' is not a list of seeds (e.g. 1,2,3 or 1-5)"),
    "sim_bad_months": ("'{text}' is geen lijst van maanden (bijv. 12,1)", "'{text}' is not a list of months (e.g. 12,1)"),
    "sim_months_range": ("maanden zijn 1 tot en met 12", "months are 1 to 12"),
    "sim_stopped": ("gestopt: {done} van {total:run|runs} afgerond", "stopped: {done} of {total:run|runs} finished"),
})


COLUMNS = Catalogue({
    "label": ("plan", "plan"), "policy": ("beleid", "policy"), "alpha": ("alfa", "alpha"),
    "weight_wait": ("gewicht wachten", "weight wait"), "weight_misfit": ("gewicht niveau", "weight misfit"),
    "wait_mean": ("wacht gem.", "mean wait"), "wait_p90": ("wacht P90", "wait P90"), "wait_max": ("wacht max", "wait max"),
    "within_target": ("binnen streeftermijn", "within target"), "misfit_mean": ("niveauverschil gem.", "mean misfit"),
    "spread_mean": ("spreiding gem.", "mean spread"), "travel_mean": ("reistijd gem.", "mean travel"),
    "placed": ("geplaatst", "placed"), "cap": ("grens", "cap"), "objective": ("doelfunctie", "objective"),
    "bound": ("ondergrens", "bound"), "gap": ("verschil", "gap"), "status": ("status", "status"),
    "later": ("later", "later"), "better_fit": ("beter passend", "better fit"), "further": ("verder", "further"),
    "step": ("stap", "step"), "what_changes": ("wat verandert", "what changes"),
    "classes_opened": ("klassen", "classes"), "fill_mean": ("bezetting", "fill"),
    "teacher_dayparts": ("docent-dagdelen", "teacher-dayparts"), "still_waiting": ("nog wachtend", "still waiting"),
    "weeks_done": ("weken gesimuleerd", "weeks simulated"),
    "metric": ("maat", "metric"), "n": ("n", "n"), "baseline_mean": ("status-quo gem.", "status quo mean"),
    "policy_mean": ("beleid gem.", "policy mean"), "diff (95%)": ("verschil (95%)", "difference (95%)"),
    "relative": ("relatief", "relative"), "significant": ("significant", "significant"),
    "yes": ("ja", "yes"), "no": ("nee", "no"),
})
"""Column headers of the tables the CLI prints (tradeoff, simulate), and the words in their cells
(a figure's name in the ``metric`` column, yes/no); JSON and CSV keep the column names."""


def table_text(frame: Any, index: bool = False, float_format: Any = None) -> str:
    """``frame`` as aligned text in the ``--lang`` language: headers (and the index's name)
    from :data:`COLUMNS`, figure names and True/False in cells as words, empty cells blank
    (never ``None``), and in Dutch decimal commas (``28,18``; the lines around the table
    write them so), in English points. Only the printed text: JSON and CSV keep points."""
    language = lang()

    def word(value: Any) -> Any:
        if isinstance(value, bool):
            return COLUMNS.text("yes" if value else "no", language)
        if isinstance(value, str) and value in COLUMNS:
            return COLUMNS.text(value, language)
        return "" if value is None else value

    from pandas.api.types import is_bool_dtype, is_float_dtype, is_numeric_dtype

    from optimizer.messages import status_words

    df = frame.copy()
    for col in df.columns:
        if col == "status":
            df[col] = df[col].map(lambda v: status_words(v, language) if isinstance(v, str) else word(v)).astype(object)
        elif is_bool_dtype(df[col]) or not is_numeric_dtype(df[col]):
            df[col] = df[col].map(word).astype(object)
        elif language == "nl" and is_float_dtype(df[col]):
            df[col] = decimal_commas(df[col], float_format)
    df = df.rename(columns=lambda c: COLUMNS.text(c, language) if c in COLUMNS else c)
    if df.index.name in COLUMNS:
        df.index.name = COLUMNS.text(df.index.name, language)
    return df.to_string(index=index, float_format=float_format, na_rep="")


def decimal_commas(column: Any, float_format: Any = None) -> Any:
    """A float column as the text pandas prints for it (same digits for the whole column, or
    ``float_format``), with a decimal comma; missing values blank."""
    if column.empty:
        return column.astype(object)
    lines = column.reset_index(drop=True).to_frame().to_string(header=False, float_format=float_format, na_rep="")
    cells = [(line.split(None, 1)[1:] or [""])[0].strip() for line in lines.splitlines()]  # after the row number
    return column.__class__([c.replace(".", ",") for c in cells], index=column.index, dtype=object)


def lang() -> str:
    from optimizer.messages import get_language

    return get_language()


def t(key: str, **params: Any) -> str:
    """The CLI text ``key`` in the language set by ``--lang``."""
    return TEXTS.text(key, lang(), **params)


def problem_line(problem: Any) -> str:
    """``fout: <problem>`` (``error: ...`` under --lang en)."""
    return t("problem", problem=problem)


def reason_text(exc: BaseException) -> str:
    """An error's own sentence in the ``--lang`` language: one that carries both languages
    (``text(lang)``, as :class:`app.safefile.ReadOnlyFileError`) in that one; a system error
    (``OSError``) why it happened, without its path (:func:`app.os_errors.os_reason`: Python's
    own text is English); else as it is."""
    text = getattr(exc, "text", None)
    if callable(text):
        return str(text(lang()))
    if isinstance(exc, OSError):
        from app.os_errors import os_reason

        return os_reason(exc).text(lang())
    return str(exc)


def os_error_line(exc: OSError) -> str:
    """A system error as a whole, with its file, in the ``--lang`` language (:func:`app.os_errors.os_error_text`)."""
    from app.os_errors import os_error_text

    return os_error_text(exc, lang())


BEFORE_ERR: list[Callable[[], None]] = []
"""Called before :func:`err` writes: a ticking progress line (``files.ProgressLine``) blanks itself,
so the message stands on a line of its own and the ticking goes on below it."""


def err(text: str) -> None:
    for clear in list(BEFORE_ERR):
        clear()
    print(text, file=sys.stderr)
