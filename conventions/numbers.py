"""One number parser for every numeric form in the five documents.

Observations (via spec captures, `parse_number`) and the `mentions` search index (via
`find_numbers`) must read "1,834", "1 161 613", "42,4%", "3 млрд. 456 млн. тенге" or
"twenty-one" the same way, so both go through the single grammar defined here.

Separator rules (the documents mix English and Russian conventions, often in one table):

* A comma followed by exactly three digits (and no fourth) groups thousands: "1,834" is
  1834, "14,456,709" is 14456709. A comma followed by one or two digits is a decimal comma:
  "42,4" is 42.4, "3,25" is 3.25. A comma after a lone leading zero is always decimal
  ("0,125" is 0.125), since a thousands group never follows a bare 0. A comma followed by four
  or more digits is ambiguous and is not read as a number.
* A dot is always a decimal point ("3.345%", "2.6 billion"); no document groups with dots.
* A space, U+00A0 or U+202F between a 1-3 digit head and groups of exactly three digits
  groups thousands ("1 161 613"). A four-digit head never starts a group, so a year next to
  a count stays two numbers ("2022 139671"). Tabs and newlines never group: they separate
  table cells and lines.

A number glued to letters or to identifier punctuation ("10th", "1990s", "COVID-19",
"12/1", "04.12.2023", "10:00", "№ 84-р") is an ordinal, code, date or time, not a
statistic, and is skipped; so are telephone numbers ("+7 7172 92 50 13").

Numbers written as words (English and Russian) are read by the same grammar:

* Cardinals are exact: "seven", "двадцать пять", "a hundred", "two million", "три тысячи",
  "тысяча", "полтора миллиона" (1.5 million). "a"/"an" counts as one only before hundred,
  thousand, million, billion ("more than a hundred" is more_than 100).
* Multipliers are exact: "twice", "thrice", "вдвое", "втрое" (2, 3): the spec's indicator says
  what they multiply.
* Fractions are percentages and approximations: "a third" is about 33.3%, "half" (of) about 50%,
  "two thirds", "a quarter", "треть", "половина", "две трети", "четверть". A prose fraction is
  a rounding of a share, so it is `approx` unless a qualifier says otherwise ("more than a
  third" is more_than). "the first half", "во второй половине" (of a year) are not fractions.
* A qualifier before a range bounds the range: "at least 20-25%" is at_least with value 20 and
  value_high 25 (somewhere from 20 up, the author not sure where), "do not exceed 40-60%" is
  up_to with both ends kept. "exceeded 500" is more_than.
* "every fifth", "каждый пятый" (one in N) is a share of 100/N percent, approximate like a
  fraction; "a dozen" is 12, "a couple (of) dozen" about 24.
* Plural and indefinite amounts are lower bounds (`at_least`) at two of the unit they name,
  because that is all the words assert: "hundreds of" >= 200, "thousands of" >= 2,000, "tens of
  thousands" >= 20,000, "dozens of" >= 24, "десятки" >= 20, "сотни" >= 200, "тысячи" >= 2,000,
  "several hundred" / "несколько тысяч" >= 200 / 2,000. A qualifier before them wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "up_to", "range", "less_than")


@dataclass(frozen=True)
class ParsedNumber:
    """One number expression as written, with its value in base units."""

    value: float  # base units: "2.6 billion" -> 2.6e9, "48 тысяч" -> 48000, "42,4%" -> 42.4
    value_high: float | None  # upper bound of a range ("20-30"); value is then the low end
    qualifier: str  # one of QUALIFIERS
    is_percent: bool
    currency: str | None  # "KZT", "USD" or "EUR" when the text states it
    text: str  # exact substring parsed, qualifier and unit words included
    start: int  # offset of `text` in the input
    end: int


# --- building blocks -------------------------------------------------------------------
# Spacing inside one expression: space and the two no-break spaces; never tab or newline.
_SP = "[ \u00a0\u202f]"

_DIGITS = (
    r"(?:[1-9]\d{0,2}(?:,\d{3})+(?!\d)(?:\.\d+)?"  # 1,834  14,456,709  1,234.5
    rf"|[1-9]\d{{0,2}}(?:{_SP}\d{{3}})+(?!\d)(?:[.,]\d+)?"  # 1 161 613
    r"|\d+,\d{1,2}(?!\d)"  # 42,4  0,5
    r"|0,\d+(?!\d)"  # 0,125
    r"|\d+(?:\.\d+)?)"  # 139671  3.345
)

# Multipliers, each ending at a word boundary; abbreviations may carry their dot.
_SCALES: dict[int, str] = {
    10**12: r"trillions?|trln\.?|трлн\.?|триллион(?:ов|ами|ам|ах|ом|а|е|у)?",
    10**9: r"billions?|bln\.?|bn|млрд\.?|миллиард(?:ов|ами|ам|ах|ом|а|е|у)?",
    10**6: r"millions?|mln\.?|млн\.?|миллион(?:ов|ами|ам|ах|ом|а|е|у)?",
    10**3: r"thousands?|тыс\.?|тысяч(?:ами|ам|ах|ей|а|и|у|е)?",
}
_SCALE_WORD = "(?:" + "|".join(f"(?:{p})" for p in _SCALES.values()) + r")(?!\w)"
_SCALE_BY_FACTOR = {factor: re.compile(f"(?:{p})", re.I) for factor, p in _SCALES.items()}
# One part of a scaled amount: the first is the scale word alone, later parts of a compound
# ("3 млрд. 456 млн.") bring their own number.
_SCALE_PART = re.compile(rf"(?:(?P<num>{_DIGITS}){_SP}?)?(?P<scale>{_SCALE_WORD})", re.I)

_PERCENT = r"(?:%|per\s?cent(?!\w)|процент(?:ов|ами|ам|ах|а|ы|е|у)?(?!\w))"
_CURRENCY_AFTER = (
    r"(?:tenge|KZT|тенге|тг\.?|₸|USD|US\s?dollars?|dollars?|долл\.|доллар(?:ов|ами|ам|а|ы)?(?:\s+США)?"
    r"|\$|EUR|euros?|евро|€)(?!\w)"
)
_CURRENCY_BEFORE = rf"(?:\\?\$|US\$|€|₸|USD|KZT|EUR){_SP}?"

# Russian ordinal endings ("2020-го", "1990-е"); cardinal case endings ("3-х", "5-ти") stay.
_RU_ORDINAL = r"-(?:ого|го|ому|му|ый|ий|ой|ая|ое|ее|ые|ых|их|ым|ом|ем|й|я|е)(?!\w)"
# What may not directly follow a number's digits (unless it is a scale word like "2.6bn").
_GLUED_AFTER = rf"(?!{_SP}?{_SCALE_WORD})[\w/:*<=>\ufffd]|[.,]\d|{_RU_ORDINAL}"
# What may not directly precede an expression: letters, digits and identifier punctuation.
_GLUED_BEFORE = r"(?<![\w.,/:*'<=>\ufffd#№@&%+−])(?<!\w[-–—])(?<![№#]\s)(?<!No\.\s)"
# "+15%" and "(−47%)"; a hyphen is a minus only inside a bracket, since "ДЧС -19 человек"
# uses it as a dash.
_SIGN = r"(?:(?<![^\s(\[])[+−]|(?<=[(\[])-)(?=\d)"
_PHONE = r"\+\d{1,3}\s*(?:\(\d{3,4}\)|\d{3,4})(?:[\s-]+\d{2,4}){2,4}(?!\d)"

# --- numbers written as words ----------------------------------------------------------
_EN_WORDS: dict[str, int] = {
    w: i for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split(), start=1)
} | {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}

_RU_FORMS: list[tuple[int, str]] = [
    (1, "один одна одно одного одной одному одним одном одну"),
    (2, "два две двух двум двумя"), (3, "три трёх трех трём трем тремя"),
    (4, "четыре четырёх четырех четырём четырем четырьмя"), (5, "пять пяти пятью"),
    (6, "шесть шести шестью"), (7, "семь семи"),  # "семью" is also "family": left out
    (8, "восемь восьми восемью"), (9, "девять девяти девятью"), (10, "десять десяти десятью"),
    (11, "одиннадцать одиннадцати"), (12, "двенадцать двенадцати"), (13, "тринадцать тринадцати"),
    (14, "четырнадцать четырнадцати"), (15, "пятнадцать пятнадцати"),
    (16, "шестнадцать шестнадцати"), (17, "семнадцать семнадцати"),
    (18, "восемнадцать восемнадцати"), (19, "девятнадцать девятнадцати"),
    (20, "двадцать двадцати двадцатью"), (30, "тридцать тридцати тридцатью"), (40, "сорок сорока"),
    (50, "пятьдесят пятидесяти"), (60, "шестьдесят шестидесяти"), (70, "семьдесят семидесяти"),
    (80, "восемьдесят восьмидесяти"), (90, "девяносто девяноста"), (100, "сто ста"),
    (200, "двести двухсот"), (300, "триста трёхсот трехсот"), (400, "четыреста четырёхсот четырехсот"),
    (500, "пятьсот пятисот"), (600, "шестьсот шестисот"), (700, "семьсот семисот"),
    (800, "восемьсот восьмисот"), (900, "девятьсот девятисот"),
]
_RU_WORDS: dict[str, int] = {form: value for value, forms in _RU_FORMS for form in forms.split()}

# Word amounts that are not plain cardinals (see the module docstring): what each means.
_MULTIPLIERS: dict[str, int] = {"twice": 2, "thrice": 3, "вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5,
                                "вдесятеро": 10}
# Percent per part: "two thirds" is 2 x 33.3.
_FRACTION_FORMS: list[tuple[Decimal, str]] = [
    (Decimal(50), "half половина половины половину половиной половине"),
    (Decimal(100) / 3, "third thirds треть трети третью третей"),
    (Decimal(25), "quarter quarters четверть четверти четвертью четвертей"),
    (Decimal(20), "fifth"), (Decimal(10), "tenth"),
]
_FRACTIONS: dict[str, Decimal] = {form: value for value, forms in _FRACTION_FORMS for form in forms.split()}
# Plural amounts: the lower bound their words assert (two of the unit named).
_INDEFINITE: dict[str, int] = {
    "tens": 20, "dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2 * 10**6,
    "десятки": 20, "десятков": 20, "десятками": 20, "сотни": 200, "сотен": 200, "сотнями": 200,
    "тысячи": 2000, "тысяч": 2000, "тысячами": 2000, "миллионы": 2 * 10**6, "миллионов": 2 * 10**6,
}
_SEVERAL = frozenset(["several", "many", "несколько", "нескольких"])
# "every fifth" / "каждый пятый": one in N, a share of 100/N percent (approximate, like a fraction).
_EN_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                "ninth": 9, "tenth": 10}
_RU_ORDINAL_STEMS = {"втор": 2, "трет": 3, "четвёрт": 4, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7,
                     "восьм": 8, "девят": 9, "десят": 10}
_RU_ORDINAL_ENDING = r"(?:ой|ий|ый|ая|ья|ое|ье|ого|ьего|ему|ьему|ей|ую|ью|ым|ьим|ом|ьем)"
_RU_BIG = {"тысяча": 1000, "тысячу": 1000, "миллион": 10**6, "миллиона": 10**6,
           "полтора": Decimal("1.5"), "полторы": Decimal("1.5")}


def _alternation(words: list[str]) -> str:
    """Words as one alternation, longest first so no word stops at a shorter prefix."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)"


