"""Tests for the region gazetteer (etl/regions.py) and the reference files it reads.

The spelling list below was collected by grepping the five documents in data/raw/ (English
and Russian, every case and line-break hyphenation that occurs); each entry is the text as
it stands in the file, so the list doubles as a check that no document spelling regresses.
"""
from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from conventions.errors import EtlError
from etl.regions import Gazetteer, normalize

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "data" / "reference"
RAW = ROOT / "data" / "raw"

# (document, spelling exactly as it occurs there, expected code)
DOCUMENT_SPELLINGS: list[tuple[str, str, str]] = [
    ("adal-azamat-2025-4.txt", 'IN KAZAKHSTAN', "KZ"),
    ("adal-azamat-2025-4.txt", 'Kazakhstan', "KZ"),
    ("adal-azamat-2025-4.txt", 'Qazaqstan', "KZ"),
    ("adal-azamat-2025-4.txt", 'RK', "KZ"),
    ("adal-azamat-2025-4.txt", 'Republic of Kazakhstan', "KZ"),
    ("adal-azamat-2025-4.txt", 'THE REPUBLIC OF KAZAKHSTAN', "KZ"),
    ("adal-azamat-2025-4.txt", 'В КАЗАХСТАНЕ', "KZ"),
    ("animals-2025.txt", 'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ', "KZ"),
    ("civil-society-30y-2021.txt", 'of RK', "KZ"),
    ("civil-society-30y-2021.txt", 'the Republic of\nKazakhstan', "KZ"),
    ("volunteering-2022.txt", 'РЕСПУБЛИКИ КАЗАХСТАН', "KZ"),
    ("volunteering-2023.txt", 'Казах-\nстана', "KZ"),
    ("volunteering-2023.txt", 'Казахстан', "KZ"),
    ("volunteering-2023.txt", 'Казахстана', "KZ"),
    ("volunteering-2023.txt", 'Казахстану', "KZ"),
    ("volunteering-2023.txt", 'РК', "KZ"),
    ("volunteering-2023.txt", 'Респу-\nблики Казахстан', "KZ"),
    ("volunteering-2023.txt", 'Республики Казах-\nстан', "KZ"),
    ("volunteering-2023.txt", 'в Ка-\nзахстане', "KZ"),
    ("volunteering-2023.txt", 'в РК', "KZ"),
    ("volunteering-2023.txt", 'в Республике Казахстан', "KZ"),
    ("volunteering-2023.txt", 'регионах Казахстана', "KZ"),
    ("volunteering-2023.txt", 'регионов РК', "KZ"),
    ("adal-azamat-2025-4.txt", 'In Semey', "KZ-10"),
    ("adal-azamat-2025-4.txt", 'Semey', "KZ-10"),
    ("volunteering-2022.txt", 'Abai regions', "KZ-10"),
    ("volunteering-2023.txt", 'Абайская область', "KZ-10"),
    ("volunteering-2023.txt", 'Абайской \nобластях', "KZ-10"),
    ("volunteering-2023.txt", 'Абайской области', "KZ-10"),
    ("volunteering-2023.txt", 'Абайской областях', "KZ-10"),
    ("volunteering-2023.txt", 'Область Абай', "KZ-10"),
    ("volunteering-2023.txt", 'Семей', "KZ-10"),
    ("volunteering-2023.txt", 'в Абайской области', "KZ-10"),
    ("volunteering-2023.txt", 'в Абайскую область', "KZ-10"),
    ("volunteering-2023.txt", 'г. Семей', "KZ-10"),
    ("volunteering-2023.txt", 'области Абай', "KZ-10"),
    ("adal-azamat-2025-4.txt", 'in Akmola region', "KZ-11"),
    ("adal-azamat-2025-4.txt", 'in Atbasar', "KZ-11"),
    ("adal-azamat-2025-4.txt", 'in Burabay', "KZ-11"),
    ("adal-azamat-2025-4.txt", 'in Stepnogorsk', "KZ-11"),
    ("adal-azamat-2025-4.txt", 'of Akmola region', "KZ-11"),
    ("animals-2025.txt", 'Akmola Region', "KZ-11"),
    ("animals-2025.txt", 'Stepnogorsk', "KZ-11"),
    ("animals-2025.txt", 'of Stepnogorsk', "KZ-11"),
    ("civil-society-30y-2021.txt", 'Akmola', "KZ-11"),
    ("civil-society-30y-2021.txt", 'Akmola region', "KZ-11"),
    ("civil-society-30y-2021.txt", 'Atbasar', "KZ-11"),
    ("volunteering-2022.txt", 'Akmola regions', "KZ-11"),
    ("volunteering-2023.txt", 'Акмолин-\nской области', "KZ-11"),
    ("volunteering-2023.txt", 'Акмолинская', "KZ-11"),
    ("volunteering-2023.txt", 'Акмолинская область', "KZ-11"),
    ("volunteering-2023.txt", 'Акмолинской', "KZ-11"),
    ("volunteering-2023.txt", 'Акмолинской \nобласти', "KZ-11"),
    ("volunteering-2023.txt", 'в Акмолинской', "KZ-11"),
    ("volunteering-2023.txt", 'в Акмолинскую область', "KZ-11"),
    ("volunteering-2023.txt", 'в Кокшетау', "KZ-11"),
    ("volunteering-2023.txt", 'г.Кокшетау', "KZ-11"),
    ("civil-society-30y-2021.txt", 'of Aktobe', "KZ-15"),
    ("volunteering-2022.txt", 'Aktobe', "KZ-15"),
    ("volunteering-2022.txt", 'Aktobe region', "KZ-15"),
    ("volunteering-2022.txt", 'Antobe region', "KZ-15"),
    ("volunteering-2023.txt", 'Актобе', "KZ-15"),
    ("volunteering-2023.txt", 'Актюбинская область', "KZ-15"),
    ("volunteering-2023.txt", 'Актюбинской области', "KZ-15"),
    ("volunteering-2023.txt", 'в Актюбинской', "KZ-15"),
    ("volunteering-2023.txt", 'в Актюбинскую область', "KZ-15"),
    ("volunteering-2023.txt", 'г.Актобе', "KZ-15"),
    ("volunteering-2023.txt", 'городе Актобе', "KZ-15"),
    ("adal-azamat-2025-4.txt", 'ALMATY REGION', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'Almaty Region', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'Almaty region', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'In Almaty region', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'Kegen', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'Konaev', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'Talgar', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'in Almaty region', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'in Kegen', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'in Konaev', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'in Talgar', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'of Almaty Region', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'of Almaty region', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'of Konaev', "KZ-19"),
    ("civil-society-30y-2021.txt", 'Almaty \nregions', "KZ-19"),
    ("volunteering-2022.txt", 'Almaty regions', "KZ-19"),
    ("volunteering-2023.txt", 'Алматинская область', "KZ-19"),
    ("volunteering-2023.txt", 'Алматинской', "KZ-19"),
    ("volunteering-2023.txt", 'Алматинской \nобласти', "KZ-19"),
    ("volunteering-2023.txt", 'Кеген', "KZ-19"),
    ("volunteering-2023.txt", 'в Алматинской', "KZ-19"),
    ("volunteering-2023.txt", 'в Алматинской области', "KZ-19"),
    ("volunteering-2023.txt", 'в Алматинскую область', "KZ-19"),
    ("volunteering-2023.txt", 'г. Конаев', "KZ-19"),
    ("volunteering-2023.txt", 'из \nАлматинской области', "KZ-19"),
    ("volunteering-2023.txt", 'из Алматин-\nской области', "KZ-19"),
    ("adal-azamat-2025-4.txt", 'in Atyrau', "KZ-23"),
    ("civil-society-30y-2021.txt", 'Atyrau', "KZ-23"),
    ("volunteering-2022.txt", 'Atyrau region', "KZ-23"),
    ("volunteering-2022.txt", 'Atyrau regions', "KZ-23"),
    ("volunteering-2022.txt", 'of Atyrau region', "KZ-23"),
    ("volunteering-2023.txt", 'Атырау', "KZ-23"),
    ("volunteering-2023.txt", 'Атырау-\nская', "KZ-23"),
    ("volunteering-2023.txt", 'Атырауская', "KZ-23"),
    ("volunteering-2023.txt", 'Атырауская область', "KZ-23"),
    ("volunteering-2023.txt", 'Атырауской области', "KZ-23"),
    ("volunteering-2023.txt", 'В Атырау', "KZ-23"),
    ("volunteering-2023.txt", 'В Атырауской области', "KZ-23"),
    ("volunteering-2023.txt", 'в Атырауской области', "KZ-23"),
    ("volunteering-2023.txt", 'в Атыраускую область', "KZ-23"),
    ("volunteering-2023.txt", 'г. Атырау', "KZ-23"),
    ("civil-society-30y-2021.txt", 'Uralsk', "KZ-27"),
    ("volunteering-2022.txt", 'West Kazakhstan', "KZ-27"),
    ("volunteering-2022.txt", 'West Kazakhstan region', "KZ-27"),
    ("volunteering-2022.txt", 'West Kazakhstan regions', "KZ-27"),
    ("volunteering-2023.txt", 'ЗКО', "KZ-27"),
    ("volunteering-2023.txt", 'Западно-Ка-\nзахстанской области', "KZ-27"),
    ("volunteering-2023.txt", 'Западно-Казах-\nстанская', "KZ-27"),
    ("volunteering-2023.txt", 'Западно-Казахстанская область', "KZ-27"),
    ("volunteering-2023.txt", 'в Западно-Казахстанской области', "KZ-27"),
    ("volunteering-2023.txt", 'в Западно-Казахстанскую область', "KZ-27"),
    ("volunteering-2023.txt", 'г.Уральск', "KZ-27"),
    ("volunteering-2023.txt", 'городе Уральск', "KZ-27"),
    ("volunteering-2023.txt", 'у Западно-Казахстанской', "KZ-27"),
    ("adal-azamat-2025-4.txt", 'Taraz', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'Zhambyl', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'Zhambyl region', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'from Taraz', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'in Zhambyl Region', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'in Zhambyl region', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'of Zhambyl Region', "KZ-31"),
    ("adal-azamat-2025-4.txt", 'the Jambyl', "KZ-31"),
    ("animals-2025.txt", 'Zhambyl Region', "KZ-31"),
    ("animals-2025.txt", 'of Taraz', "KZ-31"),
    ("volunteering-2022.txt", 'of Zhambyl', "KZ-31"),
    ("volunteering-2023.txt", 'Жамбыл', "KZ-31"),
    ("volunteering-2023.txt", 'Жамбылская', "KZ-31"),
    ("volunteering-2023.txt", 'Жамбылская область', "KZ-31"),
    ("volunteering-2023.txt", 'Жамбылской', "KZ-31"),
    ("volunteering-2023.txt", 'Жамбылской областей', "KZ-31"),
    ("volunteering-2023.txt", 'Жамбылской области', "KZ-31"),
    ("volunteering-2023.txt", 'Тараз', "KZ-31"),
    ("volunteering-2023.txt", 'в \nЖамбылской области', "KZ-31"),
    ("volunteering-2023.txt", 'в Жамбылской области', "KZ-31"),
    ("volunteering-2023.txt", 'в Жамбылскую область', "KZ-31"),
    ("volunteering-2023.txt", 'городе Тараз', "KZ-31"),
    ("volunteering-2023.txt", 'Жетысуйская область', "KZ-33"),
    ("volunteering-2023.txt", 'Жетысуской области', "KZ-33"),
    ("volunteering-2023.txt", 'Область Жетысу', "KZ-33"),
    ("volunteering-2023.txt", 'Талдыкорганский', "KZ-33"),
    ("volunteering-2023.txt", 'Текели', "KZ-33"),
    ("volunteering-2023.txt", 'в Жетысу-\nской области', "KZ-33"),
    ("volunteering-2023.txt", 'в Жетысуской \nобласти', "KZ-33"),
    ("volunteering-2023.txt", 'в Жетысускую область', "KZ-33"),
    ("volunteering-2023.txt", 'г. Тал-\nдықорған', "KZ-33"),
    ("volunteering-2023.txt", 'г.Талдыкорган', "KZ-33"),
    ("volunteering-2023.txt", 'городе Талдыкорган', "KZ-33"),
    ("volunteering-2023.txt", 'области Жетысу', "KZ-33"),
    ("adal-azamat-2025-4.txt", 'Karaganda', "KZ-35"),
    ("animals-2025.txt", 'the Karaganda', "KZ-35"),
    ("civil-society-30y-2021.txt", 'Temirtau', "KZ-35"),
    ("civil-society-30y-2021.txt", 'in Temirtau', "KZ-35"),
    ("volunteering-2022.txt", 'Karagandy', "KZ-35"),
    ("volunteering-2022.txt", 'Karagandy region', "KZ-35"),
    ("volunteering-2022.txt", 'Karagandy regions', "KZ-35"),
    ("volunteering-2023.txt", 'В Караганде', "KZ-35"),
    ("volunteering-2023.txt", 'Карагандинская области', "KZ-35"),
    ("volunteering-2023.txt", 'Карагандинская область', "KZ-35"),
    ("volunteering-2023.txt", 'Карагандинский', "KZ-35"),
    ("volunteering-2023.txt", 'Карагандинской области', "KZ-35"),
    ("volunteering-2023.txt", 'в Карагандинской области', "KZ-35"),
    ("volunteering-2023.txt", 'в Карагандинскую область', "KZ-35"),
    ("volunteering-2023.txt", 'г. Караганда', "KZ-35"),
    ("volunteering-2023.txt", 'г.Караганда', "KZ-35"),
    ("volunteering-2023.txt", 'г.Шахтинск', "KZ-35"),
    ("animals-2025.txt", 'Kostanay Region', "KZ-39"),
    ("animals-2025.txt", 'Lisakovsk', "KZ-39"),
    ("animals-2025.txt", 'Rudny', "KZ-39"),
    ("animals-2025.txt", 'from Rudny', "KZ-39"),
    ("animals-2025.txt", 'in Lisakovsk', "KZ-39"),
    ("animals-2025.txt", 'of Lisakovsk', "KZ-39"),
    ("animals-2025.txt", 'the Rudny', "KZ-39"),
    ("civil-society-30y-2021.txt", 'Kostanay', "KZ-39"),
    ("volunteering-2022.txt", 'Kostanai region', "KZ-39"),
    ("volunteering-2022.txt", 'Kostanay region', "KZ-39"),
    ("volunteering-2022.txt", 'in Kostanay region', "KZ-39"),
    ("volunteering-2023.txt", 'Костанайская', "KZ-39"),
    ("volunteering-2023.txt", 'Костанайская область', "KZ-39"),
    ("volunteering-2023.txt", 'Костанайской \nобласти', "KZ-39"),
    ("volunteering-2023.txt", 'Костанайской области', "KZ-39"),
    ("volunteering-2023.txt", 'в Костанае', "KZ-39"),
    ("volunteering-2023.txt", 'в Костанай', "KZ-39"),
    ("volunteering-2023.txt", 'в Костанайской', "KZ-39"),
    ("volunteering-2023.txt", 'в Костанайскую область', "KZ-39"),
    ("volunteering-2023.txt", 'г. Костанай', "KZ-39"),
    ("volunteering-2023.txt", 'у Костанайской', "KZ-39"),
    ("civil-society-30y-2021.txt", 'Kyzylorda', "KZ-43"),
    ("volunteering-2022.txt", 'Kyzylorda region', "KZ-43"),
    ("volunteering-2022.txt", 'Kyzylorda regions', "KZ-43"),
    ("volunteering-2022.txt", 'the Kyzylorda region', "KZ-43"),
    ("volunteering-2023.txt", 'В Кызылординской области', "KZ-43"),
    ("volunteering-2023.txt", 'Кызылординская', "KZ-43"),
    ("volunteering-2023.txt", 'Кызылординская область', "KZ-43"),
    ("volunteering-2023.txt", 'Кызылординской', "KZ-43"),
    ("volunteering-2023.txt", 'Кызылординской области', "KZ-43"),
    ("volunteering-2023.txt", 'в \nКызылординской области', "KZ-43"),
    ("volunteering-2023.txt", 'в Кызылординской \nобласти', "KZ-43"),
    ("volunteering-2023.txt", 'в Кызылординскую область', "KZ-43"),
    ("volunteering-2023.txt", 'города Кызылорда', "KZ-43"),
    ("volunteering-2023.txt", 'городе Кызылорда', "KZ-43"),
    ("volunteering-2023.txt", 'Қызылорда облыстық', "KZ-43"),
    ("adal-azamat-2025-4.txt", 'the Mangystau region', "KZ-47"),
    ("animals-2025.txt", 'MANGISTAU', "KZ-47"),
    ("animals-2025.txt", 'Mangystau Region', "KZ-47"),
    ("animals-2025.txt", 'of Mangystau', "KZ-47"),
    ("civil-society-30y-2021.txt", 'Aktau', "KZ-47"),
    ("volunteering-2022.txt", 'Mangistau', "KZ-47"),
    ("volunteering-2022.txt", 'Mangystau', "KZ-47"),
    ("volunteering-2022.txt", 'Mangystau region', "KZ-47"),
    ("volunteering-2022.txt", 'in Mangystau', "KZ-47"),
    ("volunteering-2023.txt", 'Актау', "KZ-47"),
    ("volunteering-2023.txt", 'Ақтау', "KZ-47"),
    ("volunteering-2023.txt", 'В Актау', "KZ-47"),
    ("volunteering-2023.txt", 'Жаңаөзен', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауская об-\nласти', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауская область', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауский области', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауского', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауской', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауской областей', "KZ-47"),
    ("volunteering-2023.txt", 'Мангистауской области', "KZ-47"),
    ("volunteering-2023.txt", 'в Мангистауской области', "KZ-47"),
    ("volunteering-2023.txt", 'в Мангистаускую область', "KZ-47"),
    ("volunteering-2023.txt", 'г. Актау', "KZ-47"),
    ("volunteering-2023.txt", 'г.Актау', "KZ-47"),
    ("volunteering-2023.txt", 'города Актау', "KZ-47"),
    ("adal-azamat-2025-4.txt", 'Pavlodar', "KZ-55"),
    ("adal-azamat-2025-4.txt", 'of Pavlodar', "KZ-55"),
    ("animals-2025.txt", 'из Павлодара', "KZ-55"),
    ("civil-society-30y-2021.txt", 'Ekibastuz', "KZ-55"),
    ("civil-society-30y-2021.txt", 'in\nPavlodar', "KZ-55"),
    ("civil-society-30y-2021.txt", 'in \nPavlodar', "KZ-55"),
    ("civil-society-30y-2021.txt", 'in Pavlodar', "KZ-55"),
    ("volunteering-2022.txt", 'Pavlodar region', "KZ-55"),
    ("volunteering-2022.txt", 'Pavlodar regions', "KZ-55"),
    ("volunteering-2022.txt", 'in Pavlodar region', "KZ-55"),
    ("volunteering-2023.txt", 'Павлодар-\nская', "KZ-55"),
    ("volunteering-2023.txt", 'Павлодарская область', "KZ-55"),
    ("volunteering-2023.txt", 'Павлодарской', "KZ-55"),
    ("volunteering-2023.txt", 'Павлодарской области', "KZ-55"),
    ("volunteering-2023.txt", 'Павлодарской областях', "KZ-55"),
    ("volunteering-2023.txt", 'Экибастуз', "KZ-55"),
    ("volunteering-2023.txt", 'в Павлодарскую область', "KZ-55"),
    ("volunteering-2023.txt", 'г. Павлодар', "KZ-55"),
    ("volunteering-2023.txt", 'г. Экибастуза', "KZ-55"),
    ("volunteering-2023.txt", 'города Аксу', "KZ-55"),
    ("adal-azamat-2025-4.txt", 'Petropavlovsk', "KZ-59"),
    ("civil-society-30y-2021.txt", 'North Kazakhstan', "KZ-59"),
    ("civil-society-30y-2021.txt", 'the Petropavlovsk', "KZ-59"),
    ("volunteering-2022.txt", 'North Kazakhstan region', "KZ-59"),
    ("volunteering-2022.txt", 'SKO', "KZ-59"),
    ("volunteering-2022.txt", 'in North Kazakhstan', "KZ-59"),
    ("volunteering-2022.txt", 'of North Kazakhstan', "KZ-59"),
    ("volunteering-2022.txt", 'the North Kazakhstan region', "KZ-59"),
    ("volunteering-2023.txt", 'В Петропавловске', "KZ-59"),
    ("volunteering-2023.txt", 'СКО', "KZ-59"),
    ("volunteering-2023.txt", 'Северо-Казах-\nстанской области', "KZ-59"),
    ("volunteering-2023.txt", 'Северо-Казахстанская', "KZ-59"),
    ("volunteering-2023.txt", 'Северо-Казахстанская область', "KZ-59"),
    ("volunteering-2023.txt", 'Северо-Казахстанской областях', "KZ-59"),
    ("volunteering-2023.txt", 'в Петропавловск', "KZ-59"),
    ("volunteering-2023.txt", 'в Северо-Казахстанскую область', "KZ-59"),
    ("volunteering-2023.txt", 'г. Петропавлск', "KZ-59"),
    ("volunteering-2023.txt", 'по СКО', "KZ-59"),
    ("adal-azamat-2025-4.txt", 'IN TURKISTAN REGION', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'from Turkistan region', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'in Arys', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'in Turkistan', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'in Turkistan region', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'of Turkistan Region', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'the Shardara', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'the Turkistan Region', "KZ-61"),
    ("adal-azamat-2025-4.txt", 'the Turkistan region', "KZ-61"),
    ("animals-2025.txt", 'Turkestan', "KZ-61"),
    ("civil-society-30y-2021.txt", 'the Turkestan \nregion', "KZ-61"),
    ("civil-society-30y-2021.txt", 'the Turkestan region', "KZ-61"),
    ("volunteering-2022.txt", 'Turkestan region', "KZ-61"),
    ("volunteering-2022.txt", 'Turkistan region', "KZ-61"),
    ("volunteering-2023.txt", 'Турке-\nстанской области', "KZ-61"),
    ("volunteering-2023.txt", 'Туркестанская', "KZ-61"),
    ("volunteering-2023.txt", 'Туркестанская область', "KZ-61"),
    ("volunteering-2023.txt", 'Туркестанской', "KZ-61"),
    ("volunteering-2023.txt", 'Туркестанской области', "KZ-61"),
    ("volunteering-2023.txt", 'в Туркестанской области', "KZ-61"),
    ("volunteering-2023.txt", 'в Туркестанскую область', "KZ-61"),
    ("volunteering-2023.txt", 'г.Туркестан', "KZ-61"),
    ("volunteering-2023.txt", 'городе Туркестан', "KZ-61"),
    ("volunteering-2022.txt", 'Ulytau', "KZ-62"),
    ("volunteering-2023.txt", 'Область Улытау', "KZ-62"),
    ("volunteering-2023.txt", 'Улытау', "KZ-62"),
    ("volunteering-2023.txt", 'Улытауская область', "KZ-62"),
    ("volunteering-2023.txt", 'г. Жезказган', "KZ-62"),
    ("volunteering-2023.txt", 'г.Жезказган', "KZ-62"),
    ("volunteering-2023.txt", 'области Улытау', "KZ-62"),
    ("volunteering-2023.txt", 'область Улытау', "KZ-62"),
    ("volunteering-2023.txt", 'Ұлытау', "KZ-62"),
    ("adal-azamat-2025-4.txt", 'East Kazakhstan', "KZ-63"),
    ("adal-azamat-2025-4.txt", 'in Ust-Kamenogorsk', "KZ-63"),
    ("animals-2025.txt", 'East Kazakhstan Region', "KZ-63"),
    ("animals-2025.txt", 'In Oskemen', "KZ-63"),
    ("animals-2025.txt", 'Oskemen', "KZ-63"),
    ("animals-2025.txt", 'Ust-Kamenogorsk', "KZ-63"),
    ("animals-2025.txt", 'in Oskemen', "KZ-63"),
    ("animals-2025.txt", 'по ВКО', "KZ-63"),
    ("civil-society-30y-2021.txt", 'Ust-\nKamenogorsk', "KZ-63"),
    ("civil-society-30y-2021.txt", 'Ust- Kamenogorsk', "KZ-63"),
    ("civil-society-30y-2021.txt", 'of Oskemen', "KZ-63"),
    ("volunteering-2022.txt", 'East Kazakhstan region', "KZ-63"),
    ("volunteering-2023.txt", 'ВКО', "KZ-63"),
    ("volunteering-2023.txt", 'Вос-\nточно-Казахстанской области', "KZ-63"),
    ("volunteering-2023.txt", 'Восточно-\nКазахстанской', "KZ-63"),
    ("volunteering-2023.txt", 'Восточно-Казахстанская', "KZ-63"),
    ("volunteering-2023.txt", 'Восточно-Казахстанская область', "KZ-63"),
    ("volunteering-2023.txt", 'Зайсан', "KZ-63"),
    ("volunteering-2023.txt", 'Риддер', "KZ-63"),
    ("volunteering-2023.txt", 'Шемонаиха', "KZ-63"),
    ("volunteering-2023.txt", 'в Восточно-Ка-\nзахстанской области', "KZ-63"),
    ("volunteering-2023.txt", 'в Восточно-Казахстанскую область', "KZ-63"),
    ("volunteering-2023.txt", 'г. Усть-Каменогорск', "KZ-63"),
    ("volunteering-2023.txt", 'г.Риддер', "KZ-63"),
    ("volunteering-2023.txt", 'г.Усть-Каменогорск', "KZ-63"),
    ("volunteering-2023.txt", 'города Усть-Каменогорск', "KZ-63"),
    ("adal-azamat-2025-4.txt", 'Astana', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'IN ASTANA', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'In Astana', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'at Astana', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'in Akmolinsk', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'in Astana', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'of Astana', "KZ-71"),
    ("civil-society-30y-2021.txt", 'Nur-Sultan', "KZ-71"),
    ("volunteering-2022.txt", 'Astana city', "KZ-71"),
    ("volunteering-2022.txt", 'of Nur-Sultan', "KZ-71"),
    ("volunteering-2023.txt", 'Астана', "KZ-71"),
    ("volunteering-2023.txt", 'г. Аста-\nна', "KZ-71"),
    ("volunteering-2023.txt", 'г.Астана', "KZ-71"),
    ("volunteering-2023.txt", 'городе Астана', "KZ-71"),
    ("volunteering-2023.txt", 'городе Астане', "KZ-71"),
    ("volunteering-2023.txt", 'городу Астана', "KZ-71"),
    ("adal-azamat-2025-4.txt", 'Almaty', "KZ-75"),
    ("adal-azamat-2025-4.txt", 'The Almaty', "KZ-75"),
    ("adal-azamat-2025-4.txt", 'in Almaty', "KZ-75"),
    ("adal-azamat-2025-4.txt", 'the Almaty city', "KZ-75"),
    ("animals-2025.txt", 'of Almaty', "KZ-75"),
    ("civil-society-30y-2021.txt", 'in\nAlmaty', "KZ-75"),
    ("civil-society-30y-2021.txt", 'the Almaty', "KZ-75"),
    ("volunteering-2022.txt", 'Almaty city', "KZ-75"),
    ("volunteering-2022.txt", 'in Almaty city', "KZ-75"),
    ("volunteering-2022.txt", 'of Almaty city', "KZ-75"),
    ("volunteering-2023.txt", 'Алма-\nты', "KZ-75"),
    ("volunteering-2023.txt", 'Алматы', "KZ-75"),
    ("volunteering-2023.txt", 'в Алматы', "KZ-75"),
    ("volunteering-2023.txt", 'г. Алматы', "KZ-75"),
    ("volunteering-2023.txt", 'г.Алматы', "KZ-75"),
    ("volunteering-2023.txt", 'город Алматы', "KZ-75"),
    ("volunteering-2023.txt", 'города Алматы', "KZ-75"),
    ("volunteering-2023.txt", 'городу Алматы', "KZ-75"),
    ("adal-azamat-2025-4.txt", 'Shymkent', "KZ-79"),
    ("adal-azamat-2025-4.txt", 'in Shymkent', "KZ-79"),
    ("animals-2025.txt", 'of Shymkent', "KZ-79"),
    ("volunteering-2022.txt", 'Shymkent city', "KZ-79"),
    ("volunteering-2022.txt", 'of Shymkent city', "KZ-79"),
    ("volunteering-2023.txt", 'В Шымкенте', "KZ-79"),
    ("volunteering-2023.txt", 'Шымкент', "KZ-79"),
    ("volunteering-2023.txt", 'Шымкента', "KZ-79"),
    ("volunteering-2023.txt", 'Шымкентского', "KZ-79"),
    ("volunteering-2023.txt", 'в Шымкенте', "KZ-79"),
    ("volunteering-2023.txt", 'г. Шымкент', "KZ-79"),
    ("volunteering-2023.txt", 'город Шымкент', "KZ-79"),
    ("volunteering-2023.txt", 'города \nШымкент', "KZ-79"),
    ("volunteering-2023.txt", 'города Шымкент', "KZ-79"),
    ("volunteering-2023.txt", 'городе Шымкент', "KZ-79"),
]

