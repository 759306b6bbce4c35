"""The static downloads are swapped in whole while the server serves them (issue 12, finding 7).

The export command used to delete the old folder and then rename the new one into place; a
download in between got a 404. Here the real server serves `static/exports/` while the real
export command rewrites it several times, and a client keeps downloading throughout.
"""
from __future__ import annotations

import threading
from pathlib import Path

import requests

from etl.exports import write_static_exports
from harness.server import Server
from publish.exports import STATIC_DIR

REWRITES = 8
FILE = "qogam-sources.csv"


def test_downloads_never_miss_while_the_exports_are_rewritten(served: Server, built_db: Path) -> None:
    write_static_exports(built_db, STATIC_DIR)
    url = f"{served.url}app/static/exports/{FILE}"
    assert requests.get(url, timeout=10).status_code == 200

    def rewrite() -> None:
        for _ in range(REWRITES):
            write_static_exports(built_db, STATIC_DIR)

    missing_on_disk = []

    def watch() -> None:
        """What the server's static handler would find, checked far more often than HTTP can."""
        while writer.is_alive():
            if not (STATIC_DIR / FILE).is_file():
                missing_on_disk.append(1)

    writer = threading.Thread(target=rewrite)
    watcher = threading.Thread(target=watch)
    writer.start()
    watcher.start()
    statuses: dict[int, int] = {}
    with requests.Session() as http:
        while writer.is_alive():
            status = http.get(url, timeout=10).status_code
            statuses[status] = statuses.get(status, 0) + 1
    writer.join()
    watcher.join()
    assert set(statuses) == {200}, statuses
    assert not missing_on_disk, f"the file was missing {len(missing_on_disk)} times during the rewrites"
    assert sorted(p.name for p in STATIC_DIR.parent.iterdir() if p.name.startswith(".exports")) == []
