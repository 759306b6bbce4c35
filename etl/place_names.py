"""Place-name forms the reference build derives instead of listing: Kazakh Cyrillic and Russian cases.

pycountry names the regions in romanised Kazakh ("Qaraghandy oblysy"): `kazakh_cyrillic`
writes them back in Kazakh Cyrillic. The documents use every Russian case of a place ("в
Карагандинской области", "Карагандинскую область", "в Шымкенте", "Костанае"): `ru_adjective`
and `ru_noun` generate them from one stem or nominative, which keeps the hand tables short.
"""
from __future__ import annotations

# Romanised Kazakh (the system pycountry's names use) -> Cyrillic, to derive name_kk.
_KK_DIGRAPHS = {"zh": "ж", "sh": "ш", "ch": "ч", "gh": "ғ", "ng": "ң", "kh": "х", "ts": "ц"}
_KK_LETTERS = dict(zip("aäbvgdezīijkqlmnoöprstuūüfhc", "аәбвгдезиійкқлмноөпрстұуүфһц"))
_VOWELS = set("aäeioöuūüy")


def kazakh_cyrillic(romanised: str) -> str:
    """Reverse pycountry's romanisation ("Qaraghandy oblysy" -> "Қарағанды облысы").

    'y' is ambiguous (ы or й): it is й after a vowel when no vowel follows, else ы, which is
    right for all 20 names; the build prints the results for review.
    """
    out: list[str] = []
    text = romanised
    i = 0
    while i < len(text):
        ch = text[i]
        low = ch.lower()
        pair = text[i:i + 2].lower()
        if pair in _KK_DIGRAPHS:
            cyr = _KK_DIGRAPHS[pair]
            i += 2
        elif low == "y":
            prev = text[i - 1].lower() if i else ""
            nxt = text[i + 1].lower() if i + 1 < len(text) else ""
            cyr = "й" if prev in _VOWELS and nxt not in _VOWELS else "ы"
            i += 1
        elif low in _KK_LETTERS:
            cyr = _KK_LETTERS[low]
            i += 1
        else:
            cyr = ch
            i += 1
        out.append(cyr.upper() if ch.isupper() else cyr)
    return "".join(out)


ADJ_FEM = ("ая", "ой", "ую", "ою")
ADJ_OTHER = ("ий", "ого", "ому", "им", "ом", "ое", "ие", "их", "ими")


def ru_adjective(stem: str, *, feminine: bool = True, other: bool = True) -> list[str]:
    """Forms of a "-ск-" place adjective ("карагандинск" -> карагандинская, -ой, -ий, ...).

    Feminine forms go with область, masculine/plural with регион/район/университет; both
    name the region. (Almaty gets only feminine forms: "Алматинский" alone could be the city.)
    """
    endings = (ADJ_FEM if feminine else ()) + (ADJ_OTHER if other else ())
    return [stem + e for e in endings]


def ru_noun(nominative: str) -> list[str]:
    """Nominative plus genitive, dative, instrumental and prepositional of a city name.

    Declension goes by the last word's ending; names in -о/-у/-е/-ы/-и (Алматы, Актобе,
    Кокшетау) are indeclinable.
    """
    head, _, last = nominative.rpartition(" ")
    head = head + " " if head else ""
    if last.endswith(("ай", "ей")):
        stem = last[:-1]
        forms = [stem + "я", stem + "ю", stem + "ем", stem + "е"]
    elif last.endswith("а"):
        stem = last[:-1]
        gen = "и" if stem[-1] in "гкхжшчщ" else "ы"
        forms = [stem + gen, stem + "е", stem + "у", stem + "ой"]
    elif last[-1] in "бвгджзклмнпрстфхцчшщ":
        forms = [last + "а", last + "у", last + "ом", last + "е"]
    else:
        forms = []
    return [nominative] + [head + f for f in forms]