# Values of the animals compendium's "Region:" lines (outer name wins over the parenthesis).
REGION_FIELD_VALUES: list[tuple[str, str]] = [
    ("Zhambyl Region (Taraz)", "KZ-31"),
    ("East Kazakhstan Region (Oskemen/Ust-Kamenogorsk)", "KZ-63"),
    ("Kostanay Region (Rudny)*", "KZ-39"),
    ("Kostanay Region (Lisakovsk)", "KZ-39"),
    ("Akmola Region (Stepnogorsk)", "KZ-11"),
    ("Mangystau Region", "KZ-47"),
    ("Astana (National impact)", "KZ-71"),
    ("National (Almaty, Astana, etc.)", "KZ"),
    ("Nationwide (Partners in 15 cities)", "KZ"),
    ("Republic of Kazakhstan (Digital Space)", "KZ"),
    ("Southern and Western regions of Kazakhstan (Educational outreach – National)", "KZ"),
    ("Oskemen/Ust-Kamenogorsk", "KZ-63"),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(REFERENCE)


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in RAW.glob("*.txt")}


# (a) ------------------------------------------------------------------------------------
def test_twenty_units_plus_country_with_pycountry_codes(gaz: Gazetteer) -> None:
    codes = [r["region_code"] for r in gaz.regions]
    iso = {s.code: s for s in pycountry.subdivisions.get(country_code="KZ")}
    assert len(codes) == len(set(codes)) == 23
    assert set(codes) == set(iso) | {"KZ", "INT", "ZZ"}
    assert len(iso) == 20
    for row in gaz.regions:
        code = row["region_code"]
        if code in ("KZ", "INT", "ZZ"):
            assert row["kind"] == {"KZ": "country", "INT": "international", "ZZ": "unknown"}[code]
            continue
        assert row["kind"] == iso[code].type.lower()  # region | city
        assert row["name_en"] and row["name_ru"] and row["name_kk"]
    cities = {r["region_code"] for r in gaz.regions if r["kind"] == "city"}
    assert cities == {"KZ-71", "KZ-75", "KZ-79"}


