"""The grounds table: one test per rule, each with the cases where it must NOT apply.

The domain rules come from Jeugdwet art. 2.15 (../shared/reference/jeugdwet-artikel-2.15.md):
lid 2 only covers the subjects of lid 1 under a (financing and the administrative
processes of payment; Regeling Jeugdwet §6c), and under the taakgericht variant the
start/stop messages may be left out.
"""

from __future__ import annotations

from dataclasses import replace

from regeldruk.forms import Frequency
from regeldruk.proposals.rules import (
    AVG_5_1_C,
    IJW_CHANGE,
    JEUGDWET_2_15,
    RULES,
    SER_8,
    Facts,
    allowed,
    check,
    payment_step,
)
from tests.proposals.helpers import field, form

BSN = frozenset({"JW301", "JW305", "JW307", "JW315", "JW317", "JW323"})


def test_the_table_has_exactly_these_four_rules() -> None:
    assert [rule.ground for rule in RULES] == [JEUGDWET_2_15, AVG_5_1_C, SER_8, IJW_CHANGE]


def test_jeugdwet_2_15_only_within_the_payment_process() -> None:
    start_notice = Facts("start", "inspanningsgericht", BSN)
    declaration = Facts("declaratie", "outputgericht", BSN)
    request_copy = Facts("aanvraag", "inspanningsgericht", frozenset({"JW315"}))
    extension_copy = Facts("verlenging", "inspanningsgericht", frozenset({"JW317"}))
    for facts in (start_notice, declaration, request_copy, extension_copy):
        assert JEUGDWET_2_15 in allowed(facts), facts
    # Not a ground against a BSN on an evaluation or a progress report (accountability).
    assert JEUGDWET_2_15 not in allowed(Facts(None, "inspanningsgericht", BSN))
    # Not on a request form for data the request message does not carry.
    assert JEUGDWET_2_15 not in allowed(Facts("aanvraag", "inspanningsgericht", frozenset()))
    assert JEUGDWET_2_15 not in allowed(
        Facts("aanvraag", "inspanningsgericht", frozenset({"JW323"}))
    )


def test_under_taakgericht_start_and_stop_messages_need_not_exist() -> None:
    assert JEUGDWET_2_15 in allowed(Facts("start", "inspanningsgericht", BSN))
    assert JEUGDWET_2_15 not in allowed(Facts("start", "taakgericht", BSN))
    assert JEUGDWET_2_15 not in allowed(Facts("stop", "taakgericht", BSN))
    # The allocation request exists under every variant.
    assert JEUGDWET_2_15 in allowed(Facts("aanvraag", "taakgericht", frozenset({"JW315"})))


def test_hours_are_an_extra_requirement_only_under_output_financing() -> None:
    hours = Facts("declaratie", "outputgericht", frozenset(), hours=True)
    assert JEUGDWET_2_15 in allowed(hours)
    assert JEUGDWET_2_15 not in allowed(replace(hours, variant="inspanningsgericht"))
    assert JEUGDWET_2_15 not in allowed(replace(hours, step=None))  # on a progress report


def test_avg_data_minimisation_for_personal_data_asked_locally() -> None:
    local = Facts(None, "inspanningsgericht", frozenset(), personal=True, share_asking=0.1)
    assert AVG_5_1_C in allowed(local)
    assert AVG_5_1_C not in allowed(replace(local, personal=False))
    assert AVG_5_1_C not in allowed(replace(local, share_asking=0.6))  # most ask it
    assert AVG_5_1_C not in allowed(replace(local, copies=frozenset({"JW315"})))  # in iJw


def test_ser_recommendation_8_applies_to_every_requirement() -> None:
    for facts in (
        Facts(None, "taakgericht", frozenset()),
        Facts("start", "inspanningsgericht", BSN, personal=True),
    ):
        assert SER_8 in allowed(facts)
    # ... and is the only ground for a BSN on an evaluation form.
    assert allowed(Facts(None, "inspanningsgericht", BSN, personal=True)) == (SER_8,)


def test_ijw_change_request_for_static_payment_data_the_ijw_lacks() -> None:
    missing = Facts(
        "aanvraag",
        "inspanningsgericht",
        frozenset(),
        administrative=True,
        static=True,
        share_asking=0.7,
    )
    assert IJW_CHANGE in allowed(missing)
    assert IJW_CHANGE not in allowed(replace(missing, copies=frozenset({"JW315"})))
    assert IJW_CHANGE not in allowed(replace(missing, step=None))
    assert IJW_CHANGE not in allowed(replace(missing, administrative=False))  # a narrative
    assert IJW_CHANGE not in allowed(replace(missing, static=False))  # a measurement
    assert IJW_CHANGE not in allowed(replace(missing, share_asking=0.2))  # a local wish


def test_check_names_the_grounds_that_do_not_apply() -> None:
    evaluation = Facts(None, "inspanningsgericht", BSN)
    assert check((JEUGDWET_2_15, SER_8), evaluation) == ["jeugdwet-2.15"]
    assert check((SER_8,), evaluation) == []


def test_payment_steps_of_forms() -> None:
    def step(purpose: str, frequency: Frequency) -> str | None:
        found = payment_step(form("x", "GM9001", [field("a", "A")], purpose, frequency))
        return found.key if found else None

    assert step("toewijzing", Frequency("client", at="start")) == "aanvraag"
    assert step("verlenging", Frequency("client", at="change")) == "verlenging"
    assert step("melding", Frequency("client", at="start")) == "start"
    assert step("melding", Frequency("client", at="end")) == "stop"
    assert step("declaratie", Frequency("provider", every="1 month")) == "declaratie"
    assert step("melding", Frequency("client", every="3 months")) is None
    assert step("evaluatie", Frequency("client", at="end")) is None
    assert step("verantwoording", Frequency("client", every="3 months")) is None
