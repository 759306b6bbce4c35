"""Private contact details are replaced; organisations' published contacts are kept."""
from __future__ import annotations

from etl.privacy import EMAIL_REMOVED, PHONE_REMOVED, Redactor


def test_private_contacts_are_replaced_and_public_ones_kept() -> None:
    redactor = Redactor(frozenset({"office@example.org", "77172925013"}))
    line = ("Lead: A. Person, E-mail: a.person@mail.ru, tel. +7 701 123 45 67; "
            "office: Office@Example.org, +7 7172 92 50 13; 217 391 volunteers in 2023")
    assert redactor.redact(line) == (
        f"Lead: A. Person, E-mail: {EMAIL_REMOVED}, tel. {PHONE_REMOVED}; "
        "office: Office@Example.org, +7 7172 92 50 13; 217 391 volunteers in 2023")


def test_lines_without_contacts_are_untouched() -> None:
    line = "Instagram: @pravo_na_ghizn; https://infonpo.gov.kz/ lists 22,344 NGOs"
    assert Redactor(frozenset()).redact(line) == line