_BIG_AHEAD = r"(?=\s+(?:thousand|million|billion|trillion)(?!\w))"
_RU_BIG_AHEAD = r"(?=\s+(?:тысяч|миллион|миллиард)\w*)"
# "the first half of 2023", "во второй половине года": a part of a period, not a share.
_NOT_PERIOD_PART = r"(?<!first\s)(?<!second\s)(?<!third\s)(?<!fourth\s)(?<!первой\s)(?<!второй\s)(?<!третьей\s)"


def _en_word_number() -> str:
    units = _alternation([w for w, v in _EN_WORDS.items() if v < 10])
    teens = _alternation([w for w, v in _EN_WORDS.items() if 10 <= v < 20])
    tens = _alternation([w for w, v in _EN_WORDS.items() if v >= 20])
    small = rf"(?:{tens}(?:[-\s]{units})?|{teens}|{units})"
    cardinal = (rf"(?:(?:{small}|an?|several|many)\s+hundred(?:\s+(?:and\s+)?{small})?"
                rf"|(?:an?|several|many){_BIG_AHEAD}|{small})")
    fraction = (rf"(?:(?=h){_NOT_PERIOD_PART}half|(?:an?|one)[-\s]+(?:third|quarter|fifth|tenth)"
                rf"|(?:two|three)[-\s]+(?:thirds|quarters))(?=\s+(?:of|the)(?!\w))")
    plural = r"(?:tens|dozens|hundreds|thousands|millions)(?:\s+of\s+(?:thousands|millions))?(?=\s+of(?!\w))"
    every = rf"every\s+{_alternation(list(_EN_ORDINALS))}"
    dozen = r"an?\s+(?:couple\s+(?:of\s+)?)?dozen(?!\w)"
    return rf"(?:(?:twice|thrice)(?!\w)|{every}|{dozen}|{fraction}|{plural}|{cardinal})"


