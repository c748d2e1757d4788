"""A small translation table: Dutch is the source text, English is looked up.

``tr("Deelnemers")`` returns the Dutch text, or its English translation after
``set_language("en")``. Texts may hold ``{placeholders}`` filled from keyword arguments. The
texts are the GUI's :class:`~optimizer.messages.Catalogue` (``ui.strings_en.TEXTS``, the Dutch
text as key, gettext style), rendered like every other catalogue. The language is the one switch
of :mod:`optimizer.messages` (stored in QSettings by the main window); :func:`set_language` sets it
for the GUI, the optimizer's and app's messages (waiting reasons, diagnoses) and Qt's own texts
(file dialogs, standard buttons such as Opslaan/Annuleren: Qt's ``qtbase_nl.qm``).
``tests/ui/test_i18n.py`` checks that every ``tr("...")`` text in ``ui/`` has an English entry.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from optimizer.messages import LANGUAGES, fmt, get_language
from optimizer.messages import set_language as set_optimizer_language
from ui.strings_en import TEXTS


def set_language(lang: str) -> None:
    """Switch the GUI and the optimizer's messages to ``"nl"`` or ``"en"`` (anything else: Dutch)."""
    if lang not in LANGUAGES:
        lang = "nl"
    set_optimizer_language(lang)
    _switch_qt_texts(lang)


_QT_TRANSLATORS: list[QTranslator] = []


def _switch_qt_texts(lang: str) -> None:
    """Qt's own dialogs and buttons in Dutch (its translation files ship with PySide6) or English."""
    app = QCoreApplication.instance()
    if app is None:  # make_app sets the language again once the application exists
        return
    for translator in _QT_TRANSLATORS:
        app.removeTranslator(translator)
    _QT_TRANSLATORS.clear()
    if lang == "en":
        return
    translator = QTranslator(app)
    if translator.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _QT_TRANSLATORS.append(translator)
    gaps = _QtGaps(app)  # installed last, so asked first
    app.installTranslator(gaps)
    _QT_TRANSLATORS.append(gaps)


QT_GAPS_NL = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestands&type:",
    ("QPlatformTheme", "Close without Saving"): "Sluiten zonder opslaan",
    ("QPlatformTheme", "Don't Save"): "Niet opslaan",
}
"""Texts of Qt's dialogs that Qt's own Dutch translation (qtbase_nl.qm) leaves in English."""


class _QtGaps(QTranslator):
    """Fills :data:`QT_GAPS_NL`; every other text is left to Qt's translation."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return QT_GAPS_NL.get((context, source))  # None: no translation here, Qt asks the next one

    def isEmpty(self) -> bool:
        return False


def language() -> str:
    return get_language()


def N_(text: str) -> str:
    """Mark ``text`` for translation where it is defined; ``tr`` translates it when shown."""
    return text


WORDS = (N_("ochtend"), N_("middag"), N_("avond"), N_("ma"), N_("di"), N_("wo"), N_("do"), N_("vr"), N_("za"),
         N_("zo"))
"""Dayparts and weekday abbreviations, translated when shown."""


class Said(str):
    """A text in the current language that knows how to say itself again (:func:`again`) after a
    language switch: what :func:`tr` returns. A text kept for later (an undo step's name) follows
    the switch; ``lower()`` keeps that, other string operations give a plain text of the moment."""

    say_again: Callable[[], str]

    def __new__(cls, value: str, say_again: Callable[[], str]) -> Said:
        said = super().__new__(cls, value)
        said.say_again = say_again
        return said

    def lower(self) -> Said:
        return Said(str.lower(self), lambda: self.say_again().lower())

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (str(self),)  # pickled (to another process, say) as the plain text it is now

    def __copy__(self) -> Said:
        return self  # a text does not change

    def __deepcopy__(self, memo: dict[int, object]) -> Said:
        return self


def again(text: object) -> object:
    """``text`` said again in the current language where :func:`tr` (or a :class:`Said`) made it;
    anything else unchanged."""
    return text.say_again() if isinstance(text, Said) else text


def tr(text: str, /, **params: object) -> str:
    """``text`` in the current language, with ``params`` filled in ({n:regel|regels}: the form that fits n).
    The result is a :class:`Said`: :func:`again` gives it in the language current then."""
    if text not in TEXTS:  # no English for it (tests/ui/test_i18n.py): the Dutch text
        value = fmt(text, **params) if params else text
    else:
        value = TEXTS.text(text, **params) if params else TEXTS.template(text)
    return Said(value, lambda: tr(text, **{k: again(v) for k, v in params.items()}))


def lang_arg() -> str | None:
    """The ``lang`` argument for optimizer/app texts: None (Dutch) or ``"en"``."""
    return "en" if get_language() == "en" else None


def number(value: float, decimals: int = 1) -> str:
    """A number the Dutch way (``8,5``; thousands with a dot) or the English way."""
    text = f"{value:,.{decimals}f}"
    if get_language() == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def date_text(value: object) -> str:
    """A date as ``30-11-2026`` (Dutch) or ``2026-11-30`` (English); '' for None."""
    if value is None:
        return ""
    try:
        return value.strftime("%d-%m-%Y") if get_language() == "nl" else value.isoformat()  # type: ignore[attr-defined]
    except AttributeError:
        return str(value)
