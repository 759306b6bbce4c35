"""Keeping private persons' contact details out of everything Qogam publishes.

The compendium prints each project lead's personal e-mail address and, beside it, often the
lead's own Instagram or TikTok account; a few documents print private phone numbers. Those are
replaced, in the document text the project republishes (source_lines, mentions, quotes, and
everything the catalog reads from it), by a visible placeholder. Contacts a document prints as
an organisation's own are kept; they are listed, with where they appear, in
data/reference/public_contacts.toml.

Social-media accounts are found in three forms: `@name`, a profile address on a social network
(`instagram.com/name`, `tiktok.com/@name`, `t.me/name`, ...; a Markdown link around one counts
as one contact), and the "liked by <name>" line of a transcribed Instagram post. An account is
compared by its name alone, case-insensitively, whichever form it is printed in. Once an
account is found private in a document, its bare name (a transcribed post's caption starts
with the poster's name, without "@") is replaced in that document too.

E-mail addresses are replaced before handles are looked for, and a handle's "@" must not follow
a character of an address, so "name@mail.ru" is never read as the handle "@mail".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from etl.text import read_toml

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Kazakhstan numbers as printed (+7 / 8, then 10 digits in groups) and other international
# numbers (+country code, at least 9 digits); not inside a URL or a longer digit run.
PHONE = re.compile(r"(?<![\w/=.+-])(?:(?:\+7|8)[\s(-]*\d{3,4}[\s)-]*\d{2,3}[\s-]*\d{2}[\s-]*\d{2,4}"
                   r"|\+(?:[1-689]\d{0,2})[\s(-]*\d{2,4}(?:[\s)-]*\d{2,4}){2,4})(?![\w/])")
_ACCOUNT = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*"     # a trailing dot ends the sentence, not the name
_SOCIAL_HOSTS = (r"instagram\.com|tiktok\.com|facebook\.com|fb\.com|t\.me|telegram\.me|vk\.com|ok\.ru"
                 r"|youtube\.com|twitter\.com|x\.com|threads\.net|linkedin\.com")


def _profile_url(account: str) -> str:
    """A profile (or post) address on a social network; its first path segment, `account`,
    names the account. The rest of the address goes with it, a sentence's full stop does not."""
    return (rf"(?<![\w.-])(?:https?://)?(?:(?:www|m)\.)?(?:{_SOCIAL_HOSTS})/(?:(?:in|c|user|channel)/)?@?"
            rf"{account}(?:[/?#](?:[^\s)\]>,;]*[^\s)\]>,;.!?:])?)?")


def _handle(account: str) -> str:
    """"@name", not inside an e-mail address, a URL or a longer word."""
    return rf"(?<![\w.%+@/-])@{account}"


PROFILE_URL = re.compile(_profile_url(rf"(?P<account>{_ACCOUNT})"), re.IGNORECASE)
HANDLE = re.compile(_handle(rf"(?P<account>{_ACCOUNT})"))
# Any of the three printed forms (a Markdown link around a profile address is one contact).
SOCIAL = re.compile(rf"\[[^\]\n]*\]\({_profile_url(_ACCOUNT)}\)|{_profile_url(_ACCOUNT)}|{_handle(_ACCOUNT)}",
                    re.IGNORECASE)
# A transcribed Instagram post names who liked it: "Нравится <name> и другим" / "Liked by <name> and others".
LIKED_BY = re.compile(rf"(?:(?<=Нравится )|(?<=Liked by ))(?P<account>{_ACCOUNT})(?= и другим| and others)")
# A bare account name is replaced only when it cannot be an ordinary word.
NOT_A_WORD = re.compile(r"[\d_.]")
EMAIL_REMOVED = "[e-mail removed]"
PHONE_REMOVED = "[phone removed]"
HANDLE_REMOVED = "[social media handle removed]"


def social_account(value: str) -> str | None:
    """The account a handle, a profile address or a Markdown link to one names, as written."""
    for pattern in (PROFILE_URL, HANDLE):
        m = pattern.search(value)
        if m:
            return m.group("account")
    return None


def contact_key(value: str) -> str:
    """How contacts compare: e-mail addresses case-insensitively, social-media accounts as
    "@name" case-insensitively whatever form they are printed in, phone numbers by their digits."""
    if EMAIL.fullmatch(value):
        return value.lower()
    account = value if value.startswith("@") else social_account(value)
    if account is not None:
        return "@" + account.removeprefix("@").casefold()
    return re.sub(r"\D", "", value)