def test_regions_created_in_2022_and_where_from(gaz: Gazetteer) -> None:
    carved = {r["region_code"]: (r["created_year"], r["carved_from"])
              for r in gaz.regions if r["created_year"] == 2022}
    assert carved == {"KZ-10": (2022, "KZ-63"), "KZ-33": (2022, "KZ-19"), "KZ-62": (2022, "KZ-35")}


def test_aliases_are_stored_normalised_and_point_to_known_codes(gaz: Gazetteer) -> None:
    import csv

    with (REFERENCE / "region_aliases.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 500
    codes = {r["region_code"] for r in gaz.regions}
    for row in rows:
        assert row["alias"] == normalize(row["alias"]), row
        assert row["region_code"] in codes
        assert row["lang"] in {"en", "ru", "kk"}
    assert len({r["alias"] for r in rows}) == len(rows)


# (b) ------------------------------------------------------------------------------------
def test_spelling_list_is_taken_from_the_documents(documents: dict[str, str]) -> None:
    assert len({(s, c) for _, s, c in DOCUMENT_SPELLINGS}) >= 100
    missing = [(f, s) for f, s, _ in DOCUMENT_SPELLINGS if s not in documents[f]]
    assert not missing


@pytest.mark.parametrize(("document", "spelling", "code"), DOCUMENT_SPELLINGS)
def test_every_document_spelling_resolves(gaz: Gazetteer, document: str, spelling: str, code: str) -> None:
    assert gaz.resolve(spelling, file=document) == code


@pytest.mark.parametrize(("document", "spelling", "code"), DOCUMENT_SPELLINGS)
def test_every_document_spelling_is_found_in_running_text(gaz: Gazetteer, document: str,
                                                          spelling: str, code: str) -> None:
    found = {c for _, _, c in gaz.find_in_text(spelling)}
    assert found == {code}


@pytest.mark.parametrize(("value", "code"), REGION_FIELD_VALUES)
def test_region_field_values(gaz: Gazetteer, value: str, code: str) -> None:
    assert gaz.resolve(value, file="animals-2025.txt") == code


def test_every_region_is_mentioned_somewhere(documents: dict[str, str]) -> None:
    assert {c for _, _, c in DOCUMENT_SPELLINGS} == {
        "KZ", "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
        "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79"}


# (c) ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "code"), [
    ("Almaty", "KZ-75"), ("almaty", "KZ-75"), ("Almaty city", "KZ-75"), ("г. Алматы", "KZ-75"),
    ("the city of Almaty", "KZ-75"), ("Алма-Ата", "KZ-75"), ("Алматы", "KZ-75"),
    ("Almaty region", "KZ-19"), ("Almaty Region", "KZ-19"), ("ALMATY REGION", "KZ-19"),
    ("Almaty oblast", "KZ-19"), ("Алматинская область", "KZ-19"), ("в Алматинской области", "KZ-19"),
    ("Алматы облысы", "KZ-19"), ("Almaty oblysy", "KZ-19"),
])
def test_almaty_city_versus_region(gaz: Gazetteer, name: str, code: str) -> None:
    assert gaz.resolve(name, file="t.txt") == code