def _ru_word_number() -> str:
    hundreds = _alternation([w for w, v in _RU_WORDS.items() if v >= 100])
    tens = _alternation([w for w, v in _RU_WORDS.items() if 20 <= v < 100])
    units = _alternation([w for w, v in _RU_WORDS.items() if v < 20])
    cardinal = (rf"(?:{hundreds}(?:\s+{tens})?(?:\s+{units})?"
                rf"|{tens}(?:\s+{units})?|{units})")
    fraction = (rf"(?:(?:две|двух|три|трёх|трех)\s+(?:трети|третей|четверти|четвертей)(?!\w)"
                rf"|(?=[пчт]){_NOT_PERIOD_PART}{_alternation([w for w in _FRACTIONS if not w.isascii()])})")
    plural = rf"(?:{_alternation([w for w in _INDEFINITE if not w.isascii()])}|несколько\s+сотен(?!\w))"
    several = rf"(?:несколько|нескольких|полтора|полторы){_RU_BIG_AHEAD}"
    multiplier = _alternation([w for w in _MULTIPLIERS if not w.isascii()])
    every = (r"кажд(?:ый|ая|ое|ого|ой|ую|ому|ым|ом)\s+(?:"
             + "|".join(sorted(_RU_ORDINAL_STEMS, key=len, reverse=True)) + rf"){_RU_ORDINAL_ENDING}(?!\w)")
    return (rf"(?:{multiplier}|{every}|{fraction}|{several}|{_alternation(['тысяча', 'тысячу', 'миллион', 'миллиона'])}"
            rf"|{plural}|{cardinal})")


