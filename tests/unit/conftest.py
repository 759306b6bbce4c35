"""Fixtures of the unit tier: no built database, no AppTest; at most a tiny database made here."""
from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from etl.build import SCHEMA


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """The real schema with two regions, one source, one indicator, two figures, two mentions."""
    db = duckdb.connect(":memory:")
    db.execute(SCHEMA.read_text(encoding="utf-8"))
    db.execute("""
        INSERT INTO regions VALUES ('KZ', 'Kazakhstan', 'Казахстан', 'Қазақстан', 'country', 48, 67, NULL, NULL),
                                   ('KZ-75', 'Almaty', 'Алматы', 'Алматы', 'city', 43.2, 76.9, NULL, NULL);
        INSERT INTO sources VALUES ('doc', 'Доклад', 'Сеть', 2024, 'ru', '2021-2023', 'not stated',
                                    'data/raw/doc.txt', 'doc.txt', repeat('a', 64), 3);
        INSERT INTO indicators VALUES ('volunteers_count', 'volunteers', 'Volunteers', 'Волонтёры', 'Еріктілер',
                                       'persons', 'people', false);
        INSERT INTO bases VALUES ('unstated', 'not stated', 'не указано', 'көрсетілмеген', 'not said');
        INSERT INTO observations (obs_id, indicator_id, region_code, year_start, year_end, value, unit, qualifier,
                                  source_id, line, quote, basis)
        VALUES ('o1', 'volunteers_count', 'KZ', 2023, 2023, 217391, 'persons', 'exact', 'doc', 2,
                'деятельность 217 391 волонтёра, "всего"', 'unstated'),
               ('o2', 'volunteers_count', 'KZ-75', 2021, 2022, 42.5, 'persons', 'approx', 'doc', 3, 'около 42,5',
                'unstated');
        INSERT INTO mentions VALUES
            ('doc', 2, 'деятельность 217 391 волонтёра', 'ru', [2023, 217391.0], ['2023', '217 391'],
             ['volunteers'], ['KZ'], 'деятельность 217391 волонтера'),
            ('doc', 3, 'около 42,5', 'ru', [42.5], ['42,5'], ['other'], [], 'около 42,5');
        INSERT INTO source_lines VALUES ('doc', 1, 'Доклад', 'Доклад', false, 0, NULL);
    """)
    yield db
    db.close()
