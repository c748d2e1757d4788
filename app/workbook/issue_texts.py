"""The texts of the import problems (:class:`app.workbook.issues.Issue` codes): a
:class:`~optimizer.messages.Catalogue`, code -> Dutch, English. A parameter that differs by
language is passed as ``what`` and ``what_en``; every text says what is wrong and what to do.
"""

from __future__ import annotations

from optimizer.messages import Catalogue

TEMPLATES = Catalogue({
    # --- the file as a whole ---------------------------------------------------------------
    "file_missing": (
        "Bestand '{file}' bestaat niet. Controleer de naam en de map.",
        "File '{file}' does not exist. Check the name and folder.",
    ),
    "file_unreadable": (
        "Bestand '{file}' kan niet worden gelezen ({reason}). Sluit het in andere programma's en "
        "probeer opnieuw.",
        "File '{file}' cannot be read ({reason}). Close it in other programs and try again.",
    ),
    "file_is_folder": (
        "'{file}' is een map, geen bestand. Geef een werkmap (.xlsx) of een deelnemerslijst (.csv).",
        "'{file}' is a folder, not a file. Give a workbook (.xlsx) or a list of learners (.csv).",
    ),
    "file_empty": (
        "Bestand '{file}' is leeg (0 bytes). Sla de werkmap opnieuw op vanuit Excel.",
        "File '{file}' is empty (0 bytes). Save the workbook again from Excel.",
    ),
    "file_xls": (
        "Bestand '{file}' is een oud Excel-bestand (.xls). Open het in Excel en kies "
        "'Opslaan als' > 'Excel-werkmap (.xlsx)'.",
        "File '{file}' is an old Excel file (.xls). Open it in Excel and choose "
        "'Save as' > 'Excel workbook (.xlsx)'.",
    ),
    "file_encrypted": (
        "Bestand '{file}' is met een wachtwoord beveiligd. Haal in Excel de beveiliging eraf "
        "(Bestand > Info > Werkmap beveiligen) en sla opnieuw op.",
        "File '{file}' is password-protected. Remove the protection in Excel "
        "(File > Info > Protect workbook) and save again.",
    ),
    "file_ods": (
        "Bestand '{file}' is een OpenDocument-rekenblad (.ods). Sla het op als Excel-werkmap (.xlsx).",
        "File '{file}' is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook (.xlsx).",
    ),
    "file_text": (
        "Bestand '{file}' is geen Excel-werkmap maar tekst (misschien een hernoemd CSV- of "
        "tekstbestand). Geef het de extensie .csv, of open het in Excel en sla op als .xlsx.",
        "File '{file}' is not an Excel workbook but text (perhaps a renamed CSV or text file). "
        "Give it the extension .csv, or open it in Excel and save as .xlsx.",
    ),
    "file_not_excel": (
        "Bestand '{file}' is geen Excel-werkmap (.xlsx) en geen CSV-bestand. Open het in Excel en "
        "sla op als .xlsx.",
        "File '{file}' is not an Excel workbook (.xlsx) nor a CSV file. Open it in Excel and save "
        "as .xlsx.",
    ),
    "file_corrupt": (
        "Bestand '{file}' is een beschadigde of onvolledige Excel-werkmap ({reason}). Open en "
        "herstel het in Excel en sla opnieuw op.",
        "File '{file}' is a damaged or incomplete Excel workbook ({reason}). Open and repair it "
        "in Excel and save again.",
    ),
    "csv_undecodable": (
        "CSV-bestand '{file}' heeft een onbekende tekencodering. Sla het op als 'CSV UTF-8'.",
        "CSV file '{file}' has an unknown character encoding. Save it as 'CSV UTF-8'.",
    ),
    "csv_utf16_odd": (
        "CSV-bestand '{file}' is als UTF-16 opgeslagen, maar het aantal bytes is oneven: het "
        "bestand is afgebroken of beschadigd (laatste regel: {line}). Controleer het einde van het "
        "bestand en sla het in Excel opnieuw op als 'CSV UTF-8'.",
        "CSV file '{file}' is saved as UTF-16, but its number of bytes is odd: the file is cut "
        "off or damaged (last line: {line}). Check the end of the file and save it again from Excel "
        "as 'CSV UTF-8'.",
    ),
    "csv_utf16_bad": (
        "CSV-bestand '{file}' is als UTF-16 opgeslagen, maar regel {line} (byte {offset}) bevat een "
        "ongeldig teken (een losse helft van een tekenpaar): het bestand is beschadigd. Herstel of "
        "verwijder dat teken en sla het bestand op als 'CSV UTF-8'.",
        "CSV file '{file}' is saved as UTF-16, but line {line} (byte {offset}) holds an invalid "
        "character (half of a surrogate pair): the file is damaged. Fix or remove that character "
        "and save the file as 'CSV UTF-8'.",
    ),
    "csv_nul": (
        "CSV-bestand '{file}' bevat {count:NUL-teken|NUL-tekens} (het eerste in regel {line}); die horen "
        "niet in een tekstbestand. Het bestand is beschadigd of in een andere codering opgeslagen "
        "(bijvoorbeeld UTF-16 zonder BOM). Open het in Excel of een teksteditor en sla het op als "
        "'CSV UTF-8'.",
        "CSV file '{file}' holds {count:NUL character|NUL characters} (the first in line {line}); a text file "
        "has none. The file is damaged or saved in another encoding (e.g. UTF-16 without BOM). "
        "Open it in Excel or a text editor and save it as 'CSV UTF-8'.",
    ),
    "csv_explanation_sheet": (
        "CSV-bestand '{file}' lijkt het blad Uitleg van de invoerwerkmap te zijn, niet de deelnemers: bij "
        "'Opslaan als' CSV bewaart LibreOffice (en Excel) alleen het blad dat open staat. Open de werkmap, "
        "kies eerst het blad {learners} en sla dan op als CSV; of lees de werkmap (.xlsx) zelf in.",
        "CSV file '{file}' looks like the Uitleg (explanation) sheet of the input workbook, not the learners: "
        "Save As CSV in LibreOffice (and Excel) keeps only the sheet that is open. Open the workbook, select "
        "the {learners} sheet first and then save as CSV; or read the workbook (.xlsx) itself.",
    ),
    "csv_bad_line": (
        "CSV-bestand '{file}' kan bij regel {line} niet worden gelezen ({reason}). Controleer de "
        "aanhalingstekens en de lengte van die regel, of sla het bestand opnieuw op als 'CSV UTF-8'.",
        "CSV file '{file}' cannot be read at line {line} ({reason}). Check the quotes and the "
        "length of that line, or save the file again as 'CSV UTF-8'.",
    ),
    "settings_needed": (
        "Blad '{sheet}' ontbreekt: bij een CSV-bestand met deelnemers moeten locaties, "
        "lesroosters en docenten uit een instellingenwerkmap komen (klasvormer ... --settings WERKMAP; "
        "in Python settings=...).",
        "Sheet '{sheet}' is missing: with a CSV file of learners, locations, schedules and "
        "teachers must come from a settings workbook (klasvormer ... --settings WORKBOOK; in Python "
        "settings=...).",
    ),
    "settings_sheets_ignored": (
        "De invoer heeft deze bladen zelf; die van {file} worden genegeerd: {names}. Haal ze uit de "
        "invoer om die van {file} te gebruiken.",
        "The input has these sheets itself; those of {file} are ignored: {names}. Remove them from the "
        "input to use those of {file}.",
    ),
    "settings_learners_ignored": (
        "Het blad Deelnemers in de instellingenwerkmap wordt genegeerd; de deelnemers komen uit "
        "het CSV-bestand.",
        "The Learners sheet in the settings workbook is ignored; learners come from the CSV file.",
    ),
    # --- sheets and columns --------------------------------------------------------------------
    "sheet_missing": (
        "Blad '{sheet}' ontbreekt. Voeg een blad '{sheet}' toe (zie het sjabloon).",
        "Sheet '{sheet}' is missing. Add a sheet '{sheet}' (see the template).",
    ),
    "learners_sheet_missing": (
        "Blad '{sheet}' ontbreekt; het bestand heeft de bladen {titles}. Geef het blad met de "
        "deelnemers de naam '{sheet}' (zie het sjabloon).",
        "Sheet '{sheet}' is missing; the file has the sheets {titles}. Name the sheet with the "
        "learners '{sheet}' (see the template).",
    ),
    "learners_sheet_missing_settings": (
        "Blad '{sheet}' ontbreekt; het bestand heeft de bladen {titles}. Geef het blad met de "
        "deelnemers de naam '{sheet}'. De deelnemers komen altijd uit dit bestand, nooit uit de "
        "instellingenwerkmap '{settings}'.",
        "Sheet '{sheet}' is missing; the file has the sheets {titles}. Name the sheet with the "
        "learners '{sheet}'. The learners always come from this file, never from the settings "
        "workbook '{settings}'.",
    ),
    "sheet_read_as_learners": (
        "Het bestand heeft geen blad 'Deelnemers'; het enige blad, '{sheet}', is gelezen als de "
        "deelnemerslijst. Noem het blad 'Deelnemers' als dat klopt.",
        "The file has no sheet 'Deelnemers'; its only sheet, '{sheet}', was read as the list of "
        "learners. Name the sheet 'Deelnemers' if that is right.",
    ),
    "sheet_duplicate": (
        "Er zijn twee bladen voor '{sheet}' ('{first}' en '{second}'); alleen '{first}' wordt gelezen.",
        "There are two sheets for '{sheet}' ('{first}' and '{second}'); only '{first}' is read.",
    ),
    "sheet_duplicate_hidden": (
        "Er zijn twee bladen voor dezelfde gegevens: '{first}' en het verborgen blad '{second}'; alleen het "
        "zichtbare blad '{first}' wordt gelezen. Verwijder het verborgen blad als het niet meer nodig is.",
        "There are two sheets for the same data: '{first}' and the hidden sheet '{second}'; only the visible "
        "sheet '{first}' is read. Delete the hidden sheet if it is no longer needed.",
    ),
    "sheet_empty": (
        "Blad '{sheet}' is leeg: er staat geen kopregel in. Zet in rij 1 de kolomkoppen.",
        "Sheet '{sheet}' is empty: it has no header row. Put the column headers in row 1.",
    ),
    "column_missing": (
        "Verplichte kolom '{column}' ontbreekt op blad '{sheet}'. Voeg een kolom met kop "
        "'{column}' toe.",
        "Required column '{column}' is missing on sheet '{sheet}'. Add a column with header "
        "'{column}'.",
    ),
    "column_missing_like": (
        "Verplichte kolom '{column}' ontbreekt op blad '{sheet}'. Kolom {like} heeft waarden van die "
        "soort: is die bedoeld? Hernoem de kop dan naar '{column}'; anders: voeg een kolom met kop "
        "'{column}' toe.",
        "Required column '{column}' is missing on sheet '{sheet}'. Column {like} holds values of that "
        "kind: is that the one? Then rename its header to '{column}'; otherwise add a column with header "
        "'{column}'.",
    ),
    "column_home_missing": (
        "Blad '{sheet}' heeft geen kolom 'Stadsdeel' of 'Postcode' en er is geen blad Reistijden. "
        "Voeg een van beide kolommen toe.",
        "Sheet '{sheet}' has no column 'Stadsdeel' (district) or 'Postcode' and there is no "
        "travel-times sheet. Add one of the two columns.",
    ),
    "column_duplicate": (
        "Kolommen '{first}' en '{second}' betekenen allebei '{meaning}'. Verwijder of hernoem er "
        "een; '{first}' wordt gebruikt.",
        "Columns '{first}' and '{second}' both mean '{meaning}'. Remove or rename one; '{first}' "
        "is used.",
    ),
    "column_unknown": (
        "Kolom '{column}' is onbekend; de waarden worden ongewijzigd bewaard en teruggegeven.",
        "Column '{column}' is unknown; its values are kept unchanged and returned.",
    ),
    "column_plan_output": (
        "Kolom '{column}' is een kolom die het plan zelf invult; de waarden in deze lijst worden niet "
        "gelezen en komen niet terug in het plan. Geef de kolom een andere naam (bijvoorbeeld "
        "'Eigen {column}') als u ze wilt bewaren.",
        "Column '{column}' is a column the plan fills in itself; the values in this list are not read and "
        "do not come back in the plan. Give the column another name (such as 'Eigen {column}') to keep "
        "them.",
    ),
    "column_ignored": (
        "Kolom '{column}' is onbekend op blad '{sheet}' en wordt genegeerd.",
        "Column '{column}' is unknown on sheet '{sheet}' and is ignored.",
    ),
    "column_blank_header": (
        "Kolom {letter} heeft gegevens maar geen kop. Geef de kolom een kop; de waarden worden "
        "bewaard als '{column}'.",
        "Column {letter} has data but no header. Give the column a header; the values are kept "
        "as '{column}'.",
    ),
    "header_merged": (
        "Kopcellen {range} zijn samengevoegd. Maak de samenvoeging ongedaan en geef elke kolom "
        "een eigen kop.",
        "Header cells {range} are merged. Unmerge them and give each column its own header.",
    ),
    "cells_merged": (
        "Cellen {range} zijn samengevoegd; alleen de eerste cel heeft een waarde. Maak de "
        "samenvoeging ongedaan en vul elke cel.",
        "Cells {range} are merged; only the first cell has a value. Unmerge them and fill every cell.",
    ),
    "mapping_unknown": (
        "Kolomkoppeling: '{target}' is geen kolom van blad '{sheet}'.",
        "Column mapping: '{target}' is not a column of sheet '{sheet}'.",
    ),
    "matrix_unknown_location": (
        "Reistijden: kolom '{column}' is geen locatie van blad Locaties; de kolom wordt genegeerd.",
        "Travel times: column '{column}' is not a location on the Locations sheet; it is ignored.",
    ),
    "matrix_unknown_learner": (
        "Reistijden: deelnemer '{id}' staat niet op blad Deelnemers; de rij wordt genegeerd.",
        "Travel times: learner '{id}' is not on the Learners sheet; the row is ignored.",
    ),
    "matrix_duplicate": (
        "Reistijden: deelnemer '{id}' staat er meer dan eens in; alleen de eerste rij telt.",
        "Travel times: learner '{id}' occurs more than once; only the first row counts.",
    ),
    # --- rows and cells -------------------------------------------------------------------------
    "row_hidden": (
        "Rij {row} is verborgen maar wordt wel ingelezen. Maak hem zichtbaar of verwijder hem "
        "als hij niet mee moet doen.",
        "Row {row} is hidden but is imported. Unhide it, or delete it if it should not count.",
    ),
    "rows_hidden": (
        "{count} verborgen rijen (o.a. {rows}) worden wel ingelezen. Maak ze zichtbaar of "
        "verwijder ze als ze niet mee moeten doen.",
        "{count} hidden rows (e.g. {rows}) are imported. Unhide them, or delete them if they "
        "should not count.",
    ),
    "formula_no_value": (
        "De cel bevat een formule zonder berekende waarde. Open het bestand in Excel, laat het "
        "herberekenen en sla op (of vervang de formule door de waarde).",
        "The cell holds a formula without a computed value. Open the file in Excel, let it "
        "recalculate and save (or replace the formula by its value).",
    ),
    "cell_error": (
        "De cel bevat de Excel-fout {value}. Herstel de formule of vul de waarde zelf in.",
        "The cell holds the Excel error {value}. Fix the formula or enter the value.",
    ),
    "required_empty": (
        "Verplichte waarde '{column}' is leeg. Vul deze cel in.",
        "Required value '{column}' is empty. Fill in this cell.",
    ),
    "too_long": (
        "Tekst is te lang ({length} tekens; maximaal {max}). Kort de tekst in.",
        "Text is too long ({length} characters; at most {max}). Shorten it.",
    ),
    "not_int": (
        "'{value}' is geen geheel getal. Vul een getal in, bijvoorbeeld {example}.",
        "'{value}' is not a whole number. Enter a number, e.g. {example}.",
    ),
    "not_number": (
        "'{value}' is geen getal. Vul een getal in, bijvoorbeeld {example}.",
        "'{value}' is not a number. Enter a number, e.g. {example}.",
    ),
    "int_range": (
        "{value} ligt niet tussen {lo} en {hi}. Vul een waarde van {lo} tot en met {hi} in.",
        "{value} is not between {lo} and {hi}. Enter a value from {lo} to {hi}.",
    ),
    "not_date": (
        "'{value}' is geen datum. Schrijf bijvoorbeeld 06-01-2025 of 2025-01-06.",
        "'{value}' is not a date. Write e.g. 06-01-2025 or 2025-01-06.",
    ),
    "date_weekday": (
        "'{value}': {date} valt op een {weekday}, niet op de genoemde dag. Controleer de datum.",
        "'{value}': {date} is a {weekday}, not the day named. Check the date.",
    ),
    "date_zero": (
        "De cel bevat het getal 0 met datumopmaak (Excel toont dat als 00-01-1900 of 00:00:00), geen datum. "
        "Vul een datum in, bijvoorbeeld 06-01-2025.",
        "The cell holds the number 0 with date formatting (Excel shows it as 00-01-1900 or 00:00:00), not a "
        "date. Enter a date, e.g. 06-01-2025.",
    ),
    "date_time_only": (
        "De cel bevat alleen een tijd ({value}), geen datum. Vul een datum in, bijvoorbeeld 06-01-2025.",
        "The cell holds only a time ({value}), not a date. Enter a date, e.g. 06-01-2025.",
    ),
    "date_long_before": (
        "Datum {date} ligt meer dan {years} jaar vóór de plandatum {plan_date}. Controleer of dit "
        "klopt (een typfout?); de datum wordt gebruikt zoals hij er staat.",
        "Date {date} lies more than {years} years before the plan date {plan_date}. Check whether "
        "this is right (a typing error?); the date is used as it is.",
    ),
    "date_long_after": (
        "Datum {date} ligt meer dan {years} jaar na de plandatum {plan_date}. Controleer of dit "
        "klopt (een typfout?); de datum wordt gebruikt zoals hij er staat.",
        "Date {date} lies more than {years} years after the plan date {plan_date}. Check whether "
        "this is right (a typing error?); the date is used as it is.",
    ),
    "text_over_excel_limit": (
        "De tekst is {length} tekens lang; een Excel-cel bevat er hoogstens {max}. In de planwerkmap "
        "wordt hij afgekapt tot {max} tekens. Kort de tekst in of zet het teveel elders.",
        "The text is {length} characters long; an Excel cell holds at most {max}. In the plan "
        "workbook it is cut to {max} characters. Shorten the text or keep the excess elsewhere.",
    ),
    "date_month_first": (
        "Datum {value} is gelezen als {date}: de datums van deze kolom staan als maand/dag/jaar "
        "(een dag boven 12 staat steeds tweede). Klopt dat niet, schrijf dan dag-maand-jaar.",
        "Date {value} was read as {date}: the dates of this column are month/day/year (a day above 12 "
        "always comes second). If that is wrong, write day-month-year.",
    ),
    "date_serial": (
        "Getal {value} is gelezen als Excel-datum {date}. Geef de cel de opmaak 'Datum' als dat klopt.",
        "Number {value} was read as Excel date {date}. Format the cell as a date if that is right.",
    ),
    "level_bad": (
        "'{value}' is geen leerbaarheid. Vul een score 0-100, een percentage, langzaam/gemiddeld/"
        "snel of een Z-route-profiel in.",
        "'{value}' is not a learnability. Enter a score 0-100, a percentage, langzaam/gemiddeld/"
        "snel or a Z-route profile.",
    ),
    "level_category": (
        "Categorie '{value}' is omgezet naar leerbaarheid {score}.",
        "Category '{value}' was mapped to learnability {score}.",
    ),
    "level_profile": (
        "Profiel '{value}' is omgezet naar leerbaarheid {score}, profiel '{profile}' en "
        "gealfabetiseerd '{literacy}'.",
        "Profile '{value}' was mapped to learnability {score}, profile '{profile}' and "
        "literate '{literacy}'.",
    ),
    "level_fraction": (
        "Leerbaarheid {value} is gelezen als {score}% (score {score}).",
        "Learnability {value} was read as {score}% (score {score}).",
    ),
    "level_rounded": (
        "Leerbaarheid met decimalen (zoals 62,5) is afgerond op een heel getal (62,5 wordt 63); Klasvormer "
        "rekent met hele scores. Vul hele getallen in als dat niet klopt.",
        "Learnability with decimals (such as 62.5) was rounded to a whole number (62.5 becomes 63); Klasvormer "
        "works with whole scores. Enter whole numbers if that is wrong.",
    ),
    "literacy_conflict": (
        "Gealfabetiseerd '{value}' verschilt van het profiel '{profile}' ('{derived}'); de kolom "
        "Gealfabetiseerd gaat voor.",
        "Literate '{value}' differs from profile '{profile}' ('{derived}'); the Literate column wins.",
    ),
    "choice_bad": (
        "'{value}' is geen toegestane waarde. Kies uit: {allowed}.",
        "'{value}' is not an allowed value. Choose from: {allowed}.",
    ),
    "daypart_dash_pair": (
        "'{first}-{last}' is gelezen als twee dagen, {first} en {last}, niet als {first} tot en met {last}. "
        "Bedoelt u elke dag daartussen, schrijf dan '{first} t/m {last}'.",
        "'{first}-{last}' was read as two days, {first} and {last}, not as {first} through {last}. If every "
        "day in between is meant, write '{first} t/m {last}'.",
    ),
    "daypart_bad": ("{detail}", "{detail}"),  # detail: the DaypartError's message
    "preferred_outside": (
        "Voorkeursdagdelen {dayparts} vallen buiten de beschikbare dagdelen; controleer of dit klopt.",
        "Preferred dayparts {dayparts} lie outside the available dayparts; check whether this is right.",
    ),
    "district_bad": (
        "'{value}' is geen Amsterdams stadsdeel. Kies uit: {allowed}.",
        "'{value}' is not an Amsterdam district. Choose from: {allowed}.",
    ),
    "postcode_bad": (
        "'{value}' is geen postcode. Schrijf 4 cijfers, eventueel met letters (1102 AB).",
        "'{value}' is not a postcode. Write 4 digits, optionally with letters (1102 AB).",
    ),
    "postcode_unknown": (
        "Postcode {value} is onbekend (niet in Amsterdam of te nieuw). Vul het stadsdeel in of geef "
        "reistijden op het blad Reistijden.",
        "Postcode {value} is unknown (outside Amsterdam or too new). Fill in the district or give "
        "travel times on the travel-times sheet.",
    ),
    "postcode_fallback": (
        "Postcode {value} is onbekend; het stadsdeel '{district}' wordt gebruikt.",
        "Postcode {value} is unknown; the district '{district}' is used.",
    ),
    "home_missing": (
        "Stadsdeel en postcode zijn leeg en er zijn geen reistijden. Vul een van beide in.",
        "District and postcode are empty and there are no travel times. Fill in one of them.",
    ),
    "location_home_missing": (
        "Locatie '{name}' heeft geen stadsdeel of postcode en geen kolom op blad Reistijden. Vul "
        "het stadsdeel of de postcode in.",
        "Location '{name}' has no district or postcode and no column on the travel-times sheet. "
        "Fill in the district or postcode.",
    ),
    "yesno_bad": (
        "'{value}' is geen ja of nee. Vul 'ja' of 'nee' in.",
        "'{value}' is not yes or no. Enter 'ja' (yes) or 'nee' (no).",
    ),
    "duplicate_id_row": (
        "Id '{id}' staat ook in rij {first}. Geef elke {what} een eigen id; deze rij wordt overgeslagen.",
        "Id '{id}' also occurs in row {first}. Give every {what} a unique id; this row is skipped.",
    ),
    "duplicate_id_case": (
        "Id '{id}' verschilt alleen in hoofdletters van '{other}' (rij {first}); het worden twee deelnemers. "
        "Is het dezelfde persoon, verwijder dan een van beide rijen.",
        "Id '{id}' differs only in capitals from '{other}' (row {first}); they become two learners. If it "
        "is the same person, remove one of the rows.",
    ),
    "location_conflict": (
        "Locatie '{name}' staat al in rij {first} met een andere ligging ({first_home}). Gebruik één "
        "stadsdeel/postcode per locatie.",
        "Location '{name}' already occurs in row {first} with another place ({first_home}). Use one "
        "district/postcode per location.",
    ),
    "location_daypart_twice": (
        "Locatie '{name}': dagdeel {daypart} staat ook in rij {first}. Geef elk dagdeel maar één keer.",
        "Location '{name}': daypart {daypart} also occurs in row {first}. Give each daypart once.",
    ),
    "location_default_open": (
        "Open dagdelen is leeg; aangenomen: elke werkdag ochtend, middag en avond.",
        "Open dayparts is empty; assumed: every weekday morning, afternoon and evening.",
    ),
    "teacher_daypart_twice": (
        "Dagdeel {daypart} staat ook in rij {first}. Geef elk dagdeel maar één keer.",
        "Daypart {daypart} also occurs in row {first}. Give each daypart once.",
    ),
    "unknown_ref": (
        "{what} '{value}' bestaat niet. Kies uit: {known}.",
        "{what} '{value}' does not exist. Choose from: {known}.",
    ),
    "unknown_route_ref": (
        "Route '{value}' staat niet op het blad Routes ({known}). Voeg de route toe of corrigeer de naam.",
        "Route '{value}' is not on the Routes sheet ({known}). Add the route or correct the name.",
    ),
    "unknown_learner_ref_cell": (
        "'{ref}' is geen id van een deelnemer op het blad Deelnemers.",
        "'{ref}' is not the id of a learner on the Learners sheet.",
    ),
    "household_too_big": (
        "Huishouden '{group}' (kolom Samen) telt {size} deelnemers (rijen {rows}), meer dan de "
        "maximale klasgrootte {max} van route {route} (blad Routes, kolom Max grootte). Samen passen "
        "ze in geen enkele klas: het huishouden blijft wachten. Verhoog 'Max grootte' of verdeel het "
        "huishouden over kleinere groepen.",
        "Household '{group}' (column Samen) has {size} learners (rows {rows}), more than the "
        "largest class size {max} of route {route} (Routes sheet, column Max grootte). Together "
        "they fit in no class: the household will wait. Raise 'Max grootte' or split the household "
        "into smaller groups.",
    ),
    "household_routes": (
        "Huishouden '{group}' (kolom Samen, rijen {rows}) staat op verschillende routes ({routes}); een "
        "klas heeft één route, dus samen passen ze in geen enkele klas: het huishouden blijft wachten. "
        "Corrigeer de route of haal iemand uit het huishouden.",
        "Household '{group}' (column Samen, rows {rows}) is on different routes ({routes}); a class has "
        "one route, so together they fit in no class: the household will wait. Correct the route or take "
        "someone out of the household.",
    ),
    "household_spread": (
        "Huishouden '{group}' (kolom Samen, rijen {rows}) heeft leerbaarheid {low} tot {high}, verder uiteen "
        "dan de maximale spreiding {spread} van route {route} (blad Routes, kolom Max spreiding). Samen passen "
        "ze in geen enkele klas: het huishouden blijft wachten. Controleer de leerbaarheid, verhoog 'Max "
        "spreiding' of haal iemand uit het huishouden.",
        "Household '{group}' (column Samen, rows {rows}) has leerbaarheid {low} to {high}, further apart "
        "than route {route}'s maximum spread {spread} (Routes sheet, column Max spreiding). Together they "
        "fit in no class: the household will wait. Check the leerbaarheid, raise 'Max spreiding' or take "
        "someone out of the household.",
    ),
    "household_dayparts": (
        "Huishouden '{group}' (kolom Samen, rijen {rows}) heeft samen alleen de dagdelen {dayparts}: daarin "
        "past geen lesrooster van route {route}, dus samen passen ze in geen enkele klas: het huishouden "
        "blijft wachten. Controleer de dagdelen of haal iemand uit het huishouden.",
        "Household '{group}' (column Samen, rows {rows}) shares only the dayparts {dayparts}: no schedule "
        "of route {route} lies within them, so together they fit in no class: the household will wait. "
        "Check the dayparts or take someone out of the household.",
    ),
    "household_spelling": (
        "Huishouden '{group}' verschilt alleen in hoofdletters of spaties van '{other}' (rij {other_row}); "
        "het zijn nu twee huishoudens. Schrijf ze precies gelijk als ze bij elkaar horen.",
        "Household '{group}' differs only in capitals or spaces from '{other}' (row {other_row}); they are "
        "now two households. Write them exactly alike if they belong together.",
    ),
    "not_with_household": (
        "'{ref}' (rij {row_ref}) hoort bij hetzelfde huishouden '{group}' (kolom Samen) als deze "
        "deelnemer: 'Samen' zegt dezelfde klas, 'Niet met' zegt niet in dezelfde klas. Dat spreekt "
        "elkaar tegen. Haal '{ref}' weg uit 'Niet met', of haal een van beiden uit het huishouden.",
        "'{ref}' (row {row_ref}) belongs to the same household '{group}' (column Samen) as this "
        "learner: 'Samen' (together) says the same class, 'Niet met' (not with) says not in the "
        "same class. The two contradict each other. Remove '{ref}' from 'Niet met', or take one "
        "of them out of the household.",
    ),
    "not_with_self": (
        "'Niet met' noemt de deelnemer zelf ('{id}'); dat wordt genegeerd. Haal de eigen id weg.",
        "'Niet met' (not with) names the learner themself ('{id}'); this is ignored. Remove the "
        "learner's own id.",
    ),
    "pin_ended": (
        "Lopende klas '{id}' is al afgelopen (Einddatum {date} ligt vóór de plandatum {plan_date}); niemand "
        "kan er nog in. Kies een andere klas, 'wachtlijst', of maak de cel leeg.",
        "Running class '{id}' has already ended (end date {date} lies before the plan date {plan_date}); "
        "nobody can join it any more. Choose another class, 'wachtlijst', or clear the cell.",
    ),
    "running_ended": (
        "Lopende klas '{id}' is al afgelopen: Einddatum {date} ligt vóór de plandatum {plan_date}. De klas "
        "wordt weggelaten. Verwijder de rij, of verbeter de Einddatum (of de plandatum op blad Instellingen).",
        "Running class '{id}' has already ended: end date {date} lies before the plan date {plan_date}. The "
        "class is left out. Delete the row, or correct the end date (or the plan date on the Instellingen sheet).",
    ),
    "plan_date_long_ago": (
        "Plandatum {date} ligt meer dan een jaar vóór vandaag ({today}): de klassen worden gepland vanaf die "
        "datum, in het verleden. Controleer of dit klopt (een typfout?); de datum wordt gebruikt zoals hij "
        "er staat.",
        "Plan date {date} lies more than a year before today ({today}): the classes are planned from that "
        "date, in the past. Check whether this is right (a typing error?); the date is used as it is.",
    ),
    "pin_plan_class": (
        "Klas '{value}' is een klas van dit plan (blad Klassen), geen lopende klas. Als invoerwerkmap gelezen "
        "worden de klassen opnieuw gevormd; deze vastzetting telt dan niet. Open de werkmap als plan (in de "
        "app, of met klasvormer check/solve) om haar te houden.",
        "Class '{value}' is a class of this plan (sheet Klassen), not a running class. Read as an input "
        "workbook, the classes are formed anew, so this pin does not count. Open the workbook as a plan (in "
        "the app, or with klasvormer check/solve) to keep it.",
    ),
    "pin_unknown": (
        "Klas '{value}' bestaat niet. Gebruik de code van een lopende klas of 'wachtlijst'.",
        "Class '{value}' does not exist. Use the code of a running class or 'wachtlijst'.",
    ),
    "setting_unknown": (
        "Instelling '{value}' is onbekend en wordt genegeerd. Bekende instellingen: zie blad Uitleg.",
        "Setting '{value}' is unknown and ignored. Known settings: see the Uitleg sheet.",
    ),
    "setting_twice": (
        "Instelling '{value}' staat ook in rij {first}; deze rij wordt genegeerd.",
        "Setting '{value}' also occurs in row {first}; this row is ignored.",
    ),
    "plan_date_default": (
        "Geen plandatum opgegeven; aangenomen: {date} (de eerstvolgende maandag).",
        "No plan date given; assumed: {date} (the next Monday).",
    ),
    "week_not_aligned": (
        "Datum {date} valt niet op een weekstart van de planning; week {week} (vanaf {week_date}) "
        "wordt gebruikt.",
        "Date {date} is not a week start of the plan; week {week} (from {week_date}) is used.",
    ),
    "weeks_bad": (
        "'{value}' is geen week of datum. Schrijf weeknummers (0 = week van de plandatum) of "
        "datums, gescheiden door ';', bijvoorbeeld 0; 4; 8.",
        "'{value}' is not a week or date. Write week numbers (0 = week of the plan date) or dates, "
        "separated by ';', e.g. 0; 4; 8.",
    ),
    "week_before_plan": (
        "Datum {date} ligt vóór de plandatum {plan_date}. Geef een latere datum.",
        "Date {date} lies before the plan date {plan_date}. Give a later date.",
    ),
    "horizon_too_long": (
        "Planperiode {value} weken is te lang: hoogstens {max} weken (ongeveer {years} jaar). Vul een "
        "kortere planperiode in.",
        "Horizon {value} weeks is too long: at most {max} weeks (about {years} years). Enter a shorter "
        "horizon.",
    ),
    "preset_unknown": (
        "Afweging '{value}' is onbekend. Kies uit: gebalanceerd, snelle start, homogeen.",
        "Preset '{value}' is unknown. Choose from: gebalanceerd, snelle start, homogeen.",
    ),
    "no_rows": (
        "Blad '{sheet}' heeft geen {what}. Vul ten minste één rij in.",
        "Sheet '{sheet}' has no {what}. Fill in at least one row.",
    ),
    "no_learners": (
        "Er staan geen deelnemers op het blad '{sheet}' (voorbeeldrijen tellen niet mee).",
        "There are no learners on sheet '{sheet}' (example rows do not count).",
    ),
    "routes_default": (
        "Geen blad Routes; voor route '{route}' gelden de standaardregels (8-15 deelnemers, "
        "spreiding 20, 26 weken).",
        "No Routes sheet; route '{route}' gets the default rules (8-15 learners, spread 20, 26 weeks).",
    ),
    "range_reversed": (
        "Niveau van ({lo}) is hoger dan niveau tot ({hi}). Wissel ze om.",
        "Level from ({lo}) is higher than level to ({hi}). Swap them.",
    ),
    # --- edited plan workbooks --------------------------------------------------------------------
    "plan_no_classes": (
        "Dit is geen planwerkmap van Klasvormer: het blad 'Klassen' ontbreekt. Lees het in als "
        "invoerwerkmap.",
        "This is not a Klasvormer plan workbook: the sheet 'Klassen' (classes) is missing. Import it "
        "as an input workbook.",
    ),
    "read_failed": (
        "Blad '{sheet}' van '{file}' kan niet worden gelezen ({reason}). Open het bestand in Excel, "
        "sla het opnieuw op en probeer het nog eens.",
        "Sheet '{sheet}' of '{file}' cannot be read ({reason}). Open the file in Excel, save it again "
        "and retry.",
    ),
    "started_unreadable": (
        "Het blad '{sheet}' (wie al gestart is) kan niet worden gelezen; de volgende werkmap krijgt het niet "
        "mee. Bewaar deze werkmap voor de gegevens van wie al gestart is.",
        "The sheet '{sheet}' (who has started) cannot be read; the next workbook does not get it. Keep this "
        "workbook for the records of those who started.",
    ),
    "started_no_header": (
        "Het blad '{sheet}' (wie al gestart is) heeft geen kopregel met 'Id'; de rijen gaan niet mee naar de "
        "volgende werkmap. Zet de kopregel terug (Id, Naam, Klas, Startdatum, ...).",
        "The sheet '{sheet}' (who has started) has no header row with 'Id'; its rows do not go along to the "
        "next workbook. Put the header row back (Id, Naam, Klas, Startdatum, ...).",
    ),
    "started_duplicate": (
        "Deelnemer {value} staat al op rij {first} van blad '{sheet}'; deze rij gaat niet nogmaals mee naar de "
        "volgende werkmap. Voeg wat hier anders is samen in rij {first} en verwijder deze rij.",
        "Learner {value} is already on row {first} of sheet '{sheet}'; this row does not go along to the next "
        "workbook again. Merge what differs here into row {first} and delete this row.",
    ),
    "plan_no_marker": (
        "Het verborgen blad '_Klasvormer' ontbreekt: wijzigingen in de kolom Klas kunnen niet worden "
        "herkend en worden als uitgangsplan genomen. Gebruik een planwerkmap die Klasvormer maakte.",
        "The hidden sheet '_Klasvormer' is missing: edits in the Class column cannot be detected and "
        "are taken as the earlier plan. Use a plan workbook written by Klasvormer.",
    ),
    "plan_class_deleted": (
        "Klas {id} stond in het plan, maar de rij is van het blad Klassen verwijderd. Zet hier 'vrij' "
        "(opnieuw inplannen) of 'wachtlijst', of een andere klas uit Klassen; of zet de rij van {id} terug.",
        "Class {id} was in the plan, but its row has been deleted from the Klassen sheet. Enter 'vrij' here "
        "(plan again) or 'wachtlijst' (waiting list), or another class from Klassen; or put the row of {id} back.",
    ),
    "plan_class_unknown": (
        "Klas '{value}' staat niet op het blad Klassen. Kies een klas uit Klassen, 'wachtlijst' of "
        "laat de cel leeg.",
        "Class '{value}' is not on the Klassen sheet. Choose a class from Klassen, 'wachtlijst' or "
        "leave the cell empty.",
    ),
    "plan_moved": (
        "Deelnemer {id} is door de planner verplaatst van {old} naar {new}; dit wordt vastgezet.",
        "Learner {id} was moved by the planner from {old} to {new}; this is pinned.",
    ),
    "plan_removed": (
        "Deelnemer {id} stond in het plan maar is verwijderd; hij of zij wordt niet meer ingepland.",
        "Learner {id} was in the plan but has been removed; they are no longer planned.",
    ),
    "edit_pin_unfit": (
        "{problem} Kies in de kolom Klas een klas waar de deelnemer wel past, of zet er 'vrij' "
        "(opnieuw inplannen) of 'wachtlijst' in.",
        "{problem} In the Klas column, choose a class the learner does fit, or enter 'vrij' "
        "(plan again) or 'wachtlijst' (waiting list).",
    ),
    "edit_pin_full": (
        "{problem} Zet in de kolom Klas minder deelnemers in deze klas: geef de anderen een andere klas, "
        "'vrij' (opnieuw inplannen) of 'wachtlijst'.",
        "{problem} Put fewer learners in this class in the Klas column: give the others another class, "
        "'vrij' (plan again) or 'wachtlijst' (waiting list).",
    ),
    "edit_pins_conflict": (
        "{problem} Pas de kolom Klas aan.",
        "{problem} Change the Klas column.",
    ),
    "plan_added_case": (
        "Id {id} verschilt alleen in hoofd- en kleine letters van {old}, dat in het plan stond en nu ontbreekt. "
        "Ids moeten precies gelijk zijn: {old} wordt als verwijderd gelezen en {id} als nieuwe deelnemer. "
        "Is het dezelfde deelnemer, schrijf de id dan weer als {old}.",
        "Id {id} differs only in upper and lower case from {old}, which was in the plan and is now missing. "
        "Ids must match exactly: {old} is read as removed and {id} as a new learner. "
        "If it is the same learner, write the id as {old} again.",
    ),
    "plan_data_changed": (
        "Deelnemer {id}: gegevens gewijzigd sinds het plan werd geschreven ({columns}); de herplanning "
        "rekent met wat nu op het blad staat. Zet de oude waarde terug als dit niet de bedoeling is.",
        "Learner {id}: data changed since the plan was written ({columns}); the re-plan uses what the "
        "sheet says now. Put the old value back if this was not meant.",
    ),
    "plan_data_sorted": (
        "Bij {count} van de {total} deelnemers zijn de eigen gegevens ({columns}) anders dan in het plan "
        "zoals het geschreven werd. Is het blad gesorteerd terwijl maar een deel van de kolommen "
        "geselecteerd was? Dan staan de gegevens nu bij andere deelnemers: maak het sorteren ongedaan of "
        "begin opnieuw met de planwerkmap zoals Klasvormer hem schreef. De herplanning rekent met wat nu "
        "op het blad staat.",
        "For {count} of the {total} learners their own data ({columns}) differs from the plan as it was "
        "written. Was the sheet sorted with only some of its columns selected? Then the data now stand "
        "with other learners: undo the sort or start again from the plan workbook as Klasvormer wrote it. "
        "The re-plan uses what the sheet says now.",
    ),
    "plan_added": (
        "Deelnemer {id} is nieuw toegevoegd en wordt ingepland.",
        "Learner {id} is newly added and will be planned.",
    ),
    "plan_sheet_moved": (
        "Deelnemer {id} staat op dit klasblad, maar in de kolom Klas van Deelnemers nog in {old}; dit wordt "
        "gelezen als verplaatsing naar {new} en vastgezet. Zet wijzigingen liever in de kolom Klas van "
        "Deelnemers, en pas die aan als dit niet de bedoeling is.",
        "Learner {id} stands on this class sheet, but the Klas column of Deelnemers still says {old}; this is "
        "read as a move to {new} and pinned. Make edits in the Klas column of Deelnemers instead, and change "
        "it if this is not what you meant.",
    ),
    "plan_sheet_conflict": (
        "Deelnemer {id} staat op dit klasblad ({label}), maar de kolom Klas van Deelnemers zegt {new}; de "
        "kolom Klas geldt. Wijzigingen worden uit de kolom Klas van Deelnemers gelezen.",
        "Learner {id} stands on this class sheet ({label}), but the Klas column of Deelnemers says {new}; the "
        "Klas column counts. Edits are read from the Klas column of Deelnemers.",
    ),
    "plan_sheet_twice": (
        "Deelnemer {id} staat op meer dan één klasblad: {sheets}; dit wordt genegeerd. Wijzigingen worden "
        "alleen uit de kolom Klas van Deelnemers gelezen: zet de klas daar.",
        "Learner {id} stands on more than one class sheet: {sheets}; this is ignored. Edits are read from "
        "the Klas column of Deelnemers only: put the class there.",
    ),
    "plan_sheet_missing": (
        "Deelnemer {id} is van dit klasblad ({old}) gehaald en staat op geen ander klasblad; dit wordt "
        "genegeerd. Wijzigingen worden alleen uit de kolom Klas van Deelnemers gelezen: zet daar een andere "
        "klas, 'wachtlijst' of 'vrij'.",
        "Learner {id} was taken off this class sheet ({old}) and stands on no other class sheet; this is "
        "ignored. Edits are read from the Klas column of Deelnemers only: put another class, 'wachtlijst' or "
        "'vrij' there.",
    ),
    "plan_sheet_unknown": (
        "'{value}' op dit klasblad is geen deelnemer van de planwerkmap en wordt genegeerd. Voeg nieuwe "
        "deelnemers toe op het blad Deelnemers.",
        "'{value}' on this class sheet is not a learner of the plan workbook and is ignored. Add new learners "
        "on the Deelnemers sheet.",
    ),
    "plan_locked_started": (
        "Klas {id} wordt vastgezet ({why}), maar start op {date}, vóór de plandatum {plan_date}. Kies een "
        "Startdatum op of na de plandatum. Loopt de klas al, zet hem dan op het blad Lopende klassen (met de "
        "plaatsen die nog vrij zijn), haal zijn rij weg van het blad Klassen en haal de deelnemers die al "
        "begonnen zijn weg van het blad Deelnemers.",
        "Class {id} is locked ({why}), but starts on {date}, before the plan date {plan_date}. Choose a start "
        "date on or after the plan date. If the class runs, put it on the Lopende klassen sheet (with the seats "
        "still free), delete its row from the Klassen sheet and delete the learners who have started from the "
        "Deelnemers sheet.",
    ),
    "plan_locked_after": (
        "Klas {id} wordt vastgezet ({why}), maar start op {date}, na de planperiode van {weeks} weken (de "
        "laatste startweek begint op {last}). Kies een eerdere Startdatum, of maak de planperiode langer op "
        "het blad Instellingen.",
        "Class {id} is locked ({why}), but starts on {date}, after the plan period of {weeks} weeks (the last "
        "start week begins on {last}). Choose an earlier start date, or make the plan period longer on the "
        "Instellingen sheet.",
    ),
    "plan_locked_after_horizon": (
        "Klas {id} wordt vastgezet ({why}), maar start op {date}, na de planperiode van {weeks} weken die "
        "--horizon opgeeft (de laatste startweek begint op {last}). Kies een eerdere Startdatum, of geef een "
        "grotere --horizon (minstens {need}).",
        "Class {id} is locked ({why}), but starts on {date}, after the plan period of {weeks} weeks that "
        "--horizon gives (the last start week begins on {last}). Choose an earlier start date, or give a larger "
        "--horizon (at least {need}).",
    ),
    "plan_locked_week": (
        "Klas {id} wordt vastgezet ({why}), maar route {route} start geen klassen in de week van {date}. "
        "Kies als Startdatum een startweek van de route: {weeks}.",
        "Class {id} is locked ({why}), but route {route} starts no classes in the week of {date}. Choose a "
        "start week of the route as start date: {weeks}.",
    ),
    "plan_locked_schedule": (
        "Klas {id} wordt vastgezet ({why}), maar route {route} gebruikt lesrooster '{schedule}' niet. Kies "
        "uit: {known}.",
        "Class {id} is locked ({why}), but route {route} does not use schedule '{schedule}'. Choose from: "
        "{known}.",
    ),
    "plan_locked_too_few": (
        "Klas {id} wordt vastgezet ({why}), maar zo kunnen er hoogstens {count} deelnemers op de eerste dag "
        "starten, en de klas heeft er minimaal {min} nodig: te weinig deelnemers passen bij deze route, "
        "locatie, lesrooster, startdatum en niveau. {fix}",
        "Class {id} is locked ({why}), but then at most {count} learners can start on its first day, and the "
        "class needs at least {min}: too few learners fit this route, location, schedule, start date and "
        "level. {fix}",
    ),
    "plan_class_start_in_week": (
        "Startdatum {date} valt niet op een weekstart van de planning: klas {id} start in de week vanaf "
        "{week_date} (de lessen volgen het lesrooster). Vul {week_date} of een andere weekstart in als "
        "dat niet de bedoeling is.",
        "Start date {date} is not a week start of the plan: class {id} starts in the week from {week_date} "
        "(lessons follow the schedule). Enter {week_date} or another week start if that is not what you "
        "meant.",
    ),
    "plan_start_week_output": (
        "De kolom Startweek is alleen uitvoer en wordt niet gelezen: klas {id} start volgens de Startdatum "
        "op {date} (week {week}). Wijzig de kolom {start_column} om de start te verplaatsen.",
        "The Startweek column is output only and is not read: class {id} starts by its start date on {date} "
        "(week {week}). Change the column {start_column} to move the start.",
    ),
    "plan_dayparts_output": (
        "De kolom {column} is alleen uitvoer en wordt niet gelezen: klas {id} krijgt de dagdelen van lesrooster "
        "'{schedule}'. Kies een ander lesrooster in de kolom {schedule_column}, of wijzig de dagdelen van het "
        "lesrooster op het blad {schedules_sheet}.",
        "The {column} column is output only and is not read: class {id} gets the dayparts of schedule "
        "'{schedule}'. Choose another schedule in the column {schedule_column}, or change the schedule's "
        "dayparts on the {schedules_sheet} sheet.",
    ),
    "plan_running_class_edited": (
        "Klas {id} is een lopende klas (Lopend = ja): de kolom {column} op het blad Klassen wordt voor lopende "
        "klassen niet gelezen en de wijziging telt niet; de klas blijft zoals op het blad {running_sheet}. "
        "Wijzig een lopende klas daar.",
        "Class {id} is a running class (Lopend = ja): the {column} column of the Klassen sheet is not read for "
        "running classes and the change does not count; the class stays as on the {running_sheet} sheet. "
        "Change a running class there.",
    ),
    "plan_running_class_locked": (
        "Klas {id} is een lopende klas (Lopend = ja): Vast = ja heeft hier geen effect en wordt niet gelezen. Een "
        "lopende klas loopt al en blijft in elk plan zoals op het blad {running_sheet}, vastgezet of niet. Laat "
        "Vast leeg of zet het op nee.",
        "Class {id} is a running class (Lopend = ja): Vast = ja has no effect here and is not read. A running class "
        "already runs and stays in every plan as on the {running_sheet} sheet, locked or not. Leave Vast empty or "
        "set it to nee.",
    ),
    "plan_output_column": (
        "De kolom {column} is alleen uitvoer en wordt niet gelezen: de wijziging bij klas {id} telt niet. De "
        "waarde volgt uit de deelnemers van de klas: verplaats deelnemers in de kolom Klas van het blad "
        "{learners_sheet}.",
        "The {column} column is output only and is not read: the change at class {id} does not count. The "
        "value follows from the class's learners: move learners in the Klas column of the {learners_sheet} "
        "sheet.",
    ),
    "plan_date_class_not_kept": (
        "Klas {id} begint op de plandatum {date}. Bij herplannen blijven de deelnemers die op de plandatum "
        "beginnen in hun klas, maar deze klas kan niet blijven zoals hij was: {why}. De herplanning mag hem "
        "opnieuw vormen en zijn deelnemers verplaatsen (tegen gewicht verplaatsing); het overzicht van "
        "wijzigingen noemt wie verschuift. Wil je de klas houden, neem dan de wijziging terug die dit "
        "veroorzaakt.",
        "Class {id} starts on the plan date {date}. A re-plan keeps the learners who start on the plan date in "
        "their class, but this class cannot stay as it was: {why}. The re-plan may form it again and move its "
        "learners (at gewicht verplaatsing); the change report names who moves. To keep the class, undo the "
        "edit that causes this.",
    ),
    "plan_date_learner_not_kept": (
        "Deelnemer {id} begint op de plandatum {date} in klas {label}. Bij herplannen blijft wie op de "
        "plandatum begint in zijn klas, maar deze deelnemer niet: {why}. De herplanning plant de deelnemer "
        "opnieuw in (tegen gewicht verplaatsing).",
        "Learner {id} starts on the plan date {date} in class {label}. A re-plan keeps whoever starts on the "
        "plan date in their class, but not this learner: {why}. The re-plan plans the learner again (at "
        "gewicht verplaatsing).",
    ),
    "plan_class_started": (
        "Klas {id} is op {date} gestart, vóór de plandatum {plan_date}. De herplanning houdt hem niet vast: ze "
        "plant hem opnieuw als nieuwe klas, op of na de plandatum, en kan zijn deelnemers verplaatsen. Loopt de "
        "klas al, zet hem dan op het blad Lopende klassen (met de plaatsen die nog vrij zijn), haal zijn rij weg "
        "van het blad Klassen en haal de deelnemers die al begonnen zijn weg van het blad Deelnemers. Dat doet "
        "ook 'klasvormer volgende-week' op de planwerkmap met de vorige plandatum (--plandatum {plan_date}).",
        "Class {id} started on {date}, before the plan date {plan_date}. The re-plan does not keep it: it plans "
        "it again as a new class, on or after the plan date, and may move its learners. If the class runs, put "
        "it on the Lopende klassen sheet (with the seats still free), delete its row from the Klassen sheet and "
        "delete the learners who have started from the Deelnemers sheet. 'klasvormer next-week' on the plan "
        "workbook with the earlier plan date does this (--plandatum {plan_date}).",
    ),
})