_WORD_NUMBERS = {"en": _en_word_number(), "ru": _ru_word_number()}
# "ста-" at a line end is a word broken by the layout, not "hundred".
_WORD_END = r"(?!-\s*$)"
_WORD_TOKEN = re.compile(r"[^\s-]+")

# --- qualifiers and ranges -------------------------------------------------------------
_QUALIFIER = re.compile(
    r"(?:(?<!\w)(?:"
    r"(?P<at_least>at\s+least|not?\s+(?:less|fewer)\s+than|не\s+мен(?:ее|ьше)|как\s+минимум|минимум)"
    r"|(?P<up_to>up\s+to|not?\s+more\s+than|at\s+most|(?:do(?:es)?\s+)?not\s+exceed(?:s|ing)?|не\s+превыша\w*"
    r"|не\s+больше|не\s+более|максимум|вплоть\s+до|до)"
    r"|(?P<more_than>more\s+than|over|above|in\s+excess\s+of|exceed(?:ed|s|ing)?|превыша(?:ет|ют|ло|ли|я)"
    r"|превысил[аои]?|(?:более|больше),?\s+чем|более|свыше|больше)"
    r"|(?P<less_than>less\s+than|fewer\s+than|under|below|менее|меньше)"
    r"|(?P<approx>approximately|approx\.|about|around|nearly|almost|roughly|some|circa"
    r"|около|порядка|примерно|почти|приблизительно|ориентировочно))"
    r"|(?P<approx_sign>[~≈]))\s*\Z",
    re.I,
)
# Qualifiers that bound a range ("at least 20-25%", "do not exceed 40-60%"); "about 20-30" stays a range.
_RANGE_BOUNDS = ("at_least", "more_than", "up_to", "less_than")
_QUALIFIER_REACH = 40  # characters to look back for a qualifier; the longest is ~15
# Word-framed ranges: the opening word decides which closing words may follow.
_RANGE_CLOSERS = {"от": {"до"}, "с": {"до", "по"}, "from": {"to"}, "between": {"and"}, "между": {"и"}}
_RANGE_OPENER = "|".join(_RANGE_CLOSERS)
_RANGE_CLOSER = "|".join(sorted(set().union(*_RANGE_CLOSERS.values())))


