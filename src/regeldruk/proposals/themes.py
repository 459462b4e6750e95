"""The themes: a handful of proposals, each to whoever can change the rule it is about.

A theme finds what it is about on every form of the catalogue (an action per form), and
groups those actions per addressee (the owner of the rule: form@1 ``owner``) into
proposals. Themes run in their combination order; a field an earlier theme removes is not
counted again by a later one (combine.py does the arithmetic, this module keeps the
evidence truthful).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from regeldruk.analysis import MESSAGE_NAMES, Analysis, Flag
from regeldruk.forms import Form, FormField
from regeldruk.matching import Concept
from regeldruk.proposals.burden import FormBurden
from regeldruk.proposals.estimate import Estimate
from regeldruk.proposals.fields import FieldKind, in_every_message, kind_of
from regeldruk.proposals.model import Action, Addressee, Proposal, Theme, addressee_of, national
from regeldruk.proposals.places import Places
from regeldruk.proposals.rules import (
    ADMINISTRATIVE_TYPES,
    ALL_MESSAGES,
    AVG_5_1_C,
    IJW_CHANGE,
    JEUGDWET_2_15,
    LOCAL_SHARE,
    SER_8,
    Facts,
    Ground,
    Step,
    allowed,
    payment_step,
)

# Stated assumptions behind gains that no catalogue can show (in the report with the gain).
EXTENSIONS_AVOIDED = Estimate(0.5, 0.25, 0.75)  # longer allocations: share of extensions gone
UNIFORM_SAVING = Estimate(0.10, 0.05, 0.20)  # one definition: share of a field's time saved
REPORTS_PER_YEAR = 2.0  # "at most twice a year"

PAYMENT = Theme(
    "betaalproces",
    "BET",
    "Geen aparte meldingen, declaratiebijlagen en kopieën van iJw-berichten in het betaalproces",
    1,
    "Betaalproces alleen via iJw",
)
HOURS = Theme(
    "uren-output", "UUR", "Geen uren vragen bij outputfinanciering", 2, "Geen uren bij output"
)
PERSONAL = Theme(
    "persoonsgegevens",
    "AVG",
    "Geen lokaal gevraagde persoonsgegevens",
    3,
    "Lokale persoonsgegevens",
)
ONCE = Theme(
    "eenmalig",
    "EEN",
    "Vaste gegevens één keer: vooraf invullen of weglaten",
    4,
    "Vaste gegevens één keer",
)
EXTENSIONS = Theme(
    "verlenging",
    "VRL",
    "Langere toewijzingen in plaats van verlengingsaanvragen",
    5,
    "Langere toewijzingen",
)
REPORTS = Theme(
    "voortgang",
    "VGR",
    "Eén regionale voortgangsrapportage, hoogstens twee keer per jaar",
    6,
    "Eén regionale rapportage",
)
UNIFORM = Theme(
    "uniform",
    "UNI",
    "Eén landelijke definitie voor gegevens die gemeenten verschillend vragen",
    7,
    "Eén landelijke definitie",
)
IJW = Theme(
    "ijw-wijziging",
    "IJW",
    "Wijzigingsverzoek iJw: wat gemeenten er in het betaalproces naast vragen",
    8,
    "Wijzigingsverzoek iJw",
    counted=False,
    not_counted=(
        "telt niet mee: de winst komt pas als gemeenten daarna hun eigen velden schrappen"
    ),
)
THEMES = (PAYMENT, HOURS, PERSONAL, ONCE, EXTENSIONS, REPORTS, UNIFORM, IJW)
# When in a client's care a form is asked: the request first, then the other forms at the
# start (after the allocation), changes, periodic forms, the end.
MOMENT = {"start": 1, "change": 2, "end": 4}
REQUEST, PERIODIC = 0, 3
# When the municipality has a message's data, on the same scale: a message can only fill in
# a form at the same moment or later (the allocation cannot prefill the request, the
# declaration not the start notice).
MESSAGE_MOMENT = {"JW315": 0, "JW301": 1, "JW305": 1, "JW317": 2, "JW319": 2, "JW323": 3}


@dataclass
class Context:
    """Everything a theme needs to know about the catalogue, computed once."""

    analysis: Analysis
    burdens: dict[str, FormBurden]
    places: Places
    concept_of: dict[tuple[str, str], Concept] = field(default_factory=dict)
    share: dict[str, float] = field(default_factory=dict)  # concept id -> share asking
    removed: set[tuple[str, str]] = field(default_factory=set)  # (form, field) gone

    def __post_init__(self) -> None:
        askers = {form.municipality for form in self.forms}
        for concept in self.analysis.concepts:
            asking = set()
            for form, item in concept.members:
                self.concept_of[(form.id, item.id)] = concept
                if not form.is_standard:
                    asking.add(form.municipality)
            self.share[concept.id] = len(asking) / len(askers) if askers else 0.0

    @property
    def forms(self) -> list[Form]:
        """The municipal forms that have a burden, in catalogue order."""
        return [b.form for b in self.burdens.values()]

    def concept(self, form: Form, item: FormField) -> Concept | None:
        return self.concept_of.get((form.id, item.id))

    def messages(self, form: Form, item: FormField) -> frozenset[str]:
        """The iJw messages that carry this field's data, whatever the variant."""
        if in_every_message(item):
            return ALL_MESSAGES
        concept = self.concept(form, item)
        return frozenset(concept.standard) if concept else frozenset()

    def variant(self, form: Form) -> str:
        return self.places[form.municipality].variant

    def facts(self, form: Form, item: FormField) -> Facts:
        step = payment_step(form)
        concept = self.concept(form, item)
        kind = kind_of(item)
        return Facts(
            step=step.key if step else None,
            variant=self.variant(form),
            copies=self.messages(form, item),
            personal=kind.personal,
            hours=kind.hours,
            administrative=item.type in ADMINISTRATIVE_TYPES,
            static=kind.changes == "static",
            share_asking=self.share.get(concept.id, 0.0) if concept else 0.0,
        )

    def form_facts(self, form: Form) -> Facts:
        step = payment_step(form)
        copies: frozenset[str] = frozenset()
        for item in form.fields:
            copies |= self.messages(form, item)
        return Facts(step.key if step else None, self.variant(form), copies)

    def remaining(self, form: Form) -> list[FormField]:
        return [item for item in form.fields if (form.id, item.id) not in self.removed]

    def name(self, code: str) -> str:
        return self.places.name(code)


