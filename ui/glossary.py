"""Begrippen: the words of the planner explained once, shown under Help and as tooltips.

Each entry is a Dutch term and its explanation (translated when shown). Pages that show such a
word take its explanation as tooltip with :func:`explain`, so the window and the list say the same.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.i18n import N_, tr

GLOSSARY: list[tuple[str, str]] = [
    (N_("Leerbaarheid"), N_("Hoe snel iemand naar verwachting Nederlands leert, als score van 0 tot 100.")),
    (N_("Niveauverschil"), N_("Het verschil tussen de leerbaarheid van een deelnemer en het niveau van zijn klas. "
                              "Kleiner is beter: de deelnemer past beter in de groep.")),
    (N_("Bandbreedte"), N_("De laagste en de hoogste leerbaarheid in een klas, bijvoorbeeld 40–55.")),
    (N_("Spreiding"), N_("Het verschil tussen de hoogste en de laagste leerbaarheid in een klas (gemiddeld over de "
                         "klassen). Kleiner betekent een gelijkmatiger groep.")),
    (N_("Wachtweken"), N_("Weken tussen aanmelding en de start van de klas; wie op de wachtlijst blijft, telt tot "
                          "het einde van de planperiode plus de extra weken.")),
    (N_("P90 (90% wacht hooguit)"), N_("9 van de 10 deelnemers wachten niet langer dan dit aantal weken; de "
                                       "langste 10% wacht langer.")),
    (N_("Doelfunctie"), N_("Het totaal aan strafpunten van een plan: wachten, niveauverschil, reistijd en "
                           "voorkeuren, gewogen zoals op de pagina Afweging. Lager is beter.")),
    (N_("Ondergrens"), N_("Een bewezen getal waar geen enkel plan onder kan komen. Ligt de doelfunctie er dichtbij, "
                          "dan bestaat er geen veel beter plan.")),
    (N_("Verschil met ondergrens"), N_("Hoeveel procent het plan hoogstens van het best mogelijke plan af ligt. "
                                       "0% betekent: bewezen het beste plan.")),
    (N_("Vast"), N_("Een vastgezette deelnemer of klas blijft zo bij heroptimaliseren (Ctrl+L zet vast of los).")),
    (N_("Heroptimaliseren"), N_("Opnieuw plannen vanaf het huidige plan: vastgezette deelnemers en klassen blijven, "
                                "de rest mag schuiven.")),
    (N_("Reeks aanmeldingen (seed)"), N_("Het nummer van de willekeurige reeks aanmeldingen in de simulatie. Hetzelfde "
                                         "nummer geeft dezelfde aanmeldingen, zodat elk beleid dezelfde deelnemers "
                                         "krijgt.")),
]
_BY_TERM = dict(GLOSSARY)


def explain(term: str) -> str:
    """The explanation of ``term`` (a Dutch term from :data:`GLOSSARY`) in the current language."""
    return tr(_BY_TERM[term])


def glossary_html() -> str:
    rows = "".join(f"<dt><b>{tr(term)}</b></dt><dd>{tr(text)}</dd>" for term, text in GLOSSARY)
    return f"<dl>{rows}</dl>"


class GlossaryDialog(QDialog):
    """Help → Begrippen: the list, readable next to the window (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Begrippen"))
        self.browser = QTextBrowser()
        self.browser.setHtml(glossary_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 70, fm.height() * 30)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