@pytest.mark.parametrize(("name", "code"), [
    ("Kazakhstan", "KZ"), ("РК", "KZ"), ("Республика Казахстан", "KZ"), ("nationwide", "KZ"),
    ("Nur-Sultan", "KZ-71"), ("Kzyl-Orda", "KZ-43"), ("Jambyl", "KZ-31"), ("EKR", "KZ-63"),
    ("EKO", "KZ-63"), ("Ust-Kamenogorsk", "KZ-63"), ("Усть-Каменогорск", "KZ-63"),
    ("Semipalatinsk", "KZ-10"), ("региона Абай", "KZ-10"), ("Жетісу", "KZ-33"), ("Жетысу", "KZ-33"),
    ("Ұлытау облысы", "KZ-62"), ("Satpayev", "KZ-62"), ("Temirtau", "KZ-35"), ("Balkhash", "KZ-35"),
    ("Ekibastuz", "KZ-55"), ("Kapchagai", "KZ-19"), ("Turkistan city", "KZ-61"), ("Petropavl", "KZ-59"),
    ("Oral", "KZ-27"), ("Kokshetau", "KZ-11"), ("Zhanaozen", "KZ-47"), ("Qaraghandy oblysy", "KZ-35"),
    ("Shyghys Qazaqstan oblysy", "KZ-63"), ("Кустанай", "KZ-39"), ("South Kazakhstan", "KZ-61"),
    ("  «Карагандинская»  обл. ", "KZ-35"), ("Караганды", "KZ-35"), ("в Карагандинской области", "KZ-35"),
])
def test_other_known_spellings(gaz: Gazetteer, name: str, code: str) -> None:
    assert gaz.resolve(name, file="t.txt") == code