def _atom(p: str, words: str) -> str:
    """One number with its prefix currency or sign, scale, percent and currency words.

    `p` prefixes the group names so that a range can hold two atoms in one pattern.
    """
    sign = rf"|(?P<{p}sign>{_SIGN})" if p == "a" else ""
    return (
        rf"(?P<{p}>(?:(?P<{p}cur1>{_CURRENCY_BEFORE}){sign})?"
        rf"(?:(?P<{p}num>{_DIGITS})(?!{_GLUED_AFTER})|(?P<{p}word>{words}){_WORD_END})"
        rf"(?:{_SP}?(?P<{p}scale>{_SCALE_WORD}(?:{_SP}+{_DIGITS}{_SP}?{_SCALE_WORD})*))?"
        rf"(?P<{p}pct>{_SP}?{_PERCENT})?"
        rf"(?P<{p}cur2>{_SP}?{_CURRENCY_AFTER})?)"
    )


def _expression(words: str) -> re.Pattern[str]:
    """A phone number (matched only to be skipped), or a number with an optional second one
    after a dash, or after a closing word when an opening word came first ("от 20 до 30")."""
    dash = rf"{_SP}*[-–—]{_SP}*"
    closer = rf"(?(opener)\s+(?P<closer>{_RANGE_CLOSER})\s+|(?!))"
    return re.compile(
        rf"{_GLUED_BEFORE}(?:(?P<phone>{_PHONE})"
        rf"|(?:(?P<opener>{_RANGE_OPENER})\s+)?{_atom('a', words)}(?:(?:{dash}|{closer}){_atom('b', words)})?)",
        re.I,
    )


# "any" reads word numbers of both languages: parse_number gets snippets from either.
_EXPRESSIONS = {lang: _expression(words) for lang, words in _WORD_NUMBERS.items()}
_EXPRESSIONS["any"] = _expression(f"(?:{_WORD_NUMBERS['en']}|{_WORD_NUMBERS['ru']})")


# --- evaluation ------------------------------------------------------------------------
_SPACES = re.compile(_SP)
_DIGIT = re.compile(r"\d")
_COMMA_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")


@dataclass(frozen=True)
class _Atom:
    """A single number as matched, before qualifiers and ranges are applied."""

    start: int
    end: int
    base: Decimal  # the number as written, before its scale
    factor: int | None  # scale of the first (or only) part; None when unscaled
    value: Decimal  # base units, compound parts included
    is_percent: bool
    currency: str | None
    is_year: bool  # a bare four-digit 1900-2100: "2021 – 491" pairs a year with a count
    word_qualifier: str | None = None  # what number words assert when no qualifier precedes them


def _digits_value(raw: str) -> Decimal:
    """Read digits by the module's separator rules (the regex has already checked the form)."""
    s = _SPACES.sub("", raw)
    if _COMMA_GROUPED.fullmatch(s):
        return Decimal(s.replace(",", ""))
    return Decimal(s.replace(",", "."))


def _word_value(raw: str) -> tuple[Decimal, str | None, bool]:
    """(value, the qualifier the words assert or None, is a percentage) of number words.

    Cardinals sum, multiplying by "hundred" ("two hundred and five" -> 205, "a hundred" -> 100);
    fractions are percentages ("two thirds" -> 66.7, approx); plural amounts are lower bounds
    ("tens of thousands" -> 20000, at_least); see the module docstring.
    """
    tokens = [t for t in _WORD_TOKEN.findall(raw.lower().replace("ё", "е")) if t not in ("and", "of")]
    first, last = tokens[0], tokens[-1]
    if first in _MULTIPLIERS:
        return Decimal(_MULTIPLIERS[first]), None, False
    if first == "every" or first.startswith("кажд"):
        n = _EN_ORDINALS.get(last) or next(v for stem, v in _RU_ORDINAL_STEMS.items() if last.startswith(stem))
        return Decimal(100) / n, "approx", True
    if last == "dozen":
        return Decimal(24 if "couple" in tokens else 12), "approx" if "couple" in tokens else None, False
    if last in _FRACTIONS:
        parts = _word_value(first)[0] if len(tokens) > 1 and first not in ("a", "an") else 1
        return _FRACTIONS[last] * parts, "approx", True
    if first in _INDEFINITE:
        factor = _INDEFINITE[last] // 2 if len(tokens) > 1 else 1
        return Decimal(_INDEFINITE[first] * factor), "at_least", False
    total, qualifier = Decimal(0), None
    for token in tokens:
        if token == "hundred":
            total = max(total, Decimal(1)) * 100
        elif token in _SEVERAL:
            total, qualifier = Decimal(2), "at_least"
        elif token in ("a", "an"):
            total += 1
        elif token == "сотен":  # "несколько сотен"
            total *= 100
        else:
            total += _RU_BIG.get(token) or _EN_WORDS.get(token) or _RU_WORDS[token]
    return total, qualifier, False