Candidate = tuple[Addressee, Action]


def build(context: Context) -> list[Proposal]:
    """Every theme's proposals, in combination order."""
    builders: list[tuple[Theme, Callable[[Context], list[Candidate]], Texts]] = [
        (PAYMENT, _payment, _payment_texts),
        (HOURS, _hours, _hours_texts),
        (PERSONAL, _personal, _personal_texts),
        (ONCE, _once, _once_texts),
        (EXTENSIONS, _extensions, _extension_texts),
        (REPORTS, _reports, _report_texts),
        (UNIFORM, _uniform, _uniform_texts),
        (IJW, _ijw, _ijw_texts),
    ]
    proposals: list[Proposal] = []
    for theme, find, texts in builders:
        candidates = find(context)
        for action in (a for _, a in candidates):
            if action.kind == "remove" and theme.counted:
                context.removed |= {(action.form, f) for f in action.fields}
        proposals += _group(theme, candidates, context, texts)
    return proposals


Texts = Callable[[Context, Addressee, list[Action]], tuple[str, str]]


def _group(
    theme: Theme, candidates: list[Candidate], context: Context, texts: Texts
) -> list[Proposal]:
    by_addressee: dict[Addressee, list[Action]] = defaultdict(list)
    for addressee, action in candidates:
        by_addressee[addressee].append(action)
    proposals = []
    forms = context.analysis.catalogue.by_id()
    for addressee, actions in sorted(by_addressee.items()):
        merged = _merge(actions)
        codes = sorted({forms[a.form].municipality for a in merged}, key=context.name)
        problem, proposal = texts(context, addressee, merged)
        proposals.append(Proposal(theme, addressee, merged, codes, problem, proposal))
    return proposals