# (d) ------------------------------------------------------------------------------------
def test_unknown_name_raises_with_name_and_file(gaz: Gazetteer) -> None:
    with pytest.raises(EtlError) as err:
        gaz.resolve("Atlantis Oblast", file="volunteering-2023.txt", line=42)
    assert err.value.rule == "region-alias"
    assert err.value.file == "volunteering-2023.txt"
    assert err.value.line == 42
    assert "Atlantis Oblast" in str(err.value)
    assert "volunteering-2023.txt:42" in str(err.value)
    assert gaz.try_resolve("Atlantis Oblast") is None
    assert gaz.try_resolve("") is None
    # Deliberately unresolved: ambiguous between city and region, or a person's name.
    assert gaz.try_resolve("Алматинский") is None
    assert gaz.try_resolve("Nursultan") is None


def test_conflicting_alias_rows_are_rejected(gaz: Gazetteer) -> None:
    rows = [{"alias": "karaganda", "region_code": "KZ-35", "note": ""},
            {"alias": "Karaganda", "region_code": "KZ-15", "note": ""}]
    with pytest.raises(EtlError, match="KZ-15 and KZ-35"):
        Gazetteer(gaz.regions, rows)


# (e) ------------------------------------------------------------------------------------
def test_geojson_has_the_twenty_regions_and_is_small() -> None:
    path = REFERENCE / "kz-regions.geojson"
    assert path.stat().st_size <= 300_000
    data = json.loads(path.read_text(encoding="utf-8"))
    codes = [f["properties"]["region_code"] for f in data["features"]]
    assert len(codes) == 20
    assert set(codes) == {s.code for s in pycountry.subdivisions.get(country_code="KZ")}
    for feature in data["features"]:
        assert set(feature["properties"]) == {"region_code", "name_en"}
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        polys = feature["geometry"]["coordinates"]
        polys = [polys] if feature["geometry"]["type"] == "Polygon" else polys
        for ring in (r for p in polys for r in p):
            assert len(ring) >= 4 and ring[0] == ring[-1]


