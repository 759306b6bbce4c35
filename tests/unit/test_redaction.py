"""Private contact details are replaced; organisations' published contacts are kept."""
from __future__ import annotations

import pytest

from etl.privacy import EMAIL_REMOVED, HANDLE_REMOVED, PHONE_REMOVED, Redactor, contact_key


def test_private_contacts_are_replaced_and_public_ones_kept() -> None:
    redactor = Redactor(frozenset({"office@example.org", "77172925013"}))
    line = ("Lead: A. Person, E-mail: a.person@mail.ru, tel. +7 701 123 45 67; "
            "office: Office@Example.org, +7 7172 92 50 13; 217 391 volunteers in 2023")
    assert redactor.redact(line) == (
        f"Lead: A. Person, E-mail: {EMAIL_REMOVED}, tel. {PHONE_REMOVED}; "
        "office: Office@Example.org, +7 7172 92 50 13; 217 391 volunteers in 2023")


def test_lines_without_contacts_are_untouched() -> None:
    line = ("https://infonpo.gov.kz/ lists 22,344 NGOs; write to us @ the office at 5 pm; "
            "Instagram and TikTok accounts; mailbox.com/inbox; 2020-2022")
    assert Redactor(frozenset()).redact(line) == line


@pytest.mark.parametrize(("printed", "key"), [
    ("@Lena_Person.77", "@lena_person.77"),
    ("https://www.instagram.com/lena_person.77/", "@lena_person.77"),
    ("instagram.com/Lena_Person.77", "@lena_person.77"),
    ("https://www.tiktok.com/@lena_person.77", "@lena_person.77"),
    ("facebook.com/lena_person.77", "@lena_person.77"),
    ("t.me/lena_person.77", "@lena_person.77"),
    ("https://vk.com/lena_person.77", "@lena_person.77"),
    ("youtube.com/@lena_person.77", "@lena_person.77"),
    ("[@lena_person.77](https://www.instagram.com/lena_person.77)", "@lena_person.77"),
])
def test_every_form_of_an_account_is_replaced_and_compares_by_its_name(printed: str, key: str) -> None:
    assert contact_key(printed) == key
    assert Redactor(frozenset()).redact(f"Project Lead: Lena Person. Instagram: {printed}.") == \
        f"Project Lead: Lena Person. Instagram: {HANDLE_REMOVED}."


def test_an_organisations_account_is_kept_in_every_form() -> None:
    redactor = Redactor(frozenset({contact_key("@Foundation_KZ")}))
    line = ("Instagram: @foundation_kz, [@foundation_kz](https://www.instagram.com/foundation_kz), "
            "https://t.me/Foundation_KZ; lead's own: @lena_person.77")
    assert redactor.redact(line) == line.replace("@lena_person.77", HANDLE_REMOVED)


def test_email_addresses_are_not_read_as_handles() -> None:
    """A kept public address stays whole; a private one becomes the e-mail placeholder only."""
    redactor = Redactor(frozenset({"office@gmail.com"}))
    assert redactor.redact("office@gmail.com, lena.person@mail.ru") == f"office@gmail.com, {EMAIL_REMOVED}"


def test_an_account_found_private_is_replaced_where_printed_without_its_at() -> None:
    """A transcribed post starts with its author's bare name and says who liked it."""
    lines = ["Instagram: @shelter_kz, @lena_person.77", "Нравится someuser и другим",
             "lena_person.77 Ребята из Павлодара", "shelter_kz helps 30 cats", "news of the day"]
    redactor = Redactor(frozenset({"@shelter_kz"}))
    assert redactor.redact_document(lines + ["@news"]) == [
        f"Instagram: @shelter_kz, {HANDLE_REMOVED}", f"Нравится {HANDLE_REMOVED} и другим",
        f"{HANDLE_REMOVED} Ребята из Павлодара", "shelter_kz helps 30 cats",
        "news of the day",    # "@news" could be an ordinary word: replaced only with its "@"
        HANDLE_REMOVED]