def _scale_factor(word: str) -> int:
    return next(f for f, rx in _SCALE_BY_FACTOR.items() if rx.fullmatch(word))


def _currency(word: str) -> str:
    w = word.lower()
    if "$" in w or "usd" in w or "dollar" in w or "долл" in w:
        return "USD"
    if "€" in w or "eur" in w or "евро" in w:
        return "EUR"
    return "KZT"


def _read_atom(m: re.Match[str], p: str) -> _Atom:
    """Evaluate atom `p` of an expression match.

    A compound amount holds only while its scales shrink ("3 млрд. 456 млн."). At the first
    part that does not ("2 million 3 billion" is two amounts) the atom ends before that part,
    losing the unit words after it, and the scan resumes there.
    """
    num, word = m.group(f"{p}num"), m.group(f"{p}word")
    sign = m.group(f"{p}sign") if p == "a" else None
    base, word_qualifier, word_percent = (_digits_value(num), None, False) if num is not None else _word_value(word)
    if sign in ("-", "−"):
        base = -base
    factor, value, end = None, base, m.end(p)
    scale_text = m.group(f"{p}scale")
    if scale_text is not None:
        offset = m.start(f"{p}scale")
        last, kept_end = base, 0      # set by the first part, which always takes the first branch
        for part in _SCALE_PART.finditer(scale_text):
            f = _scale_factor(part.group("scale"))
            if factor is None:
                factor, value = f, base * f
            elif f < last:
                value += _digits_value(part.group("num")) * f
            else:
                end = offset + kept_end
                break
            last, kept_end = f, part.end()
    whole = end == m.end(p)
    pct, cur1, cur2 = m.group(f"{p}pct"), m.group(f"{p}cur1"), m.group(f"{p}cur2")
    currency_text = cur1 or (cur2 if whole else None)
    return _Atom(
        start=m.start(p), end=end, base=base, factor=factor, value=value,
        is_percent=(pct is not None or word_percent) and whole, word_qualifier=word_qualifier,
        currency=_currency(currency_text) if currency_text else None,
        is_year=(num is not None and len(num) == 4 and num.isdigit() and 1900 <= base <= 2100
                 and not (sign or scale_text or pct or cur1 or cur2)))


def _as_range(low: _Atom, high: _Atom) -> tuple[Decimal, Decimal] | None:
    """Low and high in base units when the pair is a range, else None.

    A scale written once covers both ends ("73-78 миллионов"). A pair is a range only when it
    rises and years pair only with years, so "2021 – 491" (a year and a count) is not one.
    """
    if low.is_year != high.is_year or (low.factor is not None and high.factor is None):
        return None
    low_value = low.base * high.factor if low.factor is None and high.factor else low.value
    return (low_value, high.value) if low_value < high.value else None


def _qualifier(text: str, start: int, floor: int) -> tuple[str, int]:
    """The qualifier just before `start` (not reaching back past `floor`) and where it begins."""
    q = _QUALIFIER.search(text, max(floor, start - _QUALIFIER_REACH), start)
    if q is None:
        return "exact", start
    return ("approx" if q.lastgroup == "approx_sign" else q.lastgroup), q.start()


def _scan(text: str, pattern: re.Pattern[str]) -> list[ParsedNumber]:
    """All number expressions in `text`, left to right, as `pattern` (one language's) reads them."""
    out: list[ParsedNumber] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if m.group("phone") is not None:
            pos = m.end()
            continue
        low = _read_atom(m, "a")
        if m.group("b") is not None and low.end == m.end("a"):
            high = _read_atom(m, "b")
            opener, closer = m.group("opener"), m.group("closer")
            framed = closer is None or closer.lower() in _RANGE_CLOSERS[opener.lower()]
            bounds = _as_range(low, high) if framed and high.end == m.end("b") else None
            if bounds is not None:
                start = m.start("opener") if opener else low.start
                # "at least 20-25%": a bound that is itself a range; value_high keeps its upper end.
                bound, bound_start = _qualifier(text, start, out[-1].end if out else 0)
                if bound in _RANGE_BOUNDS:
                    start = bound_start
                out.append(ParsedNumber(
                    value=float(bounds[0]), value_high=float(bounds[1]),
                    qualifier=bound if bound in _RANGE_BOUNDS else "range",
                    is_percent=low.is_percent or high.is_percent, currency=low.currency or high.currency,
                    text=text[start:high.end], start=start, end=high.end))
                pos = high.end
                continue
        # Not a range: keep the first number; the scan resumes right after it.
        pos = low.end
        qualifier, start = _qualifier(text, low.start, out[-1].end if out else 0)
        if qualifier == "exact" and low.word_qualifier:
            qualifier = low.word_qualifier
        out.append(ParsedNumber(
            value=float(low.value), value_high=None, qualifier=qualifier, is_percent=low.is_percent,
            currency=low.currency, text=text[start:low.end], start=start, end=low.end))
    return out


