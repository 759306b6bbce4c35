"""Tests for etl/repair.py: decoding the font-shifted runs of civil-society-30y-2021.txt."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from conventions.codes import LOST
from etl.repair import Repair, garble, heldout_accuracy, heldout_report, is_garbled, repair_line
from etl.text import load_lines

BOOK = Path(__file__).resolve().parents[2] / "data" / "raw" / "civil-society-30y-2021.txt"
F = "\ufffd"


@pytest.fixture(scope="module")
def book() -> list[str]:
    return load_lines(BOOK)


# --- the examples of the brief ------------------------------------------------------------

def test_single_shifted_word():
    r = repair_line("&XUUHQWO\\")
    assert r == Repair("&XUUHQWO\\", "Currently", True, 0)


def test_of_the():
    r = repair_line(f"RI{F}WKH")
    assert r.text == "of the" and r.changed and r.lost == 0


def test_no_break_space_after_a():
    assert repair_line("DbSURFHVV").text == "a process"


def test_special_glyphs():
    assert repair_line(f"ΖbZDV{F}JODG").text == "I was glad"
    assert repair_line(f"FRXQWU\\ȇV{F}ȆWKLUGȇ{F}VHFWRU").text == "country’s ‘third’ sector"
    assert repair_line(f"ȊVRID{F}RSSRVLWLRQȋ").text == "“sofa opposition”"
    assert repair_line(f"QRQ{F}SURȴW{F}ȵH[LEOH").text == "non-profit flexible"
    assert repair_line(f"$bIHZ{F}VWDWLVWLFVȐ").text == "A few statistics…"


def test_lost_digits_marked():
    r = repair_line(f"DbSURFHVV{F * 4}\\HDUV{F}")
    assert r.text == f"a process {LOST * 2} years "
    assert r.lost == 2


def test_lost_punctuation_before_space():
    # "sector. A Civic": the first U+FFFD was the full stop, the second the space
    r = repair_line(f"VHFWRU{F * 2}$b&LYLF{F}")
    assert r.text == f"sector{LOST} A Civic "
    assert r.lost == 1


# --- real lines of the book ---------------------------------------------------------------

@pytest.mark.parametrize("lineno, expected", [
    (10, "of the country’s ‘third’ sector is a process"),
    (31, "The country has also developed a system of "),
    (42, "I was glad to receive word from the ARGO Civil "),
    (53, "of Kazakhstan’s independence"),
    (752, "declared Kazakhstan ‘‘… a secular"),
    (1713, "that address social problems" + LOST + " i.e. concerning "),
    (2722, "political scientist E" + LOST + " Shils called it “democracy under "),
    (2860, "online “sofa opposition”"),
    (8164, "is a conceptual framework containing a system of inclusive"),
    (8236, "A few statistics…"),
    (7118, "Sergey GulyaevPart!3.!Practical tips for creating NGOs"),   # clean tail kept
    (1428, "In essence, civil society is a collective concept"),         # clean head kept
    (7565, "Use workshops as a participatory design "),                 # "as a" + "b..."
    (2617, "can be quite unstable. International experience "),         # zero-width glyph
    (7510, "stakeholders, i.e. users or owners of real "),
    (8080, "Comparative Nonprofit Sector Project18, the "),             # footnote 18 kept
    (2974, "consumer cooperatives (2001)."),                            # clean year kept
])
def test_real_lines(book, lineno, expected):
    r = repair_line(book[lineno - 1])
    assert r.changed
    assert expected in r.text
    assert F not in r.text and not is_garbled(r.text)


def test_real_line_lost_count(book):
    r = repair_line(book[9])  # "... a process ?? years" (30 years)
    assert r.text.endswith(f"a process {LOST * 2} years ")
    assert r.lost == 2 == r.text.count(LOST)


# --- clean text stays untouched -----------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Today civil society organizations (CSOs) are actively ",
    "NGO — NCO",
    "USAID and the UN support NGOs in Kazakhstan.",
    "WHO – World Health Organization",
    "IDU – injecting drug users ",
    "in effect. Initially, the list included 287 types of ",
    "120,000. The number of IDU registered with ",
    "11.8% of the estimated number of IDU and had ",
    "Part!\"# Legislative framework for the activities",
    "Hotline for Children and Youth’ #150, which has ",
    "COVID-19 (2020-2021), P4I, ARGO, OSCE, UNDP, RK, EU, I, A.",
    "SAC.",
    "WOMEN",
    "",
])
def test_clean_lines_unchanged(line):
    r = repair_line(line)
    assert r == Repair(line, line, False, 0)
    assert not is_garbled(line)


def test_book_clean_lines_unchanged(book):
    # lines with no trace of the broken font must come out byte for byte
    for line in book:
        if not any(c in line for c in F + "ȇȆȊȋȂΖȴȵɈɌȐǛ"):
            assert repair_line(line).text == line


# --- the whole book -----------------------------------------------------------------------

def test_whole_book(book):
    repair_line("warm up the word list")
    t = time.perf_counter()
    reps = [repair_line(line) for line in book]
    assert time.perf_counter() - t < 1.0
    garbled = sum(is_garbled(line) for line in book)
    changed = sum(r.changed for r in reps)
    assert 780 <= garbled == changed <= 850          # measured: 815 of 8629
    assert not any(is_garbled(r.text) for r in reps)  # nothing left shifted
    assert not any(F in r.text for r in reps)
    assert all(r.lost == r.text.count(LOST) for r in reps)
    assert 1100 <= sum(r.lost for r in reps) <= 1500  # measured: 1280


# --- garble and the held-out check --------------------------------------------------------

def test_garble_forward_mapping():
    assert garble("of the") == f"RI{F}WKH"
    assert garble("a process 30 years") == f"DbSURFHVV{F * 4}\\HDUV"
    assert garble("I was") == "ΖbZDV"
    assert garble("country’s ‘third’") == f"FRXQWU\\ȇV{F}ȆWKLUGȇ"
    assert garble("“x” 2–3…") == f"Ȋ[ȋ{F}{F}Ȃ{F}Ȑ"


@pytest.mark.parametrize("line", [
    "The country has also developed a system of ",
    "Kazakhstan’s civil society is a process in the making",
])
def test_garble_roundtrip(line):
    assert repair_line(garble(line)).text == line


def test_heldout_accuracy(book):
    # measured 0.9947 (lost-for-good characters correctly marked LOST excluded)
    # and 0.9751 counting them as errors, on 5702 clean lines of the book
    report = heldout_report(book)
    assert report["lines"] > 5000
    assert report["accuracy"] >= 0.985
    assert report["accuracy_all"] >= 0.965
    assert heldout_accuracy(book) == report["accuracy"]
