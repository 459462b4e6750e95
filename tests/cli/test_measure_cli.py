"""`regeldruk meetweek`, `peiling`, `delen`, and the v2 keys of `categories --json` and
`report --json`, as a user types them (issue #18)."""

from __future__ import annotations

import json
import random

import pytest

from regeldruk.measurement import Week, quarters, ratio_interval, sample_weeks
from tests.conftest import CliRunnerHelper


@pytest.fixture
def lead(cli: CliRunnerHelper, db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunnerHelper:
    monkeypatch.setenv("REGELDRUK_DATABASE_URL", db_url)
    monkeypatch.setenv("REGELDRUK_NOW", "2026-10-23T16:00+02:00")  # Friday of 2026-W43
    result = cli("init", "--worker", "Lotte", "--team", "Team Noord", "--role", "teamleider")
    assert result.exit_code == 0, result.output
    return cli


def test_meetweek_plan_list_remove(lead: CliRunnerHelper) -> None:
    planned = lead("meetweek", "plan", "--year", "2027", "--seed", "7")
    assert planned.exit_code == 0, planned.output
    weeks = [line.split()[1] for line in planned.output.splitlines()]
    assert len(weeks) == 8
    for quarter in quarters(2027):  # two per quarter
        assert sum(int(w[-2:]) in quarter for w in weeks) == 2
    again = lead("meetweek", "plan", "--year", "2027", "--seed", "8")
    assert "Niets nieuws" in again.output  # every quarter already has its two
    assert lead("meetweek", "plan", "--week", "2026-W43").exit_code == 0
    listed = lead("meetweek", "list", "--team", "Team Noord")
    assert listed.output.count("Team Noord") == 9 and "2026-W43" in listed.output
    gone = lead("meetweek", "remove", "--week", weeks[0])
    assert gone.exit_code == 0 and weeks[0] not in lead("meetweek", "list").output
    missing = lead("meetweek", "remove", "--week", "2026-W01")
    assert missing.exit_code == 1 and missing.output.startswith("Fout:")


def test_a_worker_cannot_plan(
    cli: CliRunnerHelper, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGELDRUK_DATABASE_URL", db_url)
    assert cli("init", "--worker", "Sem", "--team", "Team Noord").exit_code == 0
    refused = cli("meetweek", "plan", "--week", "2026-W43")
    assert refused.exit_code == 1 and "Alleen de teamleider" in refused.output
    assert cli("meetweek", "list").output.strip() == "Geen meetweken gepland."


def test_peiling_and_the_report_that_rests_on_the_week(lead: CliRunnerHelper) -> None:
    none_open = lead("peiling", "--overbodig", "3", "--verandering", "3")
    assert none_open.exit_code == 1 and "geen peiling open" in none_open.output
    assert lead("meetweek", "plan", "--week", "2026-W43").exit_code == 0
    assert lead("log", "add", "client-face", "--from", "9:00", "--to", "10:00", "--date",
                "2026-10-20").exit_code == 0  # fmt: skip
    assert lead("log", "add", "dossier", "--from", "10:00", "--to", "10:30", "--date",
                "2026-10-20").exit_code == 0  # fmt: skip
    assert lead("log", "add", "verlenging", "--from", "10:30", "--to", "11:00", "--date",
                "2026-10-20").exit_code == 0  # fmt: skip
    bsn = lead("peiling", "--overbodig", "4", "--regel", "verl", "--verandering", "5",
               "--toelichting", "BSN 111222333 steeds opnieuw")  # fmt: skip
    assert bsn.exit_code == 1 and "BSN" in bsn.output
    saved = lead("peiling", "--overbodig", "4", "--regel", "verl", "--verandering", "5")
    assert saved.exit_code == 0 and "2026-W43" in saved.output and "verlenging" in saved.output
    wrong = lead("peiling", "--week", "2026-W43", "--overbodig", "4", "--regel", "dossier",
                 "--verandering", "5")  # fmt: skip
    assert wrong.exit_code == 1  # care documentation is not a rule to point at
    report = json.loads(lead("report", "--week", "2026-W43", "--json").output)
    assert report["accountability_share"] == pytest.approx(30 / 120)
    assert report["administration_share"] == pytest.approx(60 / 120)
    assert report["administration_minutes"] == 60
    assert report["for_whom_hours"] == {"zorg": 1.5, "gemeente": 0.5}
    assert report["measurement"]["weeks"] == ["2026-W43"]
    assert report["survey"]["respondents"] == 1 and report["survey"]["unnecessary"]["4"] == 1
    for key in ("from", "to", "hours", "total_hours", "paperwork_ratio"):  # SPEC §1 stays
        assert key in report
    table = lead("report", "--week", "2026-W43").output
    assert "Aandeel administratie (CBS-definitie): 50,0%" in table
    assert "Gemeten weken: 2026-W43" in table


def test_delen_needs_a_known_state(lead: CliRunnerHelper) -> None:
    assert lead("delen").output.startswith("U deelt uw eigen cijfers niet")
    assert lead("delen", "teamleider", "misschien").exit_code == 2
    assert lead("delen", "iedereen", "aan").exit_code == 2


def test_categories_json_has_the_v2_keys(cli: CliRunnerHelper) -> None:
    payload = json.loads(cli("categories", "--json").output)
    by_key = {c["key"]: c for c in payload}
    assert {"key", "label", "kind", "for_whom", "administration"} <= set(by_key["dossier"])
    assert by_key["dossier"]["administration"] and by_key["dossier"]["kind"] == "indirect"
    assert by_key["meetregistratie"]["kind"] == "other"
    assert by_key["rechter-rvdk"]["for_whom"] == "rechter"


def test_sampling_draws_within_each_quarter_and_keeps_planned_weeks() -> None:
    rng = random.Random(1)
    chosen = sample_weeks(2026, 2, {5}, rng)
    assert len(chosen) == 7  # the first quarter had one already
    assert all(w.iso_year == 2026 for w in chosen) and Week(2026, 5) not in chosen
    assert len(quarters(2026)[3]) == 14  # 2026 has 53 ISO weeks


def test_the_interval_matches_a_hand_computation() -> None:
    # Weeks: (admin, total) = (300, 1000), (420, 1200), (250, 1000), (380, 1100).
    # R = 1350 / 4300 = 0.313953; residuals d = a - R t: -13.953, 43.256, -63.953, 34.651;
    # Σd² = 7356.52; s² = 2452.17;
    # var(R) = (1 - 4/52) * 2452.15 / 4 / 1075² = 0.00048966; se = 0.022128;
    # t(3) = 3.182: half-width 0.070412.
    interval = ratio_interval([300, 420, 250, 380], [1000, 1200, 1000, 1100])
    assert interval is not None
    assert interval.value == pytest.approx(0.313953, abs=1e-6)
    assert interval.low == pytest.approx(0.313953 - 0.070412, abs=1e-5)
    assert interval.high == pytest.approx(0.313953 + 0.070412, abs=1e-5)
    single = ratio_interval([300], [1000])
    assert single is not None and single.low is None
