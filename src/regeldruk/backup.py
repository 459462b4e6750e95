"""Consistent copies of an SQLite database while it is in use (SQLite's online backup API)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from regeldruk.errors import DatabaseError


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        raise DatabaseError(
            "Een reservekopie met 'regeldruk db backup' kan alleen van een SQLite-bestand; "
            "gebruik voor PostgreSQL pg_dump."
        )
    return Path(parsed.database).expanduser()


def _copy(source: Path, target: Path) -> int:
    """Copy page by page while others keep writing; returns the number of entries."""
    with sqlite3.connect(source, timeout=15) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=256)
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise DatabaseError(f"De kopie {target} is niet in orde ({check}).")
        return int(dst.execute("SELECT count(*) FROM time_entry").fetchone()[0])


def backup(url: str, target: Path) -> int:
    source = sqlite_path(url)
    if not source.exists():
        raise DatabaseError(f"De database {source} bestaat niet.")
    if target.exists():
        raise DatabaseError(f"{target} bestaat al; kies een nieuwe naam.")
    partial = target.with_name(target.name + ".deel")
    partial.unlink(missing_ok=True)
    try:
        count = _copy(source, partial)
    except sqlite3.DatabaseError as err:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Reservekopie mislukt: {err}.") from None
    partial.replace(target)
    return count


def restore(url: str, source: Path) -> int:
    """Put a backup back in place of the database (the old one is kept as *.voor-herstel)."""
    target = sqlite_path(url)
    if not source.exists():
        raise DatabaseError(f"De reservekopie {source} bestaat niet.")
    try:
        with sqlite3.connect(source) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DatabaseError(f"De reservekopie {source} is beschadigd.")
            check.execute("SELECT count(*) FROM time_entry").fetchone()
    except sqlite3.DatabaseError:
        raise DatabaseError(f"{source} is geen regeldruk-reservekopie.") from None
    if target.exists():
        keep = target.with_name(target.name + ".voor-herstel")
        _copy_plain(target, keep)
    return _copy(source, target)


def _copy_plain(source: Path, target: Path) -> None:
    with sqlite3.connect(source, timeout=15) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