def parse_number(text: str) -> ParsedNumber:
    """Parse the single number expression in `text` (a short captured snippet such as
    'more than 22,000', '3 млрд. 456 млн. тенге', 'около 48 тысяч', '42,4%').

    Commas follow the module rule: ",ddd" groups thousands ("1,834" -> 1834), ",d" or ",dd"
    is a decimal comma ("42,4" -> 42.4). Number words of both languages are read.
    Raises ValueError when there is no number or the text holds more than one ("2022 139671"),
    or when its digits do not form a number by these rules ("1,2345").
    """
    found = _scan(text, _EXPRESSIONS["any"])
    if len(found) == 1:
        only = found[0]
        if not _DIGIT.search(text[:only.start] + text[only.end:]):
            return only
        raise ValueError(f"ambiguous number {text!r}: digits outside {only.text!r} were not read")
    if found:
        listed = ", ".join(repr(n.text) for n in found)
        raise ValueError(f"ambiguous number {text!r}: {len(found)} separate numbers ({listed})")
    if _DIGIT.search(text):
        raise ValueError(f"ambiguous number {text!r}: its digits do not form one number "
                         "(a comma takes 3 digits for thousands or 1-2 for decimals; "
                         "dates, codes and ordinals are not numbers)")
    raise ValueError(f"no number in {text!r}")


# What find_numbers leaves out as layout or dates rather than statistics.
_ENUMERATOR = re.compile(r"\s*(\d{1,2})[.)]\s")  # "1. Ералы Д." at the start of a list item
_ONE_WORDS = frozenset(["one"] + [w for w, v in _RU_WORDS.items() if v == 1])
_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
           r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)")
_MONTH_AFTER = re.compile(rf"\s+{_MONTHS}(?!\w)", re.I)
_MONTH_BEFORE = re.compile(rf"(?<!\w){_MONTHS}\s+\Z", re.I)


def _is_statistic(text: str, n: ParsedNumber, enumerator: re.Match[str] | None) -> bool:
    """False for list numbering, a bare "one" (mostly a pronoun: "one of", "one-time", "one can")
    and days of the month ("18 сентября", "December 4-5"); counts and amounts pass."""
    if enumerator is not None and (n.start, n.end) == enumerator.span(1):
        return False
    if n.text.lower() in _ONE_WORDS:
        return False
    is_day = (n.qualifier in ("exact", "range") and not n.is_percent and n.currency is None
              and n.value.is_integer() and 1 <= n.value <= 31 and (n.value_high or 1) <= 31)
    return not (is_day and (_MONTH_AFTER.match(text, n.end) is not None
                            or _MONTH_BEFORE.search(text, max(0, n.start - 12), n.start) is not None))


def find_numbers(text: str, lang: str = "en") -> list[ParsedNumber]:
    """Every number expression in a sentence/line, left to right, non-overlapping, with offsets.

    Digits, scales, percent and currency words, qualifiers and ranges are read in both
    languages whatever `lang` says, because tables and quotes mix them; `lang` ("en" or "ru")
    picks which number words are read ("seven", "twenty-one"; "две", "двадцать пять").
    A year next to a number stays a separate number ("2022 139671"), and "2021 – 491" is a
    year and a count, not a range. List numbering, a bare "one" and days of the month are left
    out (see `_is_statistic`); `parse_number` still reads them when a spec captures one.
    """
    if lang not in ("en", "ru"):
        raise ValueError(f"unsupported language {lang!r}: expected 'en' or 'ru'")
    enumerator = _ENUMERATOR.match(text)
    return [n for n in _scan(text, _EXPRESSIONS[lang]) if _is_statistic(text, n, enumerator)]
