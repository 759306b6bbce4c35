"""Corrupted, truncated, missing and reordered inputs: the ETL refuses them loudly and leaves
the previous database byte for byte as it was.

"Loudly" means what `conventions/errors.py` promises: a non-zero exit, and a message that names the
file and the rule (`path: [rule] message`), never a Python traceback. Changes are made to a
throw-away project copy; where a test re-pins the snapshot's sha256 in the copy's manifest it
plays a maintainer who accepted a new download, so the content rules (specs, tables,
encoding) must catch the damage that the hash no longer does.

Manifest order is decided to be irrelevant: the manifest lists a set of documents, so
reversing it must build the same rows in every published table.
"""
from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.data.support import run_etl, table_contents
from tests.support import repin_sha

SOURCES = ["animals-2025.txt", "adal-azamat-2025-4.txt", "volunteering-2022.txt",
           "civil-society-30y-2021.txt", "volunteering-2023.txt"]
# Reference files the build reads (kz-regions.geojson is read by the app only).
REFERENCE = ["regions.csv", "region_aliases.csv", "topics.toml", "indicators/volunteers.toml", "organizations.toml",
             "practice_vocabulary.toml"]
ERROR = re.compile(r"\S+\.[a-z]+(:\d+)?: \[[a-z0-9][a-z0-9-]*\] ")    # conventions/errors.py: `file[:line]: [rule] `
Mutation = Callable[[Path], None]


def raw(root: Path, name: str) -> Path:
    return root / "data" / "raw" / name


def flip_byte(name: str) -> Mutation:
    def mutate(root: Path) -> None:
        data = bytearray(raw(root, name).read_bytes())
        middle = len(data) // 2
        data[middle] = ord("#") if data[middle] != ord("#") else ord("%")
        raw(root, name).write_bytes(bytes(data))
    return mutate