# (f) ------------------------------------------------------------------------------------
def test_centroids_inside_kazakhstan(gaz: Gazetteer) -> None:
    for row in (r for r in gaz.regions if r["kind"] not in ("international", "unknown")):
        assert 40.5 <= row["lat"] <= 55.5, row
        assert 46.5 <= row["lon"] <= 87.5, row


def test_city_centroids_are_near_the_cities(gaz: Gazetteer) -> None:
    known = {"KZ-71": (51.17, 71.45), "KZ-75": (43.25, 76.91), "KZ-79": (42.32, 69.60)}
    for code, (lat, lon) in known.items():
        row = gaz.by_code[code]
        assert abs(row["lat"] - lat) < 0.3 and abs(row["lon"] - lon) < 0.3, row


# (g) ------------------------------------------------------------------------------------
def test_find_in_text_russian(gaz: Gazetteer) -> None:
    text = "Наибольшая представленность у Костанайской, Восточно-\nКазахстанской, Алматинской областей, " \
           "а также у городов Астана и Алматы; встреча прошла в г. Усть-Каменогорск, ул. Туркестанская, 5."
    found = [(text[s:e], c) for s, e, c in gaz.find_in_text(text)]
    assert found == [("Костанайской", "KZ-39"), ("Восточно-\nКазахстанской", "KZ-63"),
                     ("Алматинской областей", "KZ-19"), ("Астана", "KZ-71"), ("Алматы", "KZ-75"),
                     ("Усть-Каменогорск", "KZ-63")]


