"""Hostile input: 10,000 generated cases per parser. Every case ends in a result or one
clear Dutch message (a RegeldrukError), never another exception or a hang."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regeldruk.config import parse_config
from regeldruk.errors import RegeldrukError
from regeldruk.forms import load_form
from regeldruk.sector import COLUMNS, read_package
from regeldruk.sectorkeys import OrganisationKey, read_registration
from regeldruk.sectorprofile import make_profile, read_profile
from regeldruk.timeparse import parse_date, parse_iso_week, parse_span, parse_time

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")

CASES = settings(
    max_examples=10_000, deadline=2000, suppress_health_check=list(HealthCheck), database=None
)
TZ = "Europe/Amsterdam"
NOW = date(2026, 10, 20)
TIMEISH = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"-?\d{0,3}[:.h]?\d{0,3}(m|u|min)?", fullmatch=True),
    st.from_regex(
        r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?", fullmatch=True
    ),
)


def ok_or_clear(call, *args):  # type: ignore[no-untyped-def]
    try:
        return call(*args)
    except RegeldrukError as err:
        message = str(err)
        assert message and "\n" not in message.strip() and "Traceback" not in message
        return None


@CASES
@given(TIMEISH, TIMEISH)
def test_time_parsing(first: str, second: str) -> None:
    ok_or_clear(parse_time, first, TZ, NOW)
    ok_or_clear(parse_span, first, second, TZ, NOW)


@CASES
@given(
    st.one_of(
        st.text(max_size=30),
        st.from_regex(r"\d{1,4}-?W?\d{0,3}", fullmatch=True),
        st.from_regex(r"\d{1,2}-\d{1,2}-\d{1,4}", fullmatch=True),
    )
)
def test_date_and_week_parsing(text: str) -> None:
    ok_or_clear(parse_date, text, TZ)
    ok_or_clear(parse_iso_week, text)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
CONFIG_KEYS = st.sampled_from(
    ["database", "timezone", "organisation", "worker", "team", "favourites", "taxonomy", "x"]
)


@CASES
@given(
    st.one_of(
        st.text(max_size=200),
        st.dictionaries(CONFIG_KEYS, VALUES, max_size=6).map(
            lambda d: "\n".join(f"{k} = {json.dumps(v)}" for k, v in d.items())
        ),
    )
)
def test_config_loading(text: str) -> None:
    ok_or_clear(parse_config, text, Path("config.toml"))


FORM_KEYS = st.sampled_from(
    [
        "schema",
        "id",
        "municipality",
        "title",
        "purpose",
        "frequency",
        "fields",
        "minutes",
        "example",
        "applies_to",
        "source",
        "extra",
    ]
)
FIELD = st.dictionaries(
    st.sampled_from(["id", "label", "type", "required", "format", "help", "x"]), VALUES, max_size=6
)
FORMS = st.fixed_dictionaries(
    {"schema": st.just("regeldruk/form@1"), "fields": st.lists(FIELD, max_size=4)},
    optional={
        "id": VALUES,
        "municipality": st.sampled_from(
            ["GM9001", "GM0344", "standaard", "regio:Utrecht stad", "GM12", 5]
        ),
        "title": VALUES,
        "purpose": VALUES,
        "frequency": VALUES,
        "example": VALUES,
        "minutes": VALUES,
    },
)


@CASES
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        FORMS.map(lambda d: yaml.safe_dump(d, allow_unicode=True).encode()),
        st.dictionaries(FORM_KEYS, VALUES, max_size=8).map(lambda d: yaml.safe_dump(d).encode()),
    )
)
def test_forms_loader(content: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=".yaml") as handle:
        handle.write(content)
        handle.flush()
        form, problems = load_form(Path(handle.name))
    assert (form is None) == bool(problems)
    for problem in problems:
        assert str(problem).startswith(handle.name) and problem.message


MEMBER_NAMES = st.sampled_from(
    ["manifest.json", "cells.csv", "signature.ed25519", "../evil", "/abs", "a/b.csv", "x"]
)
FUZZ_KEY = OrganisationKey(b"f" * 32)
FUZZ_ORG = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"
FUZZ_PROFILE = make_profile("month", "municipality", 10)
MANIFEST = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(["regeldruk/sector-export@2", "regeldruk/sector-export@1", "x"]),
        "export_id": st.sampled_from(["8c7e3b8e-0d1c-4c8e-9b76-2f3ad4f9b0aa", "nope", 1]),
        "organisation": st.sampled_from([FUZZ_ORG, FUZZ_ORG.upper(), None]),
        "period": st.one_of(
            VALUES,
            st.just({"label": "2026-10", "from": "2026-10-01", "to": "2026-10-31"}),
            st.fixed_dictionaries({"label": st.text(max_size=9), "from": VALUES, "to": VALUES}),
        ),
        "profile": st.one_of(VALUES, st.just({"period": "month", "area": "municipality", "k": 10})),
        "generated_at": st.one_of(VALUES, st.just("2026-11-02T10:00:00+01:00")),
        "k": st.one_of(VALUES, st.just(10), st.just(10**30)),
        "taxonomy": st.one_of(VALUES, st.just("2026.1")),
        "rows": st.one_of(VALUES, st.integers(-2, 6)),
        "software": st.one_of(VALUES, st.just({"name": "regeldruk", "version": "0"})),
        "noise": st.one_of(VALUES, st.just({"method": "cell-key", "p": 0.25})),
        "corrections": st.one_of(VALUES, st.lists(st.sampled_from(["2026-09", "2026-W01", 3]))),
    },
)
CSV = st.lists(
    st.lists(
        st.sampled_from(
            [
                "2026-10",
                "2026-W41",
                "GM0344",
                "NL",
                "client-face",
                "client",
                "=HYPERLINK(1)",
                "12",
                "3.50",
                "-1",
                "nan",
                "1e308",
                "regio:Utrecht stad",
                "",
            ]
        ),
        max_size=7,
    ),
    max_size=5,
).map(lambda rows: "\n".join(",".join(r) for r in [list(COLUMNS), *rows]).encode())


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def signed_package(parts: tuple[dict, bytes, bool]) -> bytes:
    """A package with a valid signature by the trusted fuzz key (and, when asked, the
    right checksum), so that the manifest and cell checks behind it are reached."""
    manifest, cells, right_sum = parts
    manifest = {**manifest, "sha256": hashlib.sha256(cells).hexdigest() if right_sum else "0"}
    raw = json.dumps(manifest).encode()
    signature = base64.b64encode(FUZZ_KEY.sign(raw))
    return zip_bytes(
        [("manifest.json", raw), ("cells.csv", cells), ("signature.ed25519", signature)]
    )


PACKAGES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.tuples(MEMBER_NAMES, st.binary(max_size=100)), max_size=4).map(zip_bytes),
    st.tuples(MANIFEST, CSV, st.booleans()).map(signed_package),
    st.tuples(MANIFEST, CSV, st.binary(max_size=90)).map(
        lambda mcs: zip_bytes(
            [
                ("manifest.json", json.dumps(mcs[0]).encode()),
                ("cells.csv", mcs[1]),
                ("signature.ed25519", mcs[2]),
            ]
        )
    ),  # fmt: skip
    st.tuples(st.binary(max_size=400), st.integers(0, 399)).map(lambda bi: bi[0][: bi[1]]),
)


@CASES
@given(PACKAGES)
def test_sector_package_reader(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "pakket.zip"
        path.write_bytes(content)
        keys = {FUZZ_ORG: FUZZ_KEY.public_bytes}
        now = datetime(2026, 11, 20, tzinfo=UTC)
        ok_or_clear(read_package, path, FUZZ_PROFILE, keys, True, now)
        ok_or_clear(read_package, path, FUZZ_PROFILE, keys, False, now)


SMALL_JSON = st.one_of(
    st.binary(max_size=200),
    st.dictionaries(st.sampled_from(["schema", "period", "area", "k", "organisation",
                                     "public_key", "signature", "created_at"]),
                    st.one_of(VALUES, st.sampled_from(["regeldruk/sector-profile@1",
                                                       "regeldruk/sector-registration@1",
                                                       "month", "region", 10, 10**30]))
                    ).map(lambda d: json.dumps(d).encode()),
)  # fmt: skip


@CASES
@given(SMALL_JSON)
def test_sector_profile_and_registration_readers(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bestand.json"
        path.write_bytes(content)
        ok_or_clear(read_profile, path)
        ok_or_clear(read_registration, path)