@dataclass(frozen=True)
class ContactPattern:
    """One kind of contact detail: how it is found, what replaces it, how it compares, and
    text one piece of which every match contains (lines without any are not searched: most
    document lines hold no contact, and the social-media pattern is the slowest)."""

    pattern: re.Pattern[str]
    placeholder: str
    key: Callable[[re.Match[str]], str]
    markers: tuple[str, ...] = ()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.could_match(text) else iter(())

    def could_match(self, text: str) -> bool:
        return not self.markers or any(marker in text for marker in self.markers)


def _account_key(m: re.Match[str]) -> str:
    return "@" + m.group("account").casefold()


# In the order they are replaced: e-mail addresses first, since they hold an "@" too.
CONTACT_PATTERNS = (
    ContactPattern(EMAIL, EMAIL_REMOVED, lambda m: contact_key(m.group(0)), ("@",)),
    ContactPattern(PHONE, PHONE_REMOVED, lambda m: contact_key(m.group(0))),
    ContactPattern(SOCIAL, HANDLE_REMOVED, lambda m: contact_key(m.group(0)), ("@", "/")),
    ContactPattern(LIKED_BY, HANDLE_REMOVED, _account_key, ("Нравится ", "Liked by ")),
)


def find_contacts(text: str) -> list[tuple[str, str]]:
    """(contact as printed, its key) for every contact detail in `text`, kind by kind."""
    return [(m.group(0), kind.key(m)) for kind in CONTACT_PATTERNS for m in kind.finditer(text)]


@dataclass(frozen=True)
class Redactor:
    """Replaces private contacts in a document's lines, keeping the listed public ones."""

    public: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Redactor:
        return cls(frozenset(contact_key(c["value"]) for c in read_toml(path).get("contact", [])))

    def redact(self, line: str, bare_names: re.Pattern[str] | None = None) -> str:
        """`line` with its private contacts replaced, and whatever `bare_names` matches too."""
        for kind in CONTACT_PATTERNS:
            if kind.could_match(line):
                line = kind.pattern.sub(lambda m, kind=kind: m.group(0) if kind.key(m) in self.public
                                        else kind.placeholder, line)
        return bare_names.sub(HANDLE_REMOVED, line) if bare_names else line

    def private_accounts(self, lines: Iterable[str]) -> list[str]:
        """Keys of the social-media accounts in `lines` that are not listed as public and whose
        bare name cannot be an ordinary word (those are replaced only with their "@")."""
        keys = {key for line in lines for _, key in find_contacts(line) if key.startswith("@")}
        return sorted(key for key in keys - self.public if NOT_A_WORD.search(key))

    def redact_document(self, lines: list[str]) -> list[str]:
        """Every line redacted, an account found private anywhere replaced everywhere.

        Only the lines a contact (or a private name) may be on are read one by one: those
        holding a kind's marker, and those a pattern without markers touches in the lines
        joined by "\n" (no pattern matches a line break or looks past one differently from a
        line's end, so every match in a line is found, or overlapped, in the joined text).
        Running every pattern over every line took twice as long (a fifth of a second a build)."""
        text = "\n".join(lines)
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        candidates = set()
        for kind in CONTACT_PATTERNS:
            candidates |= ({n for n, line in enumerate(lines) if kind.could_match(line)} if kind.markers
                           else _lines_touched(kind.pattern, text, starts))
        names = "|".join(re.escape(key.removeprefix("@"))
                         for key in self.private_accounts(lines[n] for n in sorted(candidates)))
        bare = re.compile(rf"(?<![\w.@/-])(?:{names})(?![\w-])", re.IGNORECASE) if names else None
        if bare is not None:
            candidates |= _lines_touched(bare, text, starts)
        return [self.redact(line, bare) if n in candidates else line for n, line in enumerate(lines)]


def _lines_touched(pattern: re.Pattern[str], text: str, starts: list[int]) -> set[int]:
    """Indexes of the lines (starting at offsets `starts` of `text`) that a match of `pattern` touches."""
    touched = set()
    for m in pattern.finditer(text):
        touched.update(range(bisect_right(starts, m.start()) - 1, bisect_right(starts, max(m.start(), m.end() - 1))))
    return touched
