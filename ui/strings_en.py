"""English translations of the GUI texts (the Dutch text is the key). See :mod:`ui.i18n`."""

from optimizer.messages import Catalogue

EN: dict[str, str] = {
    # ---- words -------------------------------------------------------------------------------------
    "ochtend": "morning",
    "middag": "afternoon",
    "avond": "evening",
    "ma": "Mon",
    "di": "Tue",
    "wo": "Wed",
    "do": "Thu",
    "vr": "Fri",
    "za": "Sat",
    "zo": "Sun",
    " min": " min",
    " weken": " weeks",
    "s": "s",
    "seconden": "seconds",
    "punten": "points",
    "punt": "point",
    "alle": "all",
    "vast": "locked",
    "fout": "error",
    "waarschuwing": "warning",
    "wachtlijst": "waiting list",
    "de wachtlijst": "the waiting list",
    "klas {id}": "class {id}",
    "beter": "better",
    "slechter": "worse",
    "veranderd": "changed",
    "past": "fits",
    "huidig": "current",
    "mislukt": "failed",
    "geen plan": "no plan",
    "optimaal": "optimal",
    "goed": "good",
    "heuristisch": "heuristic",
    "onmogelijk": "impossible",
    "elke week": "every week",
    "elke {part}": "every {part}",
    "(geen)": "(none)",
    "(lopend)": "(running)",
    "(onbekend)": "(unknown)",
    "(wk {w})": "(wk {w})",
    "{n} min": "{n} min",
    "{n} deelnemers": "{n} learners",
    "{n} van {max}": "{n} of {max}",
    "{n} van {total}": "{n} of {total}",
    "+{n} (vrij {free})": "+{n} ({free} free)",
    "{n:regel|regels}": "{n:rule|rules}",
    "{n} wachtend": "{n} waiting",
    "rij {n}": "row {n}",
    "rijen {rows}": "rows {rows}",
    "standaard ({n})": "default ({n})",
    "altijd mogelijk": "always possible",
    "met de hand aangepast": "adjusted by hand",
    "aangepast": "adjusted",
    "{policy} ({done} van {n:week|weken})": "{policy} ({done} of {n:week|weeks})",
    # ---- tabs and menus ----------------------------------------------------------------------------
    "Deelnemers": "Learners",
    "Capaciteit": "Capacity",
    "Afweging": "Balance",
    "Optimaliseren": "Optimize",
    "Plan": "Plan",
    "Vergelijken": "Compare",
    "Kaart": "Map",
    "&Bestand": "&File",
    "Be&werken": "&Edit",
    "&Plan": "&Plan",
    "Beel&d": "&View",
    "&Taal": "&Language",
    "&Help": "&Help",
    "&Openen…": "&Open…",
    "Aangepast plan inlezen…": "Read edited plan…",
    "Aangepast plan inlezen": "Read edited plan",
    "Volgende planweek…": "Next planning week…",
    "Volgende planweek": "Next planning week",
    "Een planwerkmap naar een latere plandatum overzetten: gestarte klassen worden lopende klassen, gestarte "
    "deelnemers gaan naar het blad Gestart":
        "Carry a plan workbook over to a later plan date: started classes become running classes, started learners "
        "go to the sheet Gestart",
    "{name} is geen planwerkmap van Klasvormer (geen blad Klassen). Kies de planwerkmap van de vorige planweek.":
        "{name} is not a Klasvormer plan workbook (no sheet Klassen). Choose the plan workbook of the last planning "
        "week.",
    "{name} bevat fouten; herstel ze en probeer opnieuw:": "{name} has errors; fix them and try again:",
    "Kan {path} niet schrijven: {reason}": "Cannot write {path}: {reason}",
    "{name} overgezet naar plandatum {date}: {out}": "{name} carried over to plan date {date}: {out}",
    "Klas {id} is gestart: nu een lopende klas, {free:vrije plaats|vrije plaatsen}, einddatum {end}.":
        "Class {id} has started: now a running class, {free:free seat|free seats}, end date {end}.",
    "Klas {id} is afgelopen en vervalt.": "Class {id} has ended and is dropped.",
    "{n:deelnemer is|deelnemers zijn} gestart (blad Gestart); nog te plannen: {left:deelnemer|deelnemers}.":
        "{n:learner has|learners have} started (sheet Gestart); still to plan: {left:learner|learners}.",
    "Het vorige plan past niet in de nieuwe periode: de klassen die nog niet gestart zijn, worden opnieuw gepland.":
        "The last plan does not hold in the new period: the classes not yet started are planned again.",
    "De werkmap van de volgende planweek openen?": "Open the workbook of the next planning week?",
    "Nieuwe plandatum (DD-MM-JJJJ):": "New plan date (DD-MM-YYYY):",
    "Volgende planweek: {name} wordt gelezen…": "Next planning week: reading {name}…",
    "Volgende planweek: {name} wordt geschreven…": "Next planning week: writing {name}…",
    "Volgende planweek: {name} gelezen.": "Next planning week: {name} read.",
    "Volgende planweek geschreven: {name}": "Next planning week written: {name}",
    "Volgende planweek mislukt: {why}": "Next planning week failed: {why}",
    "Het blad Gestart houdt nu {n:deelnemer|deelnemers}, ook wie in eerdere planweken startte.":
        "The sheet Gestart now holds {n:learner|learners}, including those who started in earlier planning weeks.",
    "&Recente bestanden": "&Recent files",
    "Lijst wissen": "Clear list",
    "Project op&slaan": "&Save project",
    "Project opslaan &als…": "Save project &as…",
    "Project opslaan": "Save project",
    "Plan &exporteren…": "&Export plan…",
    "Plan exporteren": "Export plan",
    "Leeg &sjabloon opslaan…": "Save blank &template…",
    "Leeg sjabloon opslaan": "Save blank template",
    "&Afsluiten": "&Quit",
    "&Ongedaan maken": "&Undo",
    "Opnieuw &uitvoeren": "&Redo",
    "Ongedaan maken": "Undo",
    "Opnieuw": "Redo",
    "&Verplaatsen naar…": "&Move to…",
    "Naar &wachtlijst": "To &waiting list",
    "Deelnemer vast&zetten/losmaken": "&Lock/unlock learner",
    "&Klas vastzetten/losmaken": "Lock/unlock &class",
    "Toon in het plan": "Show in the plan",
    "&Optimaliseren": "&Optimize",
    "&Heroptimaliseren": "&Re-optimize",
    "&Stoppen": "&Stop",
    "&Afwegingen berekenen": "&Compute trade-offs",
    "&Over Klasvormer": "&About Klasvormer",
    "Over Klasvormer": "About Klasvormer",
    "Meldingen bij het inlezen": "Import messages",
    "Werkbalk": "Toolbar",
    "Taal: Nederlands": "Language: Dutch",
    "Taal: Engels": "Language: English",
    # ---- tooltips of actions -------------------------------------------------------------------------
    "Een deelnemerswerkmap (.xlsx/.csv) of een project openen": "Open a learner workbook (.xlsx/.csv) or a project",
    "Een plan-werkmap met wijzigingen van de coördinator inlezen":
        "Read a plan workbook with changes made by the coordinator",
    "Invoer, instellingen, plan en vastzettingen opslaan": "Save input, settings, plan and locks",
    "Het plan als Excel-werkmap schrijven": "Write the plan as an Excel workbook",
    "Een lege invoerwerkmap met uitleg opslaan": "Save an empty input workbook with instructions",
    "De gekozen deelnemers naar een andere klas verplaatsen": "Move the selected learners to another class",
    "De gekozen deelnemers op de wachtlijst zetten": "Put the selected learners on the waiting list",
    "Vastgezette deelnemers blijven waar ze zijn bij heroptimaliseren": "Locked learners stay where they are when re-optimizing",
    "Een vastgezette klas opent precies zo bij heroptimaliseren": "A locked class opens exactly like this when re-optimizing",
    "Een nieuw plan maken": "Make a new plan",
    "Verbeteren vanuit het huidige plan; vastzettingen blijven, verplaatsen kost punten":
        "Improve from the current plan; locks hold, moving costs points",
    "Stoppen en het beste plan tot nu toe bewaren": "Stop and keep the best plan so far",
    "Meerdere plannen van snel starten tot homogeen berekenen": "Compute several plans from fast start to homogeneous",
    # ---- files and messages ------------------------------------------------------------------------
    "Openen": "Open",
    "Openen mislukt": "Could not open",
    "Aangepast plan niet ingelezen": "Edited plan not read",
    "Uit {name} kon niets worden gelezen; wat open is, blijft open.":
        "Nothing could be read from {name}; what is open stays open.",
    "{name} is een plan van dit project, maar heeft {n:fout|fouten}; het project blijft zoals het is. "
    "Herstel de werkmap en lees hem opnieuw in.":
        "{name} is a plan of this project, but has {n:error|errors}; the project stays as it is. "
        "Mend the workbook and read it again.",
    "… en {n} meer.": "… and {n} more.",
    "Opslaan": "Save",
    "Niet opslaan": "Don't save",
    "Annuleren": "Cancel",
    "Opslaan mislukt": "Could not save",
    "Exporteren mislukt": "Could not export",
    "Het bestand {name} bestaat niet.": "The file {name} does not exist.",
    "{name} kan niet worden geopend: {why}": "{name} cannot be opened: {why}",
    "{name} kan niet worden opgeslagen: {why}": "{name} cannot be saved: {why}",
    "{name} kan niet worden geschreven: {why}. Is het bestand open in Excel?":
        "{name} cannot be written: {why}. Is the file open in Excel?",
    "Klasvormer-bestanden (*.xlsx *.csv *{suffix});;Alle bestanden (*)":
        "Klasvormer files (*.xlsx *.csv *{suffix});;All files (*)",
    "Klasvormer-project (*{suffix})": "Klasvormer project (*{suffix})",
    "Excel-werkmap (*.xlsx)": "Excel workbook (*.xlsx)",
    "Excel-werkmappen (*.xlsx)": "Excel workbooks (*.xlsx)",
    "Bezig met inlezen van {name}…": "Reading {name}…",
    "{name} geopend: {n} deelnemers, {k:eigen wijziging|eigen wijzigingen} (vastgezet). Optimaliseer (F5) voor "
    "het nieuwe plan.":
        "{name} opened: {n} learners, {k:own edit|own edits} (pinned). Optimize (F5) for the new plan.",
    "{name} ingelezen in project {project}: {n} deelnemers, {k:eigen wijziging|eigen wijzigingen} (vastgezet). "
    "Optimaliseer (F5) voor het nieuwe plan.":
        "{name} read into project {project}: {n} learners, {k:own edit|own edits} (pinned). Optimize (F5) for the "
        "new plan.",
    "Aangepast plan {name} inlezen": "Read edited plan {name}",
    "{name} geopend: {n} deelnemers.": "{name} opened: {n} learners.",
    "{name}: {n:fout|fouten}; de planning kan pas na herstel in het bestand.":
        "{name}: {n:error|errors}; planning can start once they are fixed in the file.",
    "Project opgeslagen: {name}": "Project saved: {name}",
    "Plan wordt geschreven naar {name}…": "Writing the plan to {name}…",
    "Plan geschreven: {name}": "Plan written: {name}",
    "Plan geschreven: {path}": "Plan written: {path}",
    "Sjabloon opgeslagen: {name}": "Template saved: {name}",
    "Wijzigingen opslaan?": "Save changes?",
    "Er zijn wijzigingen die nog niet zijn opgeslagen. Wilt u ze als project opslaan?":
        "There are unsaved changes. Do you want to save them as a project?",
    "Werk herstellen?": "Restore work?",
    "Klasvormer is de vorige keer niet netjes afgesloten. Er is niet-opgeslagen werk van {day} {time} ({origin}). "
    "Wilt u dat herstellen?":
        "Klasvormer did not close properly last time. There is unsaved work from {day} {time} ({origin}). "
        "Do you want to restore it?",
    "Het werk van de vorige keer is hersteld. Sla het op als project (Ctrl+S).":
        "Your work from last time has been restored. Save it as a project (Ctrl+S).",
    "Open eerst een bestand.": "Open a file first.",
    "Er is nog geen plan. Optimaliseer eerst (F5).": "There is no plan yet. Optimize first (F5).",
    "Er is nog geen plan om te exporteren.": "There is no plan to export yet.",
    "Wacht tot het optimaliseren klaar is, of stop het (Esc).": "Wait until optimizing is done, or stop it (Esc).",
    "Wissel van taal als het optimaliseren klaar is.": "Switch language when optimizing is done.",
    "Kies eerst een of meer deelnemers in een tabel.": "First select one or more learners in a table.",
    "{ids} is vastgezet; maak eerst los (Ctrl+L).": "{ids} is locked; unlock first (Ctrl+L).",
    "{id} staat al op de wachtlijst.": "{id} is already on the waiting list.",
    "{id} zit al in klas {klas}.": "{id} is already in class {klas}.",
    "Deze {n} deelnemers staan al op de wachtlijst.": "These {n} learners are already on the waiting list.",
    "Deze {n} deelnemers zitten al in klas {klas}.": "These {n} learners are already in class {klas}.",
    "Let op: {text}": "Note: {text}",
    "Kan niet optimaliseren": "Cannot optimize",
    "Geen plan gevonden": "No plan found",
    "Geen plan gevonden.": "No plan found.",
    "Optimaliseren mislukt": "Optimizing failed",
    "Optimaliseren mislukt.": "Optimizing failed.",
    "Optimaliseren… (Esc stopt met het beste plan tot nu toe)": "Optimizing… (Esc stops with the best plan so far)",
    "Stoppen… het beste plan tot nu toe wordt bewaard.": "Stopping… the best plan so far is kept.",
    "Heroptimaliseren": "Re-optimize",
    "Afwegingen berekenen…": "Computing trade-offs…",
    "{n:plan|plannen} berekend.": "{n:plan|plans} computed.",
    "{n:plan|plannen} berekend": "{n:plan|plans} computed",
    "Gestopt: {n:plan|plannen} berekend.": "Stopped: {n:plan|plans} computed.",
    "Gestopt: {n:plan|plannen} berekend": "Stopped: {n:plan|plans} computed",
    "Kies plan {label} uit de afweging": "Choose plan {label} from the trade-off",
    "Een lopende klas ligt al vast: alleen nieuwe klassen kunnen worden vastgezet":
        "A running class is fixed already: only new classes can be locked",
    "Verder met plan {label}: gemiddeld {wait} weken wachten, niveauverschil {misfit}.":
        "Continuing with plan {label}: mean wait {wait} weeks, level gap {misfit}.",
    "Versie {version}": "Version {version}",
    "Klasvormer stelt klassen samen voor taalaanbieders in de inburgering: wie begint wanneer, waar en met wie, "
    "zodat deelnemers snel starten, in een passende groep zitten en niet te ver reizen.\n\n"
    "Kaart: Gemeente Amsterdam open geodata; postcodes: GeoNames (CC BY 4.0).":
        "Klasvormer forms classes for civic-integration language providers: who starts when, where and with "
        "whom, so that learners start soon, sit in a fitting group and do not travel too far.\n\n"
        "Map: City of Amsterdam open geodata; postcodes: GeoNames (CC BY 4.0).",
    "{placed} van {n} geplaatst · {classes} klassen · {waiting} wachtend":
        "{placed} of {n} placed · {classes} classes · {waiting} waiting",
    "{n} deelnemers · nog geen plan": "{n} learners · no plan yet",
    # ---- undo texts ------------------------------------------------------------------------------
    "Verplaats {who} naar {where}": "Move {who} to {where}",
    "Zet {who} vast": "Lock {who}",
    "Maak {who} los": "Unlock {who}",
    "Zet klas {id} vast": "Lock class {id}",
    "Maak klas {id} los": "Unlock class {id}",
    "Gewicht {name}: {n}": "Weight {name}: {n}",
    "Afweging: {name}": "Balance: {name}",
    "{field}: {n}": "{field}: {n}",
    "Startweken: {weeks}": "Start weeks: {weeks}",
    "Route {route}: {field}": "Route {route}: {field}",
    "Lesrooster {name}: dagdelen": "Schedule {name}: dayparts",
    "Lesrooster {name} toegevoegd": "Schedule {name} added",
    "Lesrooster {name} verwijderd": "Schedule {name} removed",
    "Locatie {name}: {field}": "Location {name}: {field}",
    "Locatie {name} toegevoegd": "Location {name} added",
    "Locatie {name} verwijderd": "Location {name} removed",
    "Lokalen {loc} {dp}: {n}": "Rooms {loc} {dp}: {n}",
    "Docenten {dp}: {n}": "Teachers {dp}: {n}",
    # ---- learners page -----------------------------------------------------------------------------
    "&Zoeken:": "&Search:",
    "Zoek op id, naam, postcode, klas…": "Search by id, name, postcode, class…",
    "Route": "Route",
    "Route:": "Route:",
    "Stadsdeel": "District",
    "Stadsdeel:": "District:",
    "Dagdeel": "Daypart",
    "Dagdeel:": "Daypart:",
    "Plaatsing": "Placement",
    "Plaatsing:": "Placement:",
    "Alle routes": "All routes",
    "Alle stadsdelen": "All districts",
    "Alle dagdelen": "All dayparts",
    "Iedereen": "Everyone",
    "Wachtend": "Waiting",
    "Geplaatst": "Placed",
    "{shown} van {total} deelnemers getoond": "{shown} of {total} learners shown",
    "{shown} van {total} deelnemers getoond · {placed} geplaatst · {waiting} wachtend":
        "{shown} of {total} learners shown · {placed} placed · {waiting} waiting",
    "Geen deelnemers in de selectie.": "No learners in the selection.",
    "Het bestand is gelezen zoals het is ({n} rijen) maar heeft {e} fouten; gemarkeerde cellen horen bij een "
    "melding hieronder. Herstel ze in het bestand en open het opnieuw.":
        "The file was read as it is ({n} rows) but has {e} errors; marked cells belong to a message below. "
        "Fix them in the file and open it again.",
    "Leerbaarheid per route (aantal deelnemers per 10 punten)": "Learnability per route (learners per 10 points)",
    "{route}: {n} deelnemers": "{route}: {n} learners",
    # ---- columns -------------------------------------------------------------------------------------
    "Id": "Id",
    "Naam": "Name",
    "Leerbaarheid": "Learnability",
    "Leerbaarheid als score 0–100": "Learnability as a score 0–100",
    "Postcode": "Postcode",
    "Dagdelen": "Dayparts",
    "Wacht sinds": "Waiting since",
    "Beschikbaar vanaf": "Available from",
    "Status": "Status",
    "Prioriteit": "Priority",
    "Klas": "Class",
    "Start": "Start",
    "Wachtweken": "Waiting weeks",
    "Reistijd": "Travel",
    "Geschatte reistijd enkele reis": "Estimated one-way travel time",
    "Vast": "Locked",
    "Vastgezet: blijft zo bij heroptimaliseren": "Locked: stays like this when re-optimizing",
    "Wachtreden": "Waiting reason",
    "Niveauverschil": "Level gap",
    "Verschil tussen leerbaarheid en klasniveau": "Difference between learnability and class level",
    "Reden": "Reason",
    "Weken tot het einde van de planperiode plus de extra weken": "Weeks to the end of the horizon plus the extra weeks",
    "Locatie": "Location",
    "Rooster": "Schedule",
    "Niveau": "Level",
    "Klasniveau (leerbaarheid)": "Class level (learnability)",
    "Bandbreedte": "Range",
    "Laagste en hoogste leerbaarheid in de klas": "Lowest and highest learnability in the class",
    "Grootte": "Size",
    "Reistijd gem.": "Mean travel",
    "Niveauverschil gem.": "Mean level gap",
    "Let op": "Attention",
    "Geschonden regel": "Broken rule",
    "Soort": "Kind",
    "Blad": "Sheet",
    "Rij": "Row",
    "Kolom": "Column",
    "Deelnemer": "Learner",
    "Melding": "Message",
    "Naar": "To",
    "Grootte na": "Size after",
    "Past?": "Fits?",
    # ---- plan page ---------------------------------------------------------------------------------
    "Klassen": "Classes",
    "Sleep deelnemers naar een klas om ze te verplaatsen, of naar het tabblad Wachtlijst.":
        "Drag learners onto a class to move them, or onto the Waiting list tab.",
    "Deelnemers in klas": "Learners in class",
    "Deelnemers in klas {id} ({n})": "Learners in class {id} ({n})",
    "Wachtlijst": "Waiting list",
    "Wachtlijst ({n})": "Waiting list ({n})",
    "Kerncijfers": "Key figures",
    "Geschonden regels": "Broken rules",
    "Geen: het plan houdt zich aan alle regels.": "None: the plan keeps every rule.",
    "Wijzigingen ten opzichte van het bewerkte plan": "Changes from the edited plan",
    "Status: {status}": "Status: {status}",
    "Nog geen plan. Optimaliseer eerst (F5).": "No plan yet. Optimize first (F5).",
    "Let op: dit plan breekt {n:regel|regels}. {first}": "Note: this plan breaks {n:rule|rules}. {first}",
    "(en nog {n}, zie rechts)": "(and {n} more, see the right)",
    "Binnen {n:week|weken} gestart": "Started within {n:week|weeks}",
    "Doelfunctie {n} punten (lager is beter)": "Objective {n} points (lower is better)",
    "In lopende klassen": "Into running classes",
    "Nieuwe klassen": "New classes",
    "Wachtweken gemiddeld": "Waiting weeks, mean",
    "Wachtweken mediaan": "Waiting weeks, median",
    "Wachtweken P90": "Waiting weeks, P90",
    "Wachtweken maximum": "Waiting weeks, maximum",
    "Start binnen streeftermijn": "Start within target",
    "Niveauverschil gemiddeld": "Level gap, mean",
    "Spreiding per klas gemiddeld": "Spread per class, mean",
    "Reistijd gemiddeld (min)": "Travel, mean (min)",
    "Reistijd maximum (min)": "Travel, maximum (min)",
    "Bezetting gemiddeld": "Fill, mean",
    "Docent-dagdelen": "Teacher-dayparts",
    # ---- move dialog -------------------------------------------------------------------------------
    "Verplaatsen naar…": "Move to…",
    "Verplaatsen": "Move",
    "Waar moet {who} heen? Deelnemer {id}: route {route}, leerbaarheid {level}. Een klas waar de deelnemer niet "
    "past kan wel, maar dan breekt een regel.":
        "Where should {who} go? Learner {id}: route {route}, learnability {level}. A class the learner does not "
        "fit is allowed, but then a rule breaks.",
    "Alleen klassen van dezelfde route": "Only classes of the same route",
    # ---- optimize page -----------------------------------------------------------------------------
    "Instellingen": "Settings",
    "Resultaten": "Results",
    "Statistiek": "Statistics",
    "Maximale rekentijd:": "Maximum computing time:",
    "Rekentijd in seconden": "Computing time in seconds",
    "Optimaliseren maakt een nieuw plan; vastgezette deelnemers en klassen blijven. Heroptimaliseren gaat uit van "
    "het huidige plan en verplaatst zo weinig mogelijk deelnemers. Stoppen bewaart het beste plan tot nu toe.":
        "Optimize makes a new plan; locked learners and classes hold. Re-optimize starts from the current plan "
        "and moves as few learners as possible. Stop keeps the best plan so far.",
    "klaar om te starten": "ready to start",
    "Nog niet gestart.": "Not started yet.",
    "Voortgang": "Progress",
    "Doelfunctie (lager is beter):": "Objective (lower is better):",
    "Ondergrens:": "Bound:",
    "Verschil met ondergrens:": "Gap to the bound:",
    "Ondergrens nog niet bewezen voor deze weging: het plan komt uit Vergelijken en de ondergrens telt elke "
    "deelnemer bij zijn goedkoopste keuze. Heroptimaliseer voor een scherpere ondergrens.":
        "Bound not yet proven for these weights: the plan comes from Compare, and the bound counts every learner "
        "at their cheapest option. Re-optimize for a sharper bound.",
    "Plannen gevonden:": "Plans found:",
    "Daarna bewijzen hoe goed het plan is (ondergrens, tot 30 s extra)":
        "Then prove how good the plan is (bound, up to 30 s extra)",
    "Berekent na het plan een scherpe ondergrens: het plan ligt hooguit het getoonde verschil boven het best "
    "mogelijke plan.":
        "Computes a sharp bound after the plan: the plan is at most the gap shown above the best possible plan.",
    "ondergrens berekenen…": "computing the bound…",
    "De ondergrens zegt hoe goed een plan hoogstens kan worden; hoe kleiner het verschil, hoe zekerder dat er geen "
    "veel beter plan bestaat.":
        "The bound says how good a plan can be at best; the smaller the gap, the surer that no much better plan "
        "exists.",
    "Hier komt de samenvatting van het plan.": "The plan's summary appears here.",
    "{what} loopt… (Esc stopt en bewaart het beste plan)": "{what} running… (Esc stops and keeps the best plan)",
    "{s} van max. {limit} s": "{s} of max. {limit} s",
    "Gestopt: het beste plan tot nu toe is bewaard.": "Stopped: the best plan so far has been kept.",
    "Klaar: het plan staat op het tabblad Plan.": "Done: the plan is on the Plan tab.",
    "klaar na {s} s": "done after {s} s",
    "Geen plan gevonden; zie de uitleg hieronder.": "No plan found; see the explanation below.",
    "Hier ziet u tijdens het optimaliseren de doelfunctie en de ondergrens. Start met F5.":
        "While optimizing, the objective and the bound appear here. Start with F5.",
    "Doelfunctie (lager is beter)": "Objective (lower is better)",
    "Ondergrens (beter kan niet)": "Bound (no plan can be better)",
    # ---- weights page ------------------------------------------------------------------------------
    "Kies een vertrekpunt": "Choose a starting point",
    "Snelle start": "Fast start",
    "Gebalanceerd": "Balanced",
    "Homogeen": "Homogeneous",
    "Iedereen zo snel mogelijk beginnen, ook in een groep die minder goed past.":
        "Everyone starts as soon as possible, even in a group that fits less well.",
    "Een middenweg tussen snel starten en een passende groep.": "A middle way between a fast start and a fitting group.",
    "Groepen van gelijke leerbaarheid; sommige deelnemers wachten daarvoor langer.":
        "Groups of equal learnability; some learners wait longer for it.",
    "Wachten, passen en reizen": "Waiting, fit and travel",
    "Wachttijd": "Waiting",
    "Punten per week dat iemand wacht (keer de prioriteit): hoger betekent sneller starten, ook in een minder "
    "passende groep.":
        "Points per week someone waits (times their priority): higher means starting sooner, even in a group "
        "that fits less well.",
    "Punten per punt verschil tussen iemands leerbaarheid en het niveau van de klas: hoger betekent homogenere "
    "klassen, soms langer wachten.":
        "Points per point of difference between someone's learnability and the class level: higher means more "
        "homogeneous classes, sometimes a longer wait.",
    "Punten per minuut reizen (enkele reis): hoger betekent les dichter bij huis, soms langer wachten of een "
    "minder passende groep.":
        "Points per minute of travel (one way): higher means classes closer to home, sometimes a longer wait or "
        "a group that fits less well.",
    "Overige gewichten": "Other weights",
    "Dagdeelvoorkeur": "Daypart preference",
    "Punten per lesdagdeel dat niet bij iemands voorkeursdagdelen hoort.":
        "Points per class daypart that is not among someone's preferred dayparts.",
    "Taalvoorkeur": "Language preference",
    "Punten als de lestaal niet iemands voorkeurstaal is.": "Points when the instruction language is not someone's preferred one.",
    "Punten per deelnemer die bij heroptimaliseren naar een andere klas gaat.":
        "Points per learner moved to another class when re-optimizing.",
    "Nieuwe klas": "New class",
    "Punten per nieuw geopende klas (bijvoorbeeld de kosten van een docent).":
        "Points per newly opened class (for example the cost of a teacher).",
    "Het afwegingskader: wat is een week eerder starten waard tegenover een passende groep en een korte reis? "
    "Gewichten zijn punten; het plan met de minste punten wint. Op het tabblad Vergelijken ziet u meerdere "
    "plannen naast elkaar.":
        "The weighing framework: what is starting a week earlier worth against a fitting group and a short trip? "
        "Weights are points; the plan with the fewest points wins. The Compare tab shows several plans side by "
        "side.",
    # ---- capacity page -----------------------------------------------------------------------------
    "Planperiode": "Horizon",
    "Planperiode:": "Horizon:",
    "Plandatum (week 0):": "Plan date (week 0):",
    "Startweken:": "Start weeks:",
    "leeg = elke week": "empty = every week",
    "Weken waarin klassen mogen starten, geteld vanaf de plandatum (0 = eerste week), bv. ‘0, 4, 8’ of ‘0-3’.":
        "Weeks in which classes may start, counted from the plan date (0 = first week), e.g. ‘0, 4, 8’ or ‘0-3’.",
    "Streeftermijn": "Target",
    "Streeftermijn:": "Target:",
    "Standaard maximale reistijd": "Default maximum travel",
    "Standaard maximale reistijd:": "Default maximum travel:",
    "Stap in klasniveau": "Class level step",
    "Stap in klasniveau:": "Class level step:",
    "Routes": "Routes",
    "Min. klas": "Min. class",
    "Max. klas": "Max. class",
    "Max. spreiding": "Max. spread",
    "Duur (wk)": "Duration (wk)",
    "Max. reistijd": "Max. travel",
    "Minimale klasgrootte": "Minimum class size",
    "Maximale klasgrootte": "Maximum class size",
    "Maximale spreiding in leerbaarheid binnen een klas": "Maximum learnability spread within a class",
    "Duur van een klas in weken": "Duration of a class in weeks",
    "Maximale reistijd in minuten; leeg = de standaard maximale reistijd":
        "Maximum travel in minutes; empty = the default maximum travel",
    "Lesroosters": "Schedules",
    "Namen van toegestane lesroosters, gescheiden door komma's; leeg = alle":
        "Names of allowed schedules, separated by commas; empty = all",
    "Klasgrootte (minimum en maximum), maximale spreiding in leerbaarheid binnen een klas, duur in weken en "
    "toegestane lesroosters per route.":
        "Class size (minimum and maximum), maximum learnability spread within a class, duration in weeks and "
        "allowed schedules per route.",
    "Bijvoorbeeld ‘ma/wo/vr ochtend’ of ‘di-middag, do-middag’": "For example ‘ma/wo/vr ochtend’ or ‘di-middag, do-middag’",
    "naam, bv. avond di-do": "name, e.g. evening tue-thu",
    "dagdelen, bv. di/do avond": "dayparts, e.g. di/do avond",
    "Toevoegen": "Add",
    "Verwijderen": "Remove",
    "Locaties en lokalen": "Locations and rooms",
    "Postcode of stadsdeel": "Postcode or district",
    "Lokaal-dagdelen": "Room-dayparts",
    "Postcode (vier cijfers) of stadsdeel van de locatie, voor de reistijden":
        "Postcode (four digits) or district of the location, for the travel times",
    "Som van de lokalen over alle dagdelen van de week": "Sum of rooms over all dayparts of the week",
    "naam nieuwe locatie": "name of new location",
    "postcode of stadsdeel": "postcode or district",
    "Lokalen op {name}:": "Rooms at {name}:",
    "Kies een locatie.": "Choose a location.",
    "Aantal lokalen per dagdeel op de gekozen locatie; 0 = dicht.": "Rooms per daypart at the chosen location; 0 = closed.",
    "Docenten per dagdeel": "Teachers per daypart",
    "Hoeveel docenten er elke week op dat dagdeel les kunnen geven (lopende klassen tellen mee).":
        "How many teachers can teach in that daypart each week (running classes count).",
    "Controle": "Check",
    "✓ In orde: met deze instellingen kan worden gepland.": "✓ All right: these settings can be planned.",
    "Kies eerst een lesrooster in de tabel.": "First choose a schedule in the table.",
    "Kies eerst een locatie in de tabel.": "First choose a location in the table.",
    "Dubbelklik of F2 om te wijzigen": "Double-click or F2 to change",
    # ---- compare page ------------------------------------------------------------------------------
    "Aantal plannen": "Number of plans",
    "geen grens": "no cap",
    "grens": "cap",
    "gem. wachttijd hooguit": "mean wait at most",
    "gem. niveauverschil hooguit": "mean level gap at most",
    "Grens": "Cap",
    "Grens:": "Cap:",
    "Grenswaarde": "Cap value",
    "wk": "wk",
    "Met een grens zoekt Klasvormer het meest homogene plan dat gemiddeld niet langer wacht (of het snelst startende "
    "plan dat gemiddeld niet slechter past); elk plan brengt de zoektocht dichter bij de grens.":
        "With a cap Klasvormer looks for the most homogeneous plan that does not wait longer on average (or the "
        "fastest-starting plan that does not fit worse on average); each plan brings the search closer to the cap.",
    "Plan {label} blijft binnen de grens: gemiddeld {wait} weken wachten, niveauverschil {misfit}.":
        "Plan {label} keeps the cap: {wait} weeks of waiting on average, level gap {misfit}.",
    "Geen plan blijft binnen de grens; het dichtstbij is {label}: gemiddeld {wait} weken wachten, niveauverschil "
    "{misfit}. Ruim de grens of geef meer tijd.":
        "No plan keeps the cap; the closest is {label}: {wait} weeks of waiting on average, level gap {misfit}. "
        "Widen the cap or allow more time.",
    "Aantal plannen:": "Number of plans:",
    "Totale rekentijd": "Total computing time",
    "Totale rekentijd:": "Total computing time:",
    "Doorgaan met gekozen plan": "Continue with chosen plan",
    "nog niet berekend": "not computed yet",
    "0 van {n:plan|plannen}": "0 of {n:plan|plans}",
    "{done} van {n:plan|plannen}": "{done} of {n:plan|plans}",
    "Minder plannen dan gevraagd ({found} van {asked}): de rekentijd van {s} s was te kort voor {asked} plannen. "
    "Probeer een totale rekentijd van {t} s.":
        "Fewer plans than asked ({found} of {asked}): {s} s was too short for {asked} plans. "
        "Try a total computing time of {t} s.",
    "Huidig plan": "Current plan",
    "Gewichten wacht/niveau/reis": "Weights wait/level/travel",
    "Elk plan is het beste gevonden plan voor een andere verhouding tussen wachttijd en niveauverschil: links sneller starten, "
    "onder homogenere klassen. Klik een plan in de grafiek of een kolom in de tabel en kies ‘Doorgaan met gekozen "
    "plan’.":
        "Each plan is the best plan found for a different ratio of waiting to level gap: to the left a faster start, lower "
        "down more homogeneous classes. Click a plan in the chart or a column in the table and choose ‘Continue "
        "with chosen plan’.",
    "Plan {label}: gemiddeld {wait} weken wachten, niveauverschil {misfit}, reistijd {travel} min.":
        "Plan {label}: mean {wait} weeks of waiting, level gap {misfit}, travel {travel} min.",
    "gemiddelde wachttijd (weken)": "mean waiting time (weeks)",
    "gemiddeld niveauverschil": "mean level gap",
    "Nog geen afwegingen berekend. Klik op ‘Afwegingen berekenen’ (F6).":
        "No trade-offs computed yet. Click ‘Compute trade-offs’ (F6).",
    "plan uit de afweging (grootte = gem. reistijd)": "plan from the trade-off (size = mean travel)",
    "huidig plan (ruit)": "current plan (diamond)",
    # ---- map page ----------------------------------------------------------------------------------
    "Wachtenden": "Waiting learners",
    "Leslocaties": "Class locations",
    "Deelnemers van klas:": "Learners of class:",
    "Klas op de kaart": "Class on the map",
    "Kaart: Gemeente Amsterdam open geodata (stadsdelen); postcodepunten: GeoNames (CC BY 4.0). Zonder plan tonen "
    "de stippen alle deelnemers.":
        "Map: City of Amsterdam open geodata (districts); postcode points: GeoNames (CC BY 4.0). Without a plan "
        "the dots show all learners.",
    "{n:wachtende|wachtenden} op de kaart.": "{n:waiting learner|waiting learners} on the map.",
    "{n:deelnemer|deelnemers} op de kaart (nog geen plan).": "{n:learner|learners} on the map (no plan yet).",
    "Klas {id}: {n:deelnemer|deelnemers}, les in {loc}.": "Class {id}: {n:learner|learners}, taught at {loc}.",
    "Geen kaartgegevens.": "No map data.",
    "Postcode {pc}: {n} wachtend": "Postcode {pc}: {n} waiting",
    "{label}: {n:deelnemer|deelnemers} van klas {cls}": "{label}: {n:learner|learners} of class {cls}",
    "Leslocatie {name}": "Class location {name}",
    "wachtenden per postcode": "waiting learners per postcode",
    "kleur: wachtenden per stadsdeel": "colour: waiting learners per district",
    "leslocatie": "class location",
    "deelnemers van klas {cls}": "learners of class {cls}",
    # ---- issues ------------------------------------------------------------------------------------
    "Geen meldingen bij het inlezen.": "No messages from the import.",
    "{e:fout|fouten} en {w:waarschuwing|waarschuwingen}. Herstel de fouten in het bestand en open het opnieuw; klik op een melding "
    "om de rij te zien.":
        "{e:error|errors} and {w:warning|warnings}. Fix the errors in the file and open it again; click a message to see the "
        "row.",
    "{w:waarschuwing|waarschuwingen}; er kan worden gepland. Klik op een melding om de deelnemer te zien.":
        "{w:warning|warnings}; planning is possible. Click a message to see the learner.",
    # ---- simulation page ---------------------------------------------------------------------------
    "Simulatie": "Simulation",
    "De simulatie speelt een aantal weken na: elke week komen er nieuwe deelnemers bij, die lijken op de deelnemers "
    "in uw bestand, en maakt elk gekozen beleid opnieuw een plan, zodat u ziet hoe lang mensen bij dat beleid "
    "wachten en hoe goed hun groep past.":
        "The simulation plays out a number of weeks: every week new learners arrive, resembling the learners in your "
        "file, and each chosen policy makes a new plan, so you see how long people wait under that policy and how "
        "well their group fits.",
    "Beleid om te vergelijken": "Policies to compare",
    "Beleid": "Policy",
    "Huidige werkwijze (status quo)": "Current practice (status quo)",
    "Op volgorde van aanmelding; een klas start zodra het minimum aantal deelnemers er is.":
        "In order of registration; a class starts as soon as it has the minimum number of learners.",
    "Eigen gewichten": "Own weights",
    "Gebalanceerd met streeftermijn:": "Balanced with target wait:",
    "Gebalanceerd, maar wie de streeftermijn bijna heeft bereikt, krijgt voorrang.":
        "Balanced, but learners who have nearly reached the target wait get priority.",
    "Streeftermijn in weken": "Target wait in weeks",
    "streeftermijn": "target wait",
    "streeftermijn {n:week|weken}": "target wait {n:week|weeks}",
    "hoogstens {n} min reizen": "at most {n} min travel",
    "{n:plaats|plaatsen} vrij voor nieuwkomers": "{n:seat|seats} kept free for newcomers",
    "{n} punten per week wachten": "{n} points per week of waiting",
    "{n} punten per punt niveauverschil": "{n} points per point of level gap",
    "wie blijft wachten telt {n:week|weken} extra": "who is left waiting counts {n:week|weeks} more",
    "met verwachte aanmeldingen": "with expected arrivals",
    "met {n} mogelijke toekomsten": "with {n} possible futures",
    "alle aanmeldingen vooraf bekend (referentie)": "every arrival known in advance (reference)",
    "Aantal weken": "Number of weeks",
    "Aantal weken:": "Number of weeks:",
    "Aanmeldingen per week": "Arrivals per week",
    "Aanmeldingen per week:": "Arrivals per week:",
    "Gemiddeld aantal nieuwe deelnemers per week. Docenten en lokalen worden zo nodig vergroot, zodat ze bij dit "
    "aantal passen.":
        "Average number of new learners a week. Teachers and rooms are scaled up where needed so that they fit this "
        "number.",
    "Rekentijd per weekplan:": "Computing time per weekly plan:",
    "Rekentijd per weekplan in seconden": "Computing time per weekly plan in seconds",
    "Reeks aanmeldingen": "Arrival series",
    "Reeks aanmeldingen (seed):": "Arrival series (seed):",
    "Hetzelfde nummer geeft dezelfde aanmeldingen, zodat elk beleid dezelfde deelnemers krijgt; een ander nummer "
    "geeft een andere, even waarschijnlijke reeks.":
        "The same number gives the same arrivals, so every policy gets the same learners; another number gives "
        "another, equally likely series.",
    "Rekentijd: ongeveer {t}.": "Computing time: about {t}.",
    "Simuleren": "Simulate",
    "Stoppen": "Stop",
    "Stoppen; de weken die klaar zijn blijven bewaard.": "Stop; the weeks already done are kept.",
    "Opslaan…": "Save…",
    "Tabellen, instellingen en grafieken van de simulatie in een map opslaan":
        "Save the simulation's tables, settings and charts in a folder",
    "nog niet gestart": "not started yet",
    "bezig…": "running…",
    "0 van {total} weekplannen": "0 of {total} weekly plans",
    "{done} van {total} weekplannen": "{done} of {total} weekly plans",
    "nog ongeveer {t}": "about {t} left",
    "klaar na {t}": "done after {t}",
    "gestopt na {t}": "stopped after {t}",
    "niet afgerond": "not finished",
    "De simulatie is niet afgerond.": "The simulation did not finish.",
    "Simuleren… {n:beleid|beleidsvormen}, {weeks} weken. Stoppen bewaart de weken die klaar zijn.":
        "Simulating… {n:policy|policies}, {weeks} weeks. Stopping keeps the weeks already done.",
    "Klaar: {n:beleid|beleidsvormen}, {weeks} weken, gemiddeld {arrivals} aanmeldingen per week.":
        "Done: {n:policy|policies}, {weeks} weeks, on average {arrivals} arrivals a week.",
    "Gestopt: {done} van {n:beleid|beleidsvormen} volledig gesimuleerd; de tabel toont wat klaar is.":
        "Stopped: {done} of {n:policy|policies} fully simulated; the table shows what is done.",
    "Docenten en lokalen zijn ×{f} vergroot, zodat ze bij dit aantal aanmeldingen passen.":
        "Teachers and rooms were scaled ×{f} to fit this number of arrivals.",
    "Mislukt: {runs}": "Failed: {runs}",
    "Nog geen simulatie. Kies het beleid en klik op ‘Simuleren’.":
        "No simulation yet. Choose the policies and click ‘Simulate’.",
    "beleid (grootte = gem. reistijd)": "policy (size = mean travel)",
    "In de gesimuleerde weken is nog niemand aan een klas begonnen; kies meer weken.":
        "Nobody started a class within the simulated weeks yet; choose more weeks.",
    "Weken tussen aanmelding en start, gemiddeld; wie aan het eind nog wacht, telt mee met de weken tot dan.":
        "Weeks from registration to start, on average; learners still waiting at the end count with the weeks so far.",
    "9 van de 10 deelnemers wachten niet langer dan dit.": "9 out of 10 learners wait no longer than this.",
    "Van de deelnemers van wie de streeftermijn binnen de gesimuleerde weken afliep: het deel dat op tijd begon "
    "(‘-’: de periode is daarvoor te kort).":
        "Of the learners whose target wait ran out within the simulated weeks: the share that started in time "
        "(‘-’: the period is too short for this).",
    "Hoe ver geplaatste deelnemers gemiddeld van het niveau van hun klas af zitten (lager past beter).":
        "How far placed learners are from their class's level on average (lower fits better).",
    "Enkele reis naar de leslocatie, gemiddeld over de geplaatste deelnemers.":
        "One-way trip to the class location, averaged over the placed learners.",
    "Wachten gem. (wk)": "Wait mean (wk)",
    "Wachten P90 (wk)": "Wait P90 (wk)",
    "Binnen streeftermijn": "Within target",
    "Reistijd (min)": "Travel (min)",
    "Bezetting": "Fill rate",
    "Klassen die in de gesimuleerde weken zijn gestart.": "Classes started within the simulated weeks.",
    "Deel van de plaatsen in de nieuwe klassen dat bezet is, gemiddeld.":
        "Share of the seats in the new classes that is taken, on average.",
    "Wachtend aan eind": "Waiting at end",
    "Deelnemers die aan het eind nog op een klas wachten.": "Learners still waiting for a class at the end.",
    "Weken": "Weeks",
    "Gesimuleerde weken (minder als de simulatie is gestopt).": "Simulated weeks (fewer if the simulation was stopped).",
    "{spec} ({n:week|weken} gesimuleerd)": "{spec} ({n:week|weeks} simulated)",
    "{n} s": "{n} s",
    "{h} u {m} min": "{h} h {m} min",
    "Kan niet simuleren": "Cannot simulate",
    "Simuleren…": "Simulating…",
    "Simuleren mislukt": "Simulation failed",
    "Simulatie gestopt.": "Simulation stopped.",
    "Simulatie klaar.": "Simulation done.",
    "Simulatie stoppen… de weken die klaar zijn blijven bewaard.": "Stopping the simulation… the weeks already done are kept.",
    "Simulatie wordt opgeslagen in {name}…": "Saving the simulation in {name}…",
    "Simulatie opgeslagen in {path}": "Simulation saved in {path}",
    "Opgeslagen in {path}.": "Saved in {path}.",
    "Map voor de simulatie kiezen": "Choose a folder for the simulation",
    "Map is niet leeg": "Folder is not empty",
    "De map {name} is niet leeg. Bestanden met dezelfde naam (zoals summary.csv) worden overschreven. Toch in deze "
    "map opslaan?":
        "The folder {name} is not empty. Files with the same name (such as summary.csv) will be overwritten. Save "
        "in this folder anyway?",
    # ---- privacy (issue 23) ---------------------------------------------------------------------
    "Invoerbestand in het project bewaren": "Keep the input file in the project",
    "Ook de ingelezen werkmap zelf (alle kolommen, volledige postcodes) in het project opslaan; standaard alleen "
    "wat het project nodig heeft":
        "Also store the workbook that was read (every column, full postcodes) in the project; by default only "
        "what the project needs",
    "Het invoerbestand wordt bij opslaan in het project bewaard.": "The input file will be kept in the project when saving.",
    "Het project bewaart alleen wat het nodig heeft, niet het invoerbestand zelf.":
        "The project keeps only what it needs, not the input file itself.",
    "Exporteren zonder namen": "Export without names",
    "Exporteren zonder namen…": "Export without names…",
    "Een planwerkmap om te delen (bijv. met de gemeente): deelnemers alleen met id, zonder namen, notities en "
    "volledige postcodes":
        "A plan workbook to share (e.g. with the municipality): learners by id only, without names, notes and full "
        "postcodes",
    "De planwerkmap noemt deelnemers alleen bij hun id: zonder namen, notities en volledige postcodes (alleen de "
    "vier cijfers of het stadsdeel). Eigen kolommen gaan alleen mee als u ze hieronder aanvinkt.":
        "The plan workbook names learners by their id only: without names, notes and full postcodes (only the four "
        "digits or the district). Your own columns go along only if you tick them below.",
    "Deze kolommen toch meenemen:": "Keep these columns anyway:",
    "De deelnemerslijst heeft geen eigen kolommen om mee te nemen.": "The learner list has no own columns to keep.",
    "Exporteren mislukt: {why}": "Export failed: {why}",
    "{name} kan niet worden geschreven: {why}. Is het bestand open in Excel?\n\nHet plan op een andere plek of "
    "onder een andere naam opslaan?":
        "{name} cannot be written: {why}. Is the file open in Excel?\n\nSave the plan in another place or under "
        "another name?",
    "Deelnemer verwijderen…": "Remove learner…",
    "Deelnemer verwijderen": "Remove learner",
    "Eén deelnemer helemaal uit Klasvormer verwijderen: lijst, plan, project en herstelbestand (recht op "
    "vergetelheid)":
        "Remove one learner completely from Klasvormer: list, plan, project and recovery file (right to erasure)",
    "Kies precies één deelnemer om te verwijderen.": "Choose exactly one learner to remove.",
    "Deelnemer {who} helemaal verwijderen? De deelnemer verdwijnt uit de lijst, het plan, de bewerkgeschiedenis en "
    "het herstelbestand.":
        "Remove learner {who} completely? The learner disappears from the list, the plan, the edit history and the "
        "recovery file.",
    "Het project {name} wordt meteen opnieuw opgeslagen.": "The project {name} is saved again at once.",
    "Dit kan niet ongedaan worden gemaakt.": "This cannot be undone.",
    "Verwijderd uit:": "Removed from:",
    "Mogelijk nog te vinden in:": "May still be found in:",
    "Deelnemer verwijderd": "Learner removed",
    "Deelnemer {id} is verwijderd.": "Learner {id} has been removed.",
    "Wacht tot het optimaliseren of exporteren klaar is.": "Wait until optimizing or exporting has finished.",
    # ---- safe files (issue 23): autosave, locks, changed or read-only files
    "(alleen-lezen)": "(read-only)",
    "Automatisch opslaan mislukt": "Autosave failed",
    "Automatisch opslaan mislukt: {why}. Niet-opgeslagen werk is niet beveiligd; Klasvormer probeert het opnieuw. "
    "Sla uw werk op als project (Ctrl+S).":
        "Autosave failed: {why}. Unsaved work is not protected; Klasvormer will try again. Save your work as a "
        "project (Ctrl+S).",
    "Dat werk wordt al in een ander Klasvormer-venster hersteld.":
        "That work is already being restored in another Klasvormer window.",
    "Project is al geopend": "Project is already open",
    "Alleen-lezen openen": "Open read-only",
    "Toch openen": "Open anyway",
    "{user} op {host}": "{user} on {host}",
    "een ander venster": "another window",
    "{name} is geopend door {who} sinds {since}. Als u het ook bewerkt, gaat bij opslaan het werk van een van "
    "beiden verloren. Open het alleen-lezen (opslaan kan dan onder een andere naam) of toch bewerkbaar.":
        "{name} has been open by {who} since {since}. If you edit it too, saving will lose the work of one of you. "
        "Open it read-only (you can then save under another name) or editable anyway.",
    "Toch opslaan en de versie van de ander vervangen?": "Save anyway and replace the other version?",
    "Bestand is gewijzigd": "File has changed",
    "{name} is op schijf gewijzigd sinds u het opende (door een ander venster of een andere gebruiker). Opslaan "
    "vervangt die wijzigingen. Toch opslaan? Kies 'Nee' om onder een andere naam op te slaan.":
        "{name} has changed on disk since you opened it (by another window or another user). Saving replaces "
        "those changes. Save anyway? Choose 'No' to save under another name.",
    "Bestand is alleen-lezen": "File is read-only",
    "{name} is alleen-lezen. Toch vervangen? Het blijft daarna alleen-lezen.":
        "{name} is read-only. Replace it anyway? It stays read-only afterwards.",
    "goed plan, hoogstens {gap} van het best mogelijke af": "good plan, at most {gap} from the best possible",
    "Vroegtijdig gestopt (Esc); het beste plan tot nu toe is bewaard. {summary}":
        "Stopped early (Esc); the best plan so far is kept. {summary}",
    "Ongedaan gemaakt: {what}": "Undone: {what}",
    "Opnieuw uitgevoerd: {what}": "Redone: {what}",
    "Bandbreedte: de laagste en hoogste leerbaarheid in de klas":
        "Range: the lowest and highest learnability in the class",
    "Gemiddeld verschil tussen de leerbaarheid van de deelnemers en het klasniveau":
        "Mean difference between the learners' learnability and the class level",
    "Regels die deze klas na een handmatige wijziging breekt":
        "Rules this class breaks after a change by hand",
    "&Begrippen":
        "&Glossary",
    "Begrippen":
        "Glossary",
    "9 van de 10 deelnemers wachten niet langer dan dit aantal weken; de langste 10% wacht langer.":
        "9 in 10 learners wait no longer than this many weeks; the longest-waiting 10% wait longer.",
    "De laagste en de hoogste leerbaarheid in een klas, bijvoorbeeld 40–55.":
        "The lowest and the highest learnability in a class, for example 40–55.",
    "Doelfunctie":
        "Objective",
    "Een bewezen getal waar geen enkel plan onder kan komen. Ligt de doelfunctie er dichtbij, dan bestaat er geen veel beter plan.":
        "A proven number no plan can go below. When the objective is close to it, no much better plan exists.",
    "Een vastgezette deelnemer of klas blijft zo bij heroptimaliseren (Ctrl+L zet vast of los).":
        "A locked learner or class stays as it is when re-optimising (Ctrl+L locks or unlocks).",
    "Het nummer van de willekeurige reeks aanmeldingen in de simulatie. Hetzelfde nummer geeft dezelfde aanmeldingen, zodat elk beleid dezelfde deelnemers krijgt.":
        "The number of the random series of arrivals in the simulation. The same number gives the same arrivals, so every policy gets the same learners.",
    "Het totaal aan strafpunten van een plan: wachten, niveauverschil, reistijd en voorkeuren, gewogen zoals op de pagina Afweging. Lager is beter.":
        "A plan's total penalty points: waiting, level gap, travel and preferences, weighted as on the Trade-off page. Lower is better.",
    "Het verschil tussen de hoogste en de laagste leerbaarheid in een klas (gemiddeld over de klassen). Kleiner betekent een gelijkmatiger groep.":
        "The difference between the highest and lowest learnability in a class (averaged over the classes). Smaller means a more even group.",
    "Het verschil tussen de leerbaarheid van een deelnemer en het niveau van zijn klas. Kleiner is beter: de deelnemer past beter in de groep.":
        "The difference between a learner's learnability and the level of the class. Smaller is better: the learner fits the group better.",
    "Hoe snel iemand naar verwachting Nederlands leert, als score van 0 tot 100.":
        "How fast someone is expected to learn Dutch, as a score from 0 to 100.",
    "Hoeveel procent het plan hoogstens van het best mogelijke plan af ligt. 0% betekent: bewezen het beste plan.":
        "How many percent the plan is at most from the best possible plan. 0% means: proven the best plan.",
    "Ondergrens":
        "Lower bound",
    "Opnieuw plannen vanaf het huidige plan: vastgezette deelnemers en klassen blijven, de rest mag schuiven.":
        "Planning again from the current plan: locked learners and classes stay, the rest may move.",
    "P90 (90% wacht hooguit)":
        "P90 (90% wait at most)",
    "Reeks aanmeldingen (seed)":
        "Arrival series (seed)",
    "Spreiding":
        "Spread",
    "Spreiding niveau per klas gem.":
        "Level spread per class, mean",
    "Verschil met ondergrens":
        "Gap to the lower bound",
    "Wachtweken 90% hooguit":
        "Waiting weeks, 90% at most",
    "Wat betekenen doelfunctie, ondergrens, bandbreedte, spreiding, P90 …?":
        "What do objective, lower bound, range, spread, P90 … mean?",
    "Weken tussen aanmelding en de start van de klas; wie op de wachtlijst blijft, telt tot het einde van de planperiode plus de extra weken.":
        "Weeks between registration and the start of the class; who stays on the waiting list counts until the end of the planning period plus the extra weeks.",
    # --- Vergelijken on the frontier (issue 18) ---
    "Bewezen marge": "Proven gap",
    "De afweging in woorden": "The trade-off in words",
    "De plannen lopen van de snelste start naar de meest homogene klassen; geen ander gevonden plan wacht korter én past beter. Links sneller starten, onder homogenere klassen. Klik een plan in de grafiek, de tekst of de tabel en kies ‘Doorgaan met gekozen plan’.":
        "The plans run from the fastest start to the most homogeneous classes; no other plan found waits less and fits better. Left: faster starts, lower: more homogeneous classes. Click a plan in the chart, the text or the table and choose ‘Continue with chosen plan’.",
    "Het huidige plan wordt overtroffen door ‘{label}’.": "The current plan is beaten by ‘{label}’.",
    "Hoeveel beter een plan dat gemiddeld niet langer wacht hooguit kan zijn (bewezen ondergrens).":
        "How much better a plan with no longer a mean wait can be at most (proven lower bound).",
    "Huidig plan: gemiddeld {wait} weken wachten, niveauverschil {misfit}.":
        "Current plan: {wait} weeks mean wait, level gap {misfit}.",
    "Nog geen afwegingen berekend.": "No trade-off computed yet.",
    "Plan {k} (‘{label}’) is op beide beter of gelijk: korter wachten en niet slechter passend, of andersom.":
        "Plan {k} (‘{label}’) is better or equal on both: shorter waits and no worse fit, or the other way round.",
    "bewezen: hooguit {gap}% beter mogelijk": "proven: at most {gap}% better possible",
    "gemiddeld {wait} weken wachten, niveauverschil {misfit}, {placed} geplaatst":
        "{wait} weeks mean wait, level gap {misfit}, {placed} placed",
    "huidig (overtroffen)": "current (beaten)",
    "huidig, overtroffen door {k}": "current, beaten by {k}",
    "nog niet bewezen": "not proven yet",
    "{done} van {n:berekening|berekeningen} · {k:plan|plannen} om uit te kiezen":
        "{done} of {n:computation|computations} · {k:plan|plans} to choose from",
    "≤ {gap}%": "≤ {gap}%",
    "Het wacht niet langer en past niet slechter dan plan {k} (‘{label}’)":
        "It waits no longer and fits no worse than plan {k} (‘{label}’)",
    ", maar plaatst {n:deelnemer|deelnemers} minder.": ", but places {n:learner|learners} fewer.",
    # ---- simulation: scenarios and statistics (issue 24) --------------------------------------------------
    "Aantal reeksen": "Number of series",
    "Aantal reeksen:": "Number of series:",
    "Capaciteit:": "Capacity:",
    "Capaciteit: {name}{peak}.": "Capacity: {name}{peak}.",
    "Docenten en lokalen groeien mee met de aanmeldingen: ruim genoeg, wachten is kort.":
        "Teachers and rooms grow with the arrivals: ample, waits are short.",
    "Docenten en lokalen voor ongeveer {k} klassen tegelijk: genoeg voor ongeveer {p} nieuwe deelnemers per week "
    "als elke klas vol zit, tegen {a} aanmeldingen per week. Dat is voor elk beleid gelijk.":
        "Teachers and rooms for about {k} classes at a time: enough for about {p} new learners a week if every "
        "class is full, against {a} arrivals a week. This is the same for every policy.",
    "Elk beleid speelt dezelfde reeksen aanmeldingen na (vanaf het seed-nummer). Met 2 of meer reeksen ziet u per "
    "beleid een 95%-betrouwbaarheidsinterval; 5 is een goede keuze voor een rapport.":
        "Every policy replays the same series of arrivals (from the seed number on). With 2 or more series you see "
        "a 95% confidence interval per policy; 5 is a good choice for a report.",
    "Gemiddeld": "Medium",
    "In december komen er {f}× zoveel aanmeldingen als in andere maanden (zelfde jaartotaal).":
        "In December {f}× as many people sign up as in other months (same yearly total).",
    "In december meer aanmeldingen (de piek in de huisvesting van statushouders), even veel over het jaar.":
        "More arrivals in December (the peak in housing status holders), the same number over the year.",
    "Krap (tekort, zoals in Amsterdam)": "Tight (shortage, as in Amsterdam)",
    "Met eindejaarspiek": "With the year-end peak",
    "Minder docenten en lokalen dan de aanmeldingen vragen: bij de huidige werkwijze wachten mensen gemiddeld "
    "6 tot 10 weken.":
        "Fewer teachers and rooms than the arrivals ask for: with the current way of working people wait 6 to 10 "
        "weeks on average.",
    "Ruim": "Ample",
    "Veel minder docenten en lokalen dan de aanmeldingen vragen: bij de huidige werkwijze wachten mensen "
    "gemiddeld 3 tot 6 maanden.":
        "Far fewer teachers and rooms than the arrivals ask for: with the current way of working people wait 3 to "
        "6 months on average.",
    "Verschil met de huidige werkwijze, per reeks gepaard (negatief is beter), over {n:reeks|reeksen}:":
        "Difference from the current way of working, paired per series (negative is better), over "
        "{n:series|series}:",
    "Wachttijd per groep": "Wait per group",
    "kies minstens 2 reeksen voor een betrouwbaarheidsinterval.": "choose at least 2 series for a confidence interval.",
    "met eindejaarspiek": "with the year-end peak",
    "geen geplaatsten": "nobody placed",
    "geen geplaatsten bij de huidige werkwijze": "nobody placed by the current way of working",
    "niveauverschil": "level gap",
    "wachttijd": "wait",
    "zeker": "certain",
    "{what} - ({why})": "{what} - ({why})",
    "{what} {d}": "{what} {d}",
    "{what} {d} (95%-interval {lo} tot {hi}{sure})": "{what} {d} (95% interval {lo} to {hi}{sure})",
}

TEXTS = Catalogue({nl: (nl, en) for nl, en in EN.items()})
"""The GUI's catalogue: each Dutch text is its own key (gettext style), English looked up in :data:`EN`."""
