"""Repair of the font-shifted text in ``civil-society-30y-2021.txt``.

About a tenth of the book's lines were extracted from the PDF through a font whose glyph
ids were taken as code points: every printable character sits 29 code points too low
(``RI\ufffdWKH`` is "of the"), so ``decode(c) = chr(ord(c) + 29)``. Characters whose code is
below 61 (space, digits, most punctuation) fell below the printable range and became
U+FFFD, so digits and punctuation inside those runs are lost for good. A few glyphs map
specially (see ``_GLYPHS``): ``b`` is the no-break space the typesetter put after "a", "A"
and "I"; ``\u0207``/``\u0206`` are \u2019/\u2018, ``\u020a``/``\u020b`` are \u201c/\u201d,
``\u0202`` an en dash, ``\u0396`` is "I", ``\u0234``/``\u0235`` the fi/fl ligatures,
``\u0248`` another space glyph, ``\u024c`` a zero-width glyph (it follows a full stop:
"i.\u024ce.", "unstable.\u024c International"), ``\u0210`` an ellipsis and ``\u01db`` one
unknown glyph ("civi\u01db participation": "civil" or "civic"), rendered as lost.

Garbled runs are mixed with clean text on the same line, so a run is decoded only when the
evidence says so:

* candidate runs are maximal stretches of the shifted alphabet (``$``..`````), U+FFFD and
  the special glyphs, plus ``b`` between two such characters; a capital that is directly
  followed by a clean lowercase letter ("...DHYPart") starts a clean word and is left out,
  and so is clean closing punctuation directly after a clean lowercase letter;
* a run holding U+FFFD, a special glyph or an inner ``b`` is garbled ("strong"), except
  that an edge piece which looks like a clean token (digits, or an acronym seen in clean
  text) and does not decode to a known word is kept as is ("18\ufffd" in a footnote);
* a run without such evidence ("weak": only shifted-alphabet ASCII, e.g. ``&XUUHQWO\\``)
  is decoded only if every word of its decoding is in a word list built from the clean
  lines of the five documents in ``data/raw`` and the raw run is not such a word or a
  known acronym. So "CSOs", "NGO", "USAID", "Kazakhstan", "2021" stay untouched.

A run of k U+FFFD is resolved by position (rules measured on the book's clean lines, see
``_gap``): one between words is a space; two are a lost punctuation mark and a space
("sector, which"); three or more between words are a space, k-2 lost characters and a space
("process 30 years"); FFFD right before a space glyph is punctuation ("E.\u0248Shils").
Lost characters are rendered as ``LOST``. Three shapes are restored rather than marked
lost: "i.e." (``L\ufffd\u024cH\ufffd``), "non-" before a word and "http(s)://".

``heldout_accuracy`` garbles the book's clean lines, repairs them and compares position by
position (see ``heldout_report``): 0.995 with correctly marked lost-for-good characters
left out, 0.975 counting them as errors.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from conventions.codes import LOST
from conventions.paths import RAW_DIR

__all__ = ["Repair", "repair_line", "repair_lines", "is_garbled", "garble",
           "heldout_accuracy", "heldout_report"]

SHIFT = 29
FFFD = "\ufffd"

# glyph -> decoded text (everything not here and in '!'..'a' is chr(ord + 29))
_GLYPHS = {
    "\u0207": "\u2019",  # ȇ right single quote
    "\u0206": "\u2018",  # Ȇ left single quote
    "\u020a": "\u201c",  # Ȋ left double quote
    "\u020b": "\u201d",  # ȋ right double quote
    "\u0202": "\u2013",  # Ȃ en dash
    "\u0396": "I",       # Ζ capital I
    "\u0234": "fi",      # ȴ ligature
    "\u0235": "fl",      # ȵ ligature
    "\u0210": "\u2026",  # Ȑ ellipsis
    "\u01db": LOST,      # Ǜ unknown glyph, seen once ("civiǛ participation")
}
# separators inside a garbled run: glyph -> decoded text
_SPACES = {"b": " ", "\u0248": " ", "\u024c": ""}  # b (nbsp), Ɉ (space), Ɍ (zero width)
_SPECIAL = "".join(_GLYPHS) + "\u0248\u024c"
_ALPHA = r"\$-`"  # '$'..'`': the shifted a-z, A-Z and the punctuation at or above '='
_C = f"[{_ALPHA}{FFFD}{_SPECIAL}]"
# 'b' (no-break space) only between two run characters; '!', '"', '#' ('>', '?', '@')
# only after one, so that clean "Part!1.!" or "#150" do not start a run
_RUN = re.compile(f"(?:{_C}|(?<={_C})b(?={_C})|(?<={_C})[!-#])+")
_STRONG = re.compile(f"[{FFFD}{_SPECIAL}b]")
_PIECE = re.compile(f"[!-#{_ALPHA}{''.join(_GLYPHS)}]+")
_WORD = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_CLEAN_LOWER = re.compile(r"[c-z]")
_NUMERIC = re.compile(r"[(\[]?[0-9][0-9.,:;()\-/%]*")
_LEAD_PUNCT = re.compile(r"[.,:;)\]]+")
_NON = re.compile(r"(?:^|[^A-Za-z])[Nn]on$")
_HTTP = re.compile(r"(?:^|[^A-Za-z])https?$")
_IE = re.compile(f"(?<![A-Za-z])i{LOST}e{LOST}")
_BAD_LINE = re.compile(f"[{FFFD}{_SPECIAL}]")
_FORWARD = {v: k for k, v in _GLYPHS.items() if len(v) == 1 and v not in ("I", LOST)}

# words that must always count as known (the word list is also built from data/raw)
_BASE_WORDS = (
    "a an the of to and in is for on as are by or was it not has but at can be we out our "
    "had you who if all use this that with from they their which also its have were been "
    "will more other than these such there into about between state civil society law"
).split()


@dataclass(frozen=True)
class Repair:
    raw: str
    text: str      # repaired line: garbled runs decoded, clean parts untouched, lost -> LOST
    changed: bool  # any garbled run found and decoded
    lost: int      # number of characters lost for good (rendered as LOST)


@dataclass(frozen=True)
class _Lexicon:
    words: frozenset[str]      # lowercased words seen in clean text
    acronyms: frozenset[str]   # all-capital tokens seen in clean text


def _clean_lines(lines) -> list[str]:
    """Lines free of the broken font: no U+FFFD or special glyph, several clean words."""
    out = []
    for line in lines:
        if _BAD_LINE.search(line):
            continue
        if len(_LOWER_WORD.findall(line)) >= 3:
            out.append(line)
    return out


def _build_lexicon(exclude: frozenset[str] = frozenset()) -> _Lexicon:
    tokens: Counter[str] = Counter()
    for path in sorted(RAW_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for line in _clean_lines(text.split("\n")):
            if line not in exclude:
                tokens.update(_WORD.findall(line))
    words: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    for tok, n in tokens.items():      # each distinct token once: the texts repeat their words
        if _CLEAN_LOWER.search(tok):
            words[tok.lower()] += n
        elif len(tok) >= 2 and tok.isupper():
            caps[tok] += n
    known = {w for w, n in words.items() if n >= 2 or len(w) >= 4}
    known.update(_BASE_WORDS)
    known.update(("a", "i"))
    return _Lexicon(frozenset(known), frozenset(caps))


@lru_cache(maxsize=1)
def _default_lexicon() -> _Lexicon:
    return _build_lexicon()


def _decode_chars(s: str) -> str:
    out = []
    for ch in s:
        g = _GLYPHS.get(ch)
        if g is not None:
            out.append(g)
        elif "!" <= ch <= "a":
            out.append(chr(ord(ch) + SHIFT))
        else:
            out.append(ch)
    return "".join(out)


def _known(decoded: str, lex: _Lexicon) -> bool:
    """Every word of a decoded piece is a known word (and there is at least one)."""
    ws = _WORD.findall(decoded)
    return bool(ws) and all(w.lower() in lex.words for w in ws)


def _clean_token(raw: str, lex: _Lexicon) -> bool:
    """A raw piece that reads as clean text (a number, a known acronym or word)."""
    if _NUMERIC.fullmatch(raw):
        return True
    core = raw.strip(".,:;()[]-/")
    return core in lex.acronyms or (bool(core) and core.lower() in lex.words
                                    and _CLEAN_LOWER.search(core) is not None)


def _gap(k: int, left: str, right: str, prev: str = "") -> str:
    """Text for k U+FFFD. left: '^' run start, 'w' letter, 'p' punctuation, 's' clean space;
    right: '$' run end, 'w', 'p', 's' a space glyph or clean space (cannot be a space).
    prev: the decoded text before the gap, for the few shapes that can be inferred."""
    if right == "s" or left == "s" or (left == "^" and right == "$"):
        return LOST * k
    if k == 1 and right in "w$" and _NON.search(prev):
        return "-"          # "non-governmental", "non-profit"
    if k == 3 and right == "w" and _HTTP.search(prev):
        return "://"
    if k == 1:
        return " "
    if left in "^p":
        return LOST * (k - 1) + " "
    if k == 2:
        return LOST + " "
    if right == "p":
        return " " + LOST * (k - 1)
    return " " + LOST * (k - 2) + " "


def _decode_run(run: str, before: str, after: str, lex: _Lexicon) -> tuple[str, int] | None:
    """Decoded text and lost count of a candidate run, or None if it is clean text."""
    strong = _STRONG.search(run) is not None
    pieces = list(_PIECE.finditer(run))
    if not strong:
        dec = _decode_chars(run)
        # one known word of four letters or more ("&XUUHQWO\\" = "Currently"); a short
        # capital token is far more likely an acronym ("WHO", "IDU") than a shifted word
        words = _WORD.findall(dec)
        if len(words) == 1 and len(words[0]) >= 4 and _known(dec, lex) \
                and not _clean_token(run, lex):
            return dec, 0
        return None
    if not pieces and FFFD not in run:
        # only separators (e.g. "Ɍ\ufffd" between clean words): spacing glyphs
        return "".join(_SPACES.get(c, c) for c in run), 0
    keep: set[int] = set()  # indices of edge pieces kept raw (clean text touching the run)
    for idx in {0, len(pieces) - 1} if pieces else ():
        m = pieces[idx]
        if not ((idx == 0 and m.start() == 0) or (idx == len(pieces) - 1 and m.end() == len(run))):
            continue
        p = m.group()
        d = _decode_chars(p)
        core = d.strip(".,:;()")
        if len(core) >= 3 and core in lex.acronyms:  # "607" is "SMT"
            continue
        if _NUMERIC.fullmatch(p) or (_clean_token(p, lex) and not _known(d, lex)):
            keep.add(idx)
    out: list[str] = []
    lost = 0
    pos = 0
    n = len(run)
    pi = 0
    while pos < n:
        if pi < len(pieces) and pieces[pi].start() == pos:
            m = pieces[pi]
            p = m.group()
            if pi in keep:
                text = p
            elif (m.end() == n and after in ("", " ") and p[-1] in ".,:;"
                  and (len(p) == 1 or _decode_chars(p[-2]).islower())):
                # clean full stop or comma right after a shifted word ("SGI." = "pdf.")
                text = _decode_chars(p[:-1]) + p[-1]
            else:
                text = _decode_chars(p)
            lost += text.count(LOST)
            out.append(text)
            pos = m.end()
            pi += 1
            continue
        ch = run[pos]
        if ch == FFFD:
            end = pos
            while end < n and run[end] == FFFD:
                end += 1
            k = end - pos
            prev = "".join(out)
            if prev:
                left = "w" if prev[-1].isalnum() else "p"
            else:
                left = "^" if before == "" else "s" if before == " " else \
                    "w" if before.isalnum() else "p"
            if end < n:
                nxt = run[end]
                first = _decode_chars(nxt)[:1]
                # an opening quote or bracket follows a space, like a word does
                right = "s" if nxt in _SPACES else \
                    "w" if first.isalnum() or first in "\u2018\u201c(" else "p"
            else:
                right = "s" if after == " " else ("$" if after == "" else
                                                  ("w" if after.isalnum() else "p"))
            g = _gap(k, left, right, prev)
            lost += g.count(LOST)
            out.append(g)
            pos = end
        else:
            out.append(_SPACES.get(ch, ch))
            pos += 1
    text, n_ie = _IE.subn("i.e.", "".join(out))  # "L\ufffd\u024cH\ufffd": the two stops are sure
    return text, lost - 2 * n_ie


def _runs(line: str):
    """Candidate runs as (start, end), after peeling clean edges."""
    for m in _RUN.finditer(line):
        s, e = m.start(), m.end()
        # a capital right before clean lowercase letters begins a clean word
        if e < len(line) and "a" <= line[e] <= "z" and "A" <= line[e - 1] <= "Z":
            e -= 1
        # clean closing punctuation right after a clean lowercase letter
        if s > 0 and line[s - 1].isalpha() and line[s - 1].islower():
            pm = _LEAD_PUNCT.match(line, s, e)
            if pm:
                s = pm.end()
        # "as ab" + run: the no-break space after a clean "a" belongs to the run
        if s >= 2 and line[s - 1] == "b" and line[s - 2] in "aAI" \
                and (s < 3 or not line[s - 3].isalpha()):
            s -= 1
        if s < e:
            yield s, e


def _repair(raw: str, lex: _Lexicon) -> Repair:
    out: list[str] = []
    last = 0
    lost = 0
    changed = False
    for s, e in _runs(raw):
        before = raw[s - 1] if s > 0 else ""
        after = raw[e] if e < len(raw) else ""
        res = _decode_run(raw[s:e], before, after, lex)
        if res is None:
            continue
        text, n = res
        out.append(raw[last:s])
        out.append(text)
        last = e
        lost += n
        changed = True
    if not changed:
        return Repair(raw, raw, False, 0)
    out.append(raw[last:])
    return Repair(raw, "".join(out), True, lost)


def repair_line(raw: str) -> Repair:
    """Decode the font-shifted runs of one line, leaving clean text untouched."""
    return _repair(raw, _default_lexicon())


def repair_lines(lines: list[str]) -> list[Repair]:
    lex = _default_lexicon()
    return [_repair(line, lex) for line in lines]


def is_garbled(line: str) -> bool:
    """Does the line contain a font-shifted run (one that repair would decode)?"""
    lex = _default_lexicon()
    for s, e in _runs(line):
        before = line[s - 1] if s > 0 else ""
        after = line[e] if e < len(line) else ""
        if _decode_run(line[s:e], before, after, lex) is not None:
            return True
    return False


def garble(clean: str) -> str:
    """The forward mapping, as the book's broken font does it.

    Characters from '=' to '~' shift down by 29; space, digits and punctuation below '='
    become U+FFFD, except the space after the one-letter words "a", "A", "I", which the
    book sets as a no-break space (``b``) when a letter follows; capital I is ``Ζ``;
    quotes, en dash and ellipsis take their special glyphs; other characters (em dash,
    bullets, accented letters) are left as they are. Ligatures are not produced (the book
    mostly has the plain letters).
    """
    out = []
    n = len(clean)
    for i, ch in enumerate(clean):
        if ch == " " and i >= 1 and clean[i - 1] in "aAI" and (i < 2 or not clean[i - 2].isalpha()) \
                and i + 1 < n and clean[i + 1].isalpha():
            out.append("b")
        elif ch == "I":
            out.append("\u0396")
        elif ch in _FORWARD:
            out.append(_FORWARD[ch])
        elif "=" <= ch <= "~":
            out.append(chr(ord(ch) - SHIFT))
        elif ch.isascii() and " " <= ch < "=":
            out.append(FFFD)
        else:
            out.append(ch)
    return "".join(out)


def _lost_for_good(ch: str) -> bool:
    return ch.isascii() and "!" <= ch < "="


def _score(orig: str, rep: str) -> tuple[int, int, int]:
    """(correct, total, lost-marked) for one line, position by position.

    garble and repair keep the length, so positions line up; should they not, the line
    counts as wholly wrong.
    """
    if len(orig) != len(rep):
        return 0, len(orig), 0
    ok = 0
    total = 0
    marked = 0
    for o, r in zip(orig, rep):
        if r == LOST and _lost_for_good(o):
            marked += 1          # correctly flagged as lost: excluded
            continue
        total += 1
        ok += o == r
    return ok, total, marked


def heldout_report(lines: list[str]) -> dict[str, float]:
    """Garble clean lines, repair them, and compare with the originals.

    Only lines free of the broken font are used. The word list used for detection is
    rebuilt without the evaluated lines, so they are truly held out. Metric: position-wise
    character match (garble/repair preserve length). A character lost for good (digit or
    punctuation that became U+FFFD) that repair marks LOST is excluded from the count;
    anything else repair puts there (e.g. a guessed space) is an error, and LOST over a
    recoverable character is an error too. ``accuracy_all`` counts every lost character
    as an error instead.
    """
    sample = _clean_lines(lines)
    lex = _build_lexicon(frozenset(sample))
    ok = total = marked = 0
    lines_exact = 0
    for line in sample:
        rep = _repair(garble(line), lex).text
        a, b, c = _score(line, rep)
        ok += a
        total += b
        marked += c
        lines_exact += a == b
    return {
        "lines": len(sample),
        "chars": total + marked,
        "accuracy": ok / total if total else 1.0,
        "accuracy_all": ok / (total + marked) if total + marked else 1.0,
        "lost_marked": marked,
        "lines_exact": lines_exact / len(sample) if sample else 1.0,
    }


def heldout_accuracy(lines: list[str]) -> float:
    """Char-level accuracy of repair(garble(line)) on clean lines (see heldout_report):
    correctly flagged lost-for-good characters are excluded, every other mismatch counts."""
    return heldout_report(lines)["accuracy"]