def _merge(actions: list[Action]) -> list[Action]:
    """One action per form and kind: the fields of a form's removals together."""
    merged: dict[tuple[str, str], Action] = {}
    for action in actions:
        key = (action.form, action.kind)
        if key in merged and action.kind in ("remove", "none", "partial"):
            old = merged[key]
            fields = old.fields + tuple(f for f in action.fields if f not in old.fields)
            grounds = old.grounds + tuple(g for g in action.grounds if g not in old.grounds)
            note = old.note if action.note in old.note else f"{old.note}; {action.note}"
            merged[key] = Action(
                old.form, old.kind, fields, old.saving, grounds, old.facts + action.facts, note
            )
        else:
            merged[key] = action
    return sorted(merged.values(), key=lambda a: (a.form, a.kind))


def _field_action(
    context: Context,
    form: Form,
    items: list[FormField],
    kind: str,
    saving: Estimate,
    grounds: tuple[Ground, ...],
    note: str,
) -> Action:
    return Action(
        form.id,
        kind,
        tuple(item.id for item in items),
        saving,
        grounds,
        tuple(context.facts(form, item) for item in items),
        note,
    )


def _labels(items: Iterable[FormField], limit: int = 20) -> str:
    labels = [f"'{item.label}'" for item in items]
    shown = ", ".join(labels[:limit])
    return shown + (f" en {len(labels) - limit} meer" if len(labels) > limit else "")


def _messages(codes: Iterable[str]) -> str:
    return ", ".join(f"{code} ({MESSAGE_NAMES.get(code, code)})" for code in sorted(codes))


def _names(context: Context, codes: Iterable[str]) -> str:
    names = sorted({context.name(code) for code in codes})
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def _step_messages(context: Context, form: Form, step: Step) -> frozenset[str]:
    return step.messages & context.form_facts(form).existing


# --- 1. the payment process (Jeugdwet 2.15 lid 2) ---------------------------------------