def keep_first_half_of_lines(name: str, *, repin: bool) -> Mutation:
    def mutate(root: Path) -> None:
        lines = raw(root, name).read_bytes().split(b"\n")
        raw(root, name).write_bytes(b"\n".join(lines[: len(lines) // 2]))
        if repin:
            repin_sha(root, name)
    return mutate


def reverse_lines(name: str) -> Mutation:
    def mutate(root: Path) -> None:
        lines = raw(root, name).read_bytes().split(b"\n")
        raw(root, name).write_bytes(b"\n".join(reversed(lines)))
    return mutate


def invalid_utf8(path_of: Callable[[Path], Path], *, repin: str | None = None) -> Mutation:
    """Bytes that are not UTF-8 in the first line (as a bad download or editor would leave)."""
    def mutate(root: Path) -> None:
        path = path_of(root)
        data = path.read_bytes()
        cut = data.index(b"\n") if b"\n" in data else len(data)
        path.write_bytes(data[:cut] + b"\xff\xfe\xc3" + data[cut:])
        if repin:
            repin_sha(root, repin)
    return mutate


def delete(path_of: Callable[[Path], Path]) -> Mutation:
    return lambda root: path_of(root).unlink()


def truncate_mid_line(path_of: Callable[[Path], Path]) -> Mutation:
    """Cut the file in the middle of a line, as an interrupted write would (but still UTF-8)."""
    def mutate(root: Path) -> None:
        data = path_of(root).read_bytes()
        head = data[: len(data) // 2].decode("utf-8", errors="ignore")   # drops a split last character
        path_of(root).write_text(head, encoding="utf-8")
    return mutate


def edit_manifest(transform: Callable[[str], str]) -> Mutation:
    def mutate(root: Path) -> None:
        path = raw(root, "manifest.toml")
        path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")
    return mutate


def drop_sha_line(text: str) -> str:
    return re.sub(r'(?m)^sha256 = "[0-9a-f]+"\n', "", text, count=1)


def duplicate_first_id(text: str) -> str:
    ids = re.findall(r'(?m)^source_id = "([^"]+)"', text)
    return text.replace(f'source_id = "{ids[1]}"', f'source_id = "{ids[0]}"', 1)


def reference(name: str) -> Callable[[Path], Path]:
    return lambda root: root / "data" / "reference" / name


def raw_path(name: str) -> Callable[[Path], Path]:
    return lambda root: raw(root, name)


# (id, mutation, file the message must name (None: damage that only a content rule can see, so
# any `file: [rule]` will do), rule that must be named (None: any rule))
CASES: list[tuple[str, Mutation, str | None, str | None]] = [
    *[(f"flipped-byte-{n}", flip_byte(n), n, "snapshot-sha256") for n in SOURCES],
    ("half-lines-volunteering-2023.txt", keep_first_half_of_lines("volunteering-2023.txt", repin=False),
     "volunteering-2023.txt", "snapshot-sha256"),
    ("reordered-lines-animals-2025.txt", reverse_lines("animals-2025.txt"), "animals-2025.txt", "snapshot-sha256"),
    ("reordered-lines-volunteering-2022.txt", reverse_lines("volunteering-2022.txt"), "volunteering-2022.txt",
     "snapshot-sha256"),
    ("missing-civil-society-30y-2021.txt", delete(raw_path("civil-society-30y-2021.txt")),
     "civil-society-30y-2021.txt", "snapshot-missing"),
    ("missing-manifest", delete(raw_path("manifest.toml")), "manifest.toml", "file-missing"),
    ("manifest-syntax", edit_manifest(lambda t: t.replace("[[source]]", "[[source]", 1)), "manifest.toml",
     "toml-syntax"),
    ("manifest-entry-without-sha", edit_manifest(drop_sha_line), "manifest.toml", "manifest-fields"),
    ("manifest-duplicate-id", edit_manifest(duplicate_first_id), "manifest.toml", "manifest-ids"),
    *[(f"half-lines-repinned-{n}", keep_first_half_of_lines(n, repin=True), None, None) for n in SOURCES],
    *[(f"not-utf8-repinned-{n}", invalid_utf8(raw_path(n), repin=n), n, None)
      for n in ("adal-azamat-2025-4.txt", "volunteering-2023.txt")],
    *[(f"missing-{n}", delete(reference(n)), None if n.startswith("indicators/") else Path(n).name, None)
      for n in REFERENCE],
    *[(f"truncated-{n}", truncate_mid_line(reference(n)), None, None) for n in REFERENCE],
    *[(f"not-utf8-{n}", invalid_utf8(reference(n)), Path(n).name, None) for n in REFERENCE],
]


@pytest.fixture
def kept_db(built_db: Path, tmp_path: Path) -> Path:
    """A copy of a good database that a failed build must leave untouched."""
    target = tmp_path / "kept" / "civic.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built_db, target)
    return target


@pytest.mark.parametrize(("mutation", "named", "rule"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_fails_naming_file_and_rule_and_keeps_database(
        mutation: Mutation, named: str | None, rule: str | None,
        project_copy: Path, kept_db: Path) -> None:  # noqa: F811
    before = kept_db.read_bytes()
    mutation(project_copy)

    result = run_etl(kept_db, project_copy)

    message = result.stderr
    assert result.returncode != 0, f"the build accepted the damaged input:\n{result.stdout[-800:]}"
    assert "Traceback" not in message, f"crashed instead of naming file and rule:\n{message[-1500:]}"
    assert ERROR.search(message), f"no `file: [rule] message` line:\n{message[-800:]}"
    if named is not None:
        assert named in message, f"the message does not name {named}:\n{message[-800:]}"
    if rule is not None:
        assert f"[{rule}]" in message, f"expected rule {rule}:\n{message[-800:]}"
    assert kept_db.read_bytes() == before, "a failed build changed the previous database"
    assert [p.name for p in kept_db.parent.iterdir()] == [kept_db.name], "a failed build left files behind"


def reversed_manifest(text: str) -> str:
    """The same entries in reverse order (the comment header stays on top)."""
    header, *entries = text.split("[[source]]")
    return header + "".join(f"[[source]]{e.rstrip()}\n\n" for e in reversed(entries))


def test_manifest_order_does_not_change_the_data(built_db: Path, tmp_path: Path,
                                                 project_copy: Path) -> None:  # noqa: F811
    original = manifest_ids(project_copy)
    edit_manifest(reversed_manifest)(project_copy)
    assert manifest_ids(project_copy) == original[::-1]
    target = tmp_path / "reordered.duckdb"

    result = run_etl(target, project_copy)

    assert result.returncode == 0, result.stderr[-1500:]
    assert table_contents(target) == table_contents(built_db)
    assert source_hashes(target) == source_hashes(built_db)


def manifest_ids(root: Path) -> list[str]:
    text = raw(root, "manifest.toml").read_text(encoding="utf-8")
    return [entry["source_id"] for entry in tomllib.loads(text)["source"]]


def source_hashes(db: Path) -> set[str]:
    """The snapshot hashes the build records, as a set (their order follows the manifest)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        (value,) = con.execute("SELECT value FROM build_info WHERE key = 'sources_sha256'").fetchone()
    finally:
        con.close()
    return set(value.split(","))