def test_find_in_text_english(gaz: Gazetteer) -> None:
    text = "Volunteers from the North Kazakhstan region, Almaty city and Karagandy met in Oskemen; " \
           "Dosym Satpayev spoke about oral history in Kazakhstan."
    found = [(text[s:e], c) for s, e, c in gaz.find_in_text(text)]
    assert found == [("North Kazakhstan region", "KZ-59"), ("Almaty", "KZ-75"), ("Karagandy", "KZ-35"),
                     ("Oskemen", "KZ-63"), ("Kazakhstan", "KZ")]


def test_find_in_text_line_break_hyphenation_and_qualified_names(gaz: Gazetteer) -> None:
    text = "встреча с заместителем акима Вос-\nточно-Казахстанской области и МРЦ «Абай жастары»; " \
           "в области Абай и в г. Тал-\nдықорған; малообеспеченных семей."
    found = [(text[s:e], c) for s, e, c in gaz.find_in_text(text)]
    assert found == [("Вос-\nточно-Казахстанской области", "KZ-63"), ("Абай", "KZ-10"),
                     ("Тал-\nдықорған", "KZ-33")]


def test_find_in_text_reads_a_list_closed_by_regions_as_regions(gaz: Gazetteer, documents: dict[str, str]) -> None:
    text = ("less frequently in Almaty, Pavlodar, Karagandy regions and the city of Almaty (up to 1%) "
            "and in Zhambyl region (0%).")
    assert text in documents["volunteering-2022.txt"]
    found = [(text[s:e], c) for s, e, c in gaz.find_in_text(text)]
    assert found == [("Almaty", "KZ-19"), ("Pavlodar", "KZ-55"), ("Karagandy regions", "KZ-35"),
                     ("Almaty", "KZ-75"), ("Zhambyl region", "KZ-31")]
    # A comma ends a name: here "области" belongs to Zhetysu, Almaty stays the city.
    text = "(г.Алматы, области Жетысу и Павлодар-\nской)"
    assert [c for _, _, c in gaz.find_in_text(text)] == ["KZ-75", "KZ-33", "KZ-55"]


def test_load_works_from_another_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Gazetteer.load().try_resolve("Karagandy") == "KZ-35"


def test_pseudo_regions_resolve_from_their_field_words_and_are_never_tagged_in_prose(gaz: Gazetteer) -> None:
    """Contract D: "international" / "unstated" in a spec's region field; no coordinates; prose
    saying "several countries" or "не указано" is not a place mention."""
    assert [gaz.resolve(name, file="spec") for name in (
        "international", "International", "several countries", "международный", "халықаралық")] == ["INT"] * 5
    assert [gaz.resolve(name, file="spec") for name in ("unstated", "place not stated", "не указано")] == ["ZZ"] * 3
    pseudo = {r["region_code"]: r for r in gaz.regions if r["region_code"] in ("INT", "ZZ")}
    assert all(r["lat"] is None and r["lon"] is None and r["name_kk"] for r in pseudo.values())
    assert gaz.find_in_text("Several countries took part; the place is not stated. Международный форум.") == []