def _payment(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for form in context.forms:
        step = payment_step(form)
        if step is None or not _step_messages(context, form, step):
            continue
        messages = _step_messages(context, form, step)
        copied = [item for item in form.fields if context.messages(form, item) & messages]
        if not copied:
            continue
        addressee = addressee_of(form, None, context.places)
        if step.whole_form:
            note = (
                f"de aparte {step.form_name} vervalt: {_messages(messages)} doet dit al "
                f"({len(copied)} van de {len(form.fields)} velden staan al in het bericht)"
            )
            action = Action(
                form.id,
                "remove",
                tuple(item.id for item in form.fields),
                Estimate.exact(1.0),
                (JEUGDWET_2_15, SER_8),
                (context.form_facts(form),),
                note,
            )
        else:
            note = f"{len(copied)} velden die {_messages(messages)} al bevat: {_labels(copied)}"
            action = _field_action(
                context, form, copied, "remove", Estimate.exact(1.0), (JEUGDWET_2_15, SER_8), note
            )
        found.append((addressee, action))
    return found


def _payment_texts(
    context: Context, addressee: Addressee, actions: list[Action]
) -> tuple[str, str]:
    forms = context.analysis.catalogue.by_id()
    whole = [
        forms[a.form]
        for a in actions
        if a.kind == "remove" and len(a.fields) == len(forms[a.form].fields)
    ]
    copies = [forms[a.form] for a in actions if forms[a.form] not in whole]
    variants = sorted({context.variant(forms[a.form]) for a in actions})
    problem = (
        f"{addressee.name} vraagt in het betaalproces op {len(actions)} formulier(en) wat het "
        f"iJw-berichtenverkeer van de uitvoeringsvariant ({', '.join(variants)}) al regelt."
    )
    steps = []
    if whole:
        names = sorted({step.form_name for f in whole if (step := payment_step(f))})
        steps.append(f"Schaf de aparte {' en '.join(names)} af: het bericht doet dit al")
    if copies:
        labels = sorted({step.label for f in copies if (step := payment_step(f))})
        steps.append(
            f"haal de gegevens bij de {' en '.join(labels)} uit JW315/JW317 in plaats van ze "
            "opnieuw te laten invullen"
        )
    proposal = "; ".join(steps) + "."
    proposal = proposal[0].upper() + proposal[1:]
    if "taakgericht" in variants:
        proposal += (
            " Onder de taakgerichte variant hoeven JW305/JW307 niet te bestaan; een aparte "
            "start- of stopmelding valt daar niet onder art. 2.15 lid 2."
        )
    return problem, proposal


# --- 2. hours under output financing -----------------------------------------------------


def _hours(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for form in context.forms:
        if context.variant(form) != "outputgericht":
            continue
        for item in context.remaining(form):
            if not kind_of(item).hours:
                continue
            facts = context.facts(form, item)
            grounds = (JEUGDWET_2_15, SER_8) if facts.in_payment_process else (SER_8,)
            note = f"'{item.label}'" + (
                " (in het betaalproces)" if facts.in_payment_process else ""
            )
            action = _field_action(
                context, form, [item], "remove", Estimate.exact(1.0), grounds, note
            )
            found.append((addressee_of(form, item, context.places), action))
    return found


def _hours_texts(context: Context, addressee: Addressee, actions: list[Action]) -> tuple[str, str]:
    forms = context.analysis.catalogue.by_id()
    codes = {forms[a.form].municipality for a in actions}
    fields = sum(len(a.fields) for a in actions)
    problem = (
        f"{_names(context, codes)} financiert outputgericht (per product of traject), maar "
        f"{addressee.name} vraagt op {len(actions)} formulier(en) {fields} keer naar uren."
    )
    proposal = (
        "Laat de vragen naar geplande en geleverde uren vervallen: bij outputfinanciering "
        "betaalt de gemeente het resultaat, niet de inzet."
    )
    return problem, proposal


# --- 3. personal data asked locally (AVG) ------------------------------------------------


def _personal(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for form in context.forms:
        for item in context.remaining(form):
            facts = context.facts(form, item)
            if not (facts.personal and not facts.copies and facts.share_asking < LOCAL_SHARE):
                continue
            total = len({f.municipality for f in context.forms})
            asking = round(facts.share_asking * total)
            note = f"'{item.label}' (gevraagd door {asking} van de {total} gemeenten)"
            action = _field_action(
                context, form, [item], "remove", Estimate.exact(1.0), (AVG_5_1_C, SER_8), note
            )
            found.append((addressee_of(form, item, context.places), action))
    return found


def _personal_texts(
    context: Context, addressee: Addressee, actions: list[Action]
) -> tuple[str, str]:
    total = len({f.municipality for f in context.forms})
    fields = sum(len(a.fields) for a in actions)
    problem = (
        f"{addressee.name} vraagt {fields} persoonsgegeven(s) van jeugdige of gezin die geen "
        f"iJw-bericht draagt en die de meeste van de {total} gemeenten niet vragen."
    )
    proposal = (
        "Schrap deze velden, of leg vast waarvoor elk gegeven noodzakelijk is (doelbinding, "
        "minimale gegevensverwerking) en hoe lang het bewaard wordt."
    )
    return problem, proposal


# --- 4. static facts asked again ---------------------------------------------------------


def _moment(form: Form) -> tuple[int, str]:
    if form.purpose == "toewijzing":
        return REQUEST, form.id
    return MOMENT.get(form.frequency.at or "", PERIODIC), form.id


def _once(context: Context) -> list[Candidate]:
    """Static facts asked again by one municipality; a measurement at a moment (progress,
    delivered hours, a signature date) asked again is not a duplicate, unless it is asked
    twice on one form or on two forms of the same moment."""
    asked: dict[tuple[str, str], list[tuple[Form, FormField, FieldKind]]] = defaultdict(list)
    for form in context.forms:
        for item in form.fields:
            concept = context.concept(form, item)
            if concept is not None:
                asked[(form.municipality, concept.id)].append((form, item, kind_of(item)))
    found: list[Candidate] = []
    for _, members in sorted(asked.items()):
        members.sort(key=lambda m: (_moment(m[0]), m[1].id))
        static = all(kind.changes == "static" for _, _, kind in members)
        for form, item, note in _repeats(context, members, static):
            if (form.id, item.id) in context.removed:
                continue
            action = _field_action(
                context, form, [item], "remove", Estimate.exact(1.0), (SER_8,), note
            )
            found.append((addressee_of(form, item, context.places), action))
    return found


def _repeats(
    context: Context,
    members: list[tuple[Form, FormField, FieldKind]],
    static: bool,
) -> list[tuple[Form, FormField, str]]:
    repeats = []
    if static:
        first: Form | None = None
        for form, item, _ in members:
            known = _known_before(context, form, item)
            if known:
                repeats.append((form, item, f"'{item.label}' (al bekend uit {_messages(known)})"))
            elif first is None:
                first = form
            else:
                repeats.append((form, item, f"'{item.label}' (al gevraagd op '{first.title}')"))
        return repeats
    seen: dict[tuple[int, str], Form] = {}
    for form, item, _ in members:
        moment = _moment(form)[0]
        same = form.id if moment == PERIODIC else str(moment)  # periodic: only on one form
        if (moment, same) in seen:
            where = seen[(moment, same)].title
            repeats.append((form, item, f"'{item.label}' (nog eens op hetzelfde moment: {where})"))
        else:
            seen[(moment, same)] = form
    return repeats


def _known_before(context: Context, form: Form, item: FormField) -> frozenset[str]:
    """The existing messages that gave the municipality this field's data before the form."""
    moment = _moment(form)[0]
    existing = context.form_facts(form).existing
    return frozenset(
        code
        for code in context.messages(form, item) & existing
        if MESSAGE_MOMENT.get(code, MOMENT["end"]) <= moment
    )


def _once_texts(context: Context, addressee: Addressee, actions: list[Action]) -> tuple[str, str]:
    fields = sum(len(a.fields) for a in actions)
    problem = (
        f"{addressee.name} laat op {len(actions)} formulier(en) {fields} keer een vast gegeven "
        "opnieuw invullen dat al bekend is: uit een iJw-bericht of van een eerder formulier."
    )
    proposal = (
        "Vul vaste gegevens (identiteit, toewijzing, verwijzing, gegevens van de aanbieder) "
        "vooraf in uit de toewijzing of het eerste formulier, of laat ze weg: het "
        "toewijzingsnummer volstaat om de jeugdige terug te vinden. Metingen op een moment "
        "(voortgang, geleverde uren, een datum van ondertekening) blijven."
    )
    return problem, proposal


# --- 5. extension requests ---------------------------------------------------------------


def _extensions(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for form in context.forms:
        if form.purpose != "verlenging" or not context.remaining(form):
            continue
        note = (
            f"{context.burdens[form.id].occurrences.value:.0f} verlengingen per jaar; "
            f"aanname: {EXTENSIONS_AVOIDED.value:.0%} vervalt (bandbreedte "
            f"{EXTENSIONS_AVOIDED.low:.0%}–{EXTENSIONS_AVOIDED.high:.0%})"
        )
        action = Action(
            form.id,
            "frequency",
            (),
            EXTENSIONS_AVOIDED,
            (SER_8,),
            (context.form_facts(form),),
            note,
        )
        found.append((addressee_of(form, None, context.places), action))
    return found


def _extension_texts(
    context: Context, addressee: Addressee, actions: list[Action]
) -> tuple[str, str]:
    yearly = sum(context.burdens[a.form].occurrences.value for a in actions)
    problem = (
        f"{addressee.name} laat verlengingen per keer aanvragen: ongeveer {yearly:.0f} "
        "verlengingsaanvragen per jaar."
    )
    proposal = (
        "Wijs toe voor de verwachte duur van de hulp, zodat een verlenging de uitzondering "
        "wordt in plaats van een vast moment."
    )
    return problem, proposal


# --- 6. progress reports -----------------------------------------------------------------


def _reports(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for form in context.forms:
        per_year = form.frequency.times_per_year()
        if form.purpose != "verantwoording" or per_year is None or not context.remaining(form):
            continue
        if per_year <= REPORTS_PER_YEAR:
            continue
        saving = Estimate.exact(1 - REPORTS_PER_YEAR / per_year)
        note = (
            f"nu {form.frequency.describe()} ({per_year:.0f} keer per jaar), voortaan "
            f"hoogstens {REPORTS_PER_YEAR:.0f} keer"
        )
        action = Action(
            form.id, "frequency", (), saving, (SER_8,), (context.form_facts(form),), note
        )
        found.append((addressee_of(form, None, context.places), action))
    return found


def _report_texts(context: Context, addressee: Addressee, actions: list[Action]) -> tuple[str, str]:
    forms = context.analysis.catalogue.by_id()
    codes = sorted({forms[a.form].municipality for a in actions})
    problem = (
        f"In {addressee.name} vragen {len(codes)} gemeenten ({_names(context, codes)}) elk een "
        "eigen voortgangsrapportage, vaker dan twee keer per jaar."
    )
    proposal = (
        "Spreek in het inkoopcontract één regionale voortgangsrapportage af, met één set "
        "vragen, hoogstens twee keer per jaar, en tussentijds alleen bij een wezenlijke wijziging."
    )
    return problem, proposal


# --- 7. one national definition (VNG) ----------------------------------------------------


def _uniform(context: Context) -> list[Candidate]:
    by_ref = {
        (b.form.id, item.id): (b.form, item)
        for b in context.burdens.values()
        for item in b.form.fields
    }
    found: list[Candidate] = []
    for flag in (f for f in context.analysis.flags if f.kind == "non_uniform"):
        for ref in flag.fields:
            form_id, _, field_id = ref.partition("/")
            if (form_id, field_id) not in by_ref or (form_id, field_id) in context.removed:
                continue
            form, item = by_ref[(form_id, field_id)]
            note = f"'{item.label}': {_short_detail(flag)}"
            action = _field_action(context, form, [item], "partial", UNIFORM_SAVING, (SER_8,), note)
            found.append((national("vng"), action))
    return found


def _short_detail(flag: Flag) -> str:
    """The differing aspects of a non_uniform flag, without the concept's label."""
    detail = flag.detail
    if "verschillend gevraagd:" in detail:
        detail = detail.split("verschillend gevraagd:", 1)[1]
    return detail.split(". Eén landelijke", 1)[0].strip()


def _uniform_texts(
    context: Context, addressee: Addressee, actions: list[Action]
) -> tuple[str, str]:
    flags = [f for f in context.analysis.flags if f.kind == "non_uniform"]
    codes = sorted({c for f in flags for c in f.municipalities})
    labels = ", ".join(context.analysis.concept(f.concept).label for f in flags[:8])
    problem = (
        f"{len(flags)} gegevens vragen {len(codes)} gemeenten elk anders (type, format, "
        f"frequentie of verplichting), onder meer: {labels}."
    )
    proposal = (
        "Leg per gegeven één landelijke definitie vast (format, eenheid, verplichting) in de "
        "modellen en standaardcontracten die gemeenten gebruiken. Aanname bij de winst: "
        f"{UNIFORM_SAVING.value:.0%} van de tijd van deze velden (bandbreedte "
        f"{UNIFORM_SAVING.low:.0%}–{UNIFORM_SAVING.high:.0%}): één werkwijze, geen omzetting per "
        "gemeente."
    )
    return problem, proposal


# --- 8. iJw change request (Zorginstituut Nederland) -------------------------------------


def _ijw(context: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for form in context.forms:
        for item in form.fields:
            facts = context.facts(form, item)
            if IJW_CHANGE not in allowed(facts):
                continue
            note = f"'{item.label}'"
            action = _field_action(
                context, form, [item], "none", Estimate.exact(0.0), (IJW_CHANGE, SER_8), note
            )
            found.append((national("zin"), action))
    return found


def _ijw_texts(context: Context, addressee: Addressee, actions: list[Action]) -> tuple[str, str]:
    forms = context.analysis.catalogue.by_id()
    concepts: dict[str, set[str]] = defaultdict(set)
    for action in actions:
        form = forms[action.form]
        for field_id in action.fields:
            item = next(i for i in form.fields if i.id == field_id)
            concept = context.concept(form, item)
            if concept is not None:
                concepts[concept.label].add(form.municipality)
    listed = "; ".join(
        f"{label} ({len(codes)} gemeenten)" for label, codes in sorted(concepts.items())
    )
    problem = (
        "Gemeenten vragen in het betaalproces vaste gegevens die geen iJw-bericht draagt, elk "
        f"op een eigen formulier: {listed}."
    )
    proposal = (
        "Dien bij Zorginstituut Nederland een wijzigingsverzoek in om de gegevens die "
        "gemeenten echt nodig hebben op te nemen in JW315/JW317, zodat ze één keer, in het "
        "bericht, worden aangeleverd en gemeenten hun eigen formulieren kunnen schrappen."
    )
    return problem, proposal
