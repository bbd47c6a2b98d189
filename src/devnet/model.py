"""The vocabulary of developmental networks and the rules of one record: profile,
goals, developers, check-ins and the network that holds them (pydantic v2 models),
plus the parsers for the values people type (dates, cadences, function names, ids)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from devnet.errors import DevnetError, DuplicateError, NotFoundError, UsageError, shown

SCHEMA_VERSION = 2
"""The version of the file format this devnet reads and writes. 2 keeps every change
of a developer's or a goal's status with its date (`history`); 1 kept only the latest."""

# Kram (1985): the mentoring functions and their family. Order is the display order.
FUNCTIONS: dict[str, str] = {
    "sponsorship": "career",
    "exposure": "career",
    "coaching": "career",
    "protection": "career",
    "challenge": "career",
    "acceptance": "psychosocial",
    "counseling": "psychosocial",
    "friendship": "psychosocial",
    "role-modeling": "role-modeling",
}
FUNCTION_MEANINGS: dict[str, str] = {
    "sponsorship": "nomination for advancement",
    "exposure": "exposure and visibility to people who matter",
    "coaching": "learning skills, understanding contexts",
    "protection": "help avoiding career derailment",
    "challenge": "challenging, stretching assignments",
    "acceptance": "acceptance and confirmation",
    "counseling": "working through worries and dilemmas",
    "friendship": "camaraderie",
    "role-modeling": "someone whose conduct and values to learn from",
}
FAMILIES: tuple[str, ...] = ("career", "psychosocial")
"""Families a goal may name as a need: any function of the family covers it."""
NEEDS: tuple[str, ...] = (*FUNCTIONS, *FAMILIES)

RELATIONS = ("supervisor", "senior", "peer", "junior", "family", "external", "circle")
STAGES = ("early", "mid", "senior")
SCHEDULERS = ("me", "them", "both")
REQUESTS = ("one-time", "area", "period")
REVIEWS = ("continue", "adjust", "move-on")
GOAL_STATUSES = ("active", "achieved", "dropped")
PERSON_STATUSES = ("active", "paused", "ended")
CADENCES: dict[str, int] = {
    "weekly": 7,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
}
CLOSENESS_LABELS = {1: "distant", 2: "less than close", 3: "close", 4: "especially close"}
MAX_CIRCLE_MEMBERS = 15
SLUG_LENGTH = 40
"""Ids made from long names or titles stop at a word boundary before this length."""
MAX_NAME = 200
MAX_TEXT = 100_000

Function = Literal[
    "sponsorship",
    "exposure",
    "coaching",
    "protection",
    "challenge",
    "acceptance",
    "counseling",
    "friendship",
    "role-modeling",
]
Need = Literal[Function, "career", "psychosocial"]
Relation = Literal["supervisor", "senior", "peer", "junior", "family", "external", "circle"]
Stage = Literal["early", "mid", "senior"]
Scheduler = Literal["me", "them", "both"]
Request = Literal["one-time", "area", "period"]
Review = Literal["continue", "adjust", "move-on"]
GoalStatus = Literal["active", "achieved", "dropped"]
PersonStatus = Literal["active", "paused", "ended"]

_ID_RE = re.compile(r"[^\W_](?:[\w.-]{0,62}[^\W_])?")
_CADENCE_RE = re.compile(r"([1-9][0-9]{0,3})([dw])")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


# --- parsers for what people type -------------------------------------------------


def cadence_days(cadence: str) -> int:
    """Days between conversations for a cadence word or `Nd` / `Nw`."""
    value = cadence.strip().lower()
    if value in CADENCES:
        return CADENCES[value]
    match = _CADENCE_RE.fullmatch(value)
    if match is None:
        raise ValueError(
            f"invalid cadence {shown(cadence)}{did_you_mean(value, CADENCES)}: use "
            f"{', '.join(CADENCES)}, or a number of days "
            "or weeks such as 10d or 6w"
        )
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    if days > 3650:
        raise ValueError(f"invalid cadence {shown(cadence)}: at most ten years")
    return days


def did_you_mean(value: str, valid: Iterable[str]) -> str:
    import difflib  # only a mistake needs it

    close = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def choice(value: str, valid: Sequence[str], kind: str) -> str:
    """`value` if it is one of `valid`, else a UsageError listing them."""
    normal = value.strip().lower()
    if normal in valid:
        return normal
    raise UsageError(
        f"unknown {kind} {shown(value)}{did_you_mean(normal, valid)}; valid: {', '.join(valid)}"
    )


def split_list(values: Iterable[str]) -> list[str]:
    """Comma-separated values from one or more repeated options, de-duplicated in order."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            item = part.strip()
            if item and item not in out:
                out.append(item)
    return out


def parse_functions(values: Iterable[str]) -> list[str]:
    return dedupe(choice(v, tuple(FUNCTIONS), "function") for v in split_list(values))


def parse_needs(values: Iterable[str]) -> list[str]:
    return dedupe(choice(v, NEEDS, "need (a function or family)") for v in split_list(values))


_LATIN = str.maketrans(
    {
        **dict.fromkeys("łŀ", "l"),
        **dict.fromkeys("ŁĿ", "L"),
        **dict.fromkeys("øǿ", "o"),
        **dict.fromkeys("ØǾ", "O"),
        **dict.fromkeys("đð", "d"),
        **dict.fromkeys("ĐÐ", "D"),
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
        "Ħ": "H",
        "\u0131": "i",  # dotless i
        "ŧ": "t",
        "Ŧ": "T",
        "ŋ": "ng",
        "Ŋ": "NG",
        "ĸ": "k",
        "\u017f": "s",  # long s
    }
)
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def fold(text: str) -> str:
    """Text as compared and turned into ids: accents dropped, letters such as ł, ø, ß
    and æ transliterated, case folded (`Łukasz Żółć` -> `lukasz zolc`). Letters of
    other scripts are kept. Invisible format characters (a zero-width space, a bidi
    override) are dropped: `Ma\u200bria` compares, and makes an id, like `Maria`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    return "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    ).casefold()


def slugify(text: str) -> str:
    """An id from a name or title: lower case, accents dropped (Latin letters written
    in ASCII), words joined by '-'."""
    slug = re.sub(r"[\W_]+", "-", fold(text)).strip("-")
    if len(slug) > SLUG_LENGTH:  # an id is typed: keep whole words, at most 40 letters
        cut = slug[: SLUG_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:SLUG_LENGTH]
    return slug.strip("-")


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.fullmatch(value)) and value == value.casefold()


def dedupe(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


# --- text rules ----------------------------------------------------------------------


def _clean_text(value: str, limit: int) -> str:
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    if _SURROGATE_RE.search(value):
        raise ValueError("contains an invalid character (a lone surrogate)")
    if len(value) > limit:
        raise ValueError(f"is longer than {limit} characters")
    return value


def _name(value: str) -> str:
    value = _clean_text(value, MAX_NAME)
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _text(value: str) -> str:
    return _clean_text(value, MAX_TEXT)


def _id(value: str) -> str:
    if not is_valid_id(value):
        raise ValueError(
            f"invalid id {shown(value)}: use lower-case letters, digits and '-' (at most 64)"
        )
    return value


def _cadence(value: str) -> str:
    cadence_days(value)
    return value.strip().lower()


Name = Annotated[str, AfterValidator(_name)]
Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[str, AfterValidator(_id)]
Cadence = Annotated[str, AfterValidator(_cadence)]


class Record(BaseModel):
    """Shared configuration: unknown keys are an error (never silently dropped), values
    are checked strictly (a TOML string is not a date), and inputs never appear in
    error messages (they may hold personal notes)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        hide_input_in_errors=True,
        validate_default=False,
        allow_inf_nan=False,
    )

    def to_doc(self) -> dict[str, Any]:
        """Builtin types only, absent values and empty lists left out (TOML has no null)."""
        data = self.model_dump(mode="python", exclude_none=True)
        return {k: v for k, v in data.items() if v != []}


class GoalChange(Record):
    """One change of a goal's status: achieved, dropped, or active again (reopened)."""

    date: date
    status: GoalStatus
    note: Text | None = None


class PersonChange(Record):
    """One change of a relationship's status: paused, resumed (active) or ended."""

    date: date
    status: PersonStatus
    note: Text | None = None


def _status_on(history: Sequence[GoalChange | PersonChange], day: date) -> Any:
    status = None
    for change in history:
        if change.date > day:
            break
        status = change.status
    return status


def _check_change(
    history: Sequence[GoalChange | PersonChange], now: str, status: str, day: date, who: str
) -> None:
    if now == status:
        raise DevnetError(f"{who} is already {status}")
    if history and day < history[-1].date:
        raise DevnetError(
            f"{day} is before the last change of status of {who} "
            f"({history[-1].status} on {history[-1].date}); changes are kept in date order"
        )


class Profile(Record):
    name: Name
    stage: Stage
    org: Name | None = None


class Goal(Record):
    title: Name
    needs: list[Need] = Field(min_length=1)
    skills: list[Text] = Field(default_factory=list)
    by: date | None = None
    history: list[GoalChange] = Field(default_factory=list)

    @field_validator("needs", "skills")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return dedupe(value)

    @field_validator("history")
    @classmethod
    def _in_date_order(cls, value: list[GoalChange]) -> list[GoalChange]:
        return sorted(value, key=lambda change: change.date)

    @property
    def status(self) -> GoalStatus:
        """The status now: that of the latest change, active when there is none."""
        return self.history[-1].status if self.history else "active"

    @property
    def status_date(self) -> date | None:
        return self.history[-1].date if self.history else None

    def status_on(self, day: date) -> GoalStatus:
        """The status the goal had on `day` (a goal with no change was always active)."""
        return _status_on(self.history, day) or "active"

    def set_status(self, status: GoalStatus, day: date) -> None:
        """Record a change of status on `day`; refused if it would rewrite history."""
        _check_change(self.history, self.status, status, day, "the goal")
        self.history.append(GoalChange(date=day, status=status))


class Person(Record):
    """A developer: anyone in the network."""

    name: Name
    relation: Relation
    context: Name
    functions: list[Function] = Field(default_factory=list)
    goals: list[Id] = Field(default_factory=list)
    expertise: list[Text] = Field(default_factory=list)
    cadence: Cadence | None = None
    scheduler: Scheduler | None = None
    learn: Text | None = None
    offer: Text | None = None
    split: Annotated[int, Field(ge=0, le=100)] | None = None
    request: Request | None = None
    until: date | None = None
    closeness: Annotated[int, Field(ge=1, le=4)] | None = None
    members: Annotated[int, Field(ge=2, le=MAX_CIRCLE_MEMBERS)] | None = None
    since: date
    history: list[PersonChange] = Field(default_factory=list)

    @field_validator("functions", "goals", "expertise")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return dedupe(value)

    @field_validator("history")
    @classmethod
    def _in_date_order(cls, value: list[PersonChange]) -> list[PersonChange]:
        return sorted(value, key=lambda change: change.date)

    @property
    def status(self) -> PersonStatus:
        """The status now: that of the latest change, active when there is none."""
        return self.history[-1].status if self.history else "active"

    @property
    def status_date(self) -> date | None:
        return self.history[-1].date if self.history else None

    @property
    def status_note(self) -> str | None:
        return self.history[-1].note if self.history else None

    def status_on(self, day: date) -> PersonStatus | None:
        """The status the relationship had on `day`; None before it began (`since`)."""
        if day < self.since:
            return None
        return _status_on(self.history, day) or "active"

    def set_status(self, status: PersonStatus, day: date, note: str | None = None) -> bool:
        """Record a change of status on `day`. A day before `since` is evidence that the
        relationship began earlier: `since` moves back, and True is returned."""
        if status == "paused" and self.status == "ended":
            raise DevnetError(f"{self.name} has ended; resume first to pause")
        _check_change(self.history, self.status, status, day, self.name)
        self.history.append(PersonChange(date=day, status=status, note=note or None))
        return self.began_by(day)

    def began_by(self, day: date) -> bool:
        """Move `since` back to `day` if it is earlier (a dated event before the recorded
        beginning is evidence of an earlier one); True when it moved."""
        if day < self.since:
            self.since = day
            return True
        return False

    @model_validator(mode="after")
    def _consistent(self) -> Person:
        if self.until is not None and self.request != "period":
            raise ValueError("'until' is only for a request of kind 'period'")
        if self.request == "period" and self.until is None:
            raise ValueError("a 'period' request needs an 'until' date")
        if self.until is not None and self.until < self.since:
            raise ValueError("'until' is before the relationship began ('since')")
        if self.members is not None and self.relation != "circle":
            raise ValueError("'members' is only for a circle")
        if self.history and self.history[0].date < self.since:
            raise ValueError(
                "history: a change of status is dated before the relationship began "
                "('since'); move 'since' back to that day"
            )
        return self

    @property
    def cadence_days(self) -> int | None:
        return None if self.cadence is None else cadence_days(self.cadence)


class Checkin(Record):
    """One conversation with a developer."""

    date: date
    developer: Id
    functions: list[Function] = Field(default_factory=list)
    goals: list[Id] = Field(default_factory=list)
    skills: list[Text] = Field(default_factory=list)
    gave: Text | None = None
    note: Text | None = None
    review: Review | None = None

    @field_validator("functions", "goals", "skills")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return dedupe(value)


class Network(Record):
    """The whole file: schema version, profile, goals and people keyed by id, check-ins."""

    schema_: int = Field(alias="schema", ge=1)
    profile: Profile
    goals: dict[Id, Goal] = {}
    people: dict[Id, Person] = {}
    checkins: list[Checkin] = Field(default_factory=list)

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _references(self) -> Network:
        for pid, person in self.people.items():
            for gid in person.goals:
                if gid not in self.goals:
                    raise ValueError(f"people.{pid}.goals: unknown goal {gid!r}")
        for i, checkin in enumerate(self.checkins):
            if checkin.developer not in self.people:
                raise ValueError(
                    f"checkins[{i}].developer: unknown developer {checkin.developer!r}"
                )
            for gid in checkin.goals:
                if gid not in self.goals:
                    raise ValueError(f"checkins[{i}].goals: unknown goal {gid!r}")
        self.checkins.sort(key=lambda c: (c.date, c.developer))
        return self

    def to_doc(self) -> dict[str, Any]:
        """The file's content: keys in a fixed order, goals and people sorted by id,
        check-ins by date, so that saving the same network gives the same bytes."""
        doc: dict[str, Any] = {"schema": self.schema_, "profile": self.profile.to_doc()}
        if self.goals:
            doc["goals"] = {k: self.goals[k].to_doc() for k in sorted(self.goals)}
        if self.people:
            doc["people"] = {k: self.people[k].to_doc() for k in sorted(self.people)}
        if self.checkins:
            ordered = sorted(self.checkins, key=lambda c: (c.date, c.developer))
            doc["checkins"] = [c.to_doc() for c in ordered]
        return doc

    def checkins_of(self, person_id: str) -> list[Checkin]:
        return [c for c in self.checkins if c.developer == person_id]

    # --- operations: each keeps the references whole or raises a DevnetError ------

    def with_refs(self) -> list[tuple[str, Checkin]]:
        """Every check-in with its ref, in date order: `maria-chen@2026-11-01`, and
        `#2`, `#3` for a person's further ones that day in the order they were logged
        (the sort is stable, so logging another one never changes an existing ref)."""
        seen: dict[tuple[str, date], int] = {}
        out: list[tuple[str, Checkin]] = []
        for checkin in sorted(self.checkins, key=lambda c: (c.date, c.developer)):
            key = (checkin.developer, checkin.date)
            seen[key] = seen.get(key, 0) + 1
            out.append((checkin_ref(checkin.developer, checkin.date, seen[key]), checkin))
        return out

    def refs_of(self, records: Sequence[Checkin]) -> dict[int, str]:
        """The refs `with_refs` gives these check-ins (by `id`), without sorting them
        all: within one developer and day the sort keeps the order they were logged."""
        wanted = {id(r) for r in records}
        days = {(r.developer, r.date) for r in records}
        seen: dict[tuple[str, date], int] = {}
        out: dict[int, str] = {}
        for checkin in self.checkins:
            key = (checkin.developer, checkin.date)
            if key in days:
                seen[key] = seen.get(key, 0) + 1
                if id(checkin) in wanted:
                    out[id(checkin)] = checkin_ref(checkin.developer, checkin.date, seen[key])
        return out

    def checkin(self, ref: str) -> Checkin:
        """The check-in a ref names (`ID@YYYY-MM-DD`, `#N` for the Nth that day)."""
        wanted = ref.strip().casefold().removesuffix("#1")
        refs = self.with_refs()
        for candidate, checkin in refs:
            if candidate == wanted:
                return checkin
        developer = wanted.partition("@")[0]
        mine = [r for r, c in refs if c.developer == developer]
        if not mine:
            known = "no check-ins" if developer in self.people else "no such developer"
            raise NotFoundError(f"no check-in {ref.strip()!r} ({developer}: {known})")
        listed = ", ".join(mine[-5:])
        raise NotFoundError(f"no check-in {ref.strip()!r}; {developer}'s latest: {listed}")

    def add_checkin(self, record: Checkin) -> None:
        """Log a conversation. One earlier than the relationship's `since` is taken
        as evidence that it began earlier: `since` moves back (PRODUCT, Dates)."""
        self._known(record)
        self.checkins.append(record)
        self.backdate(record.developer, record.date)

    def edit_checkin(self, ref: str, changes: dict[str, Any]) -> Checkin:
        """Replace some fields of a check-in (an empty list or None clears one);
        returns the new record. Invalid values raise a UsageError (exit 2)."""
        old = self.checkin(ref)
        data = old.model_dump()
        data.update(changes)
        try:
            new = Checkin.model_validate({k: v for k, v in data.items() if v is not None})
        except ValidationError as exc:
            raise UsageError("; ".join(validation_messages(exc))) from None
        self._known(new)
        index = next(i for i, c in enumerate(self.checkins) if c is old)
        self.checkins[index] = new
        self.backdate(new.developer, new.date)
        return new

    def remove_checkin(self, ref: str) -> Checkin:
        old = self.checkin(ref)
        self.checkins[:] = [c for c in self.checkins if c is not old]
        return old

    def _known(self, record: Checkin) -> None:
        if record.developer not in self.people:
            raise NotFoundError(f"no developer {record.developer!r}")
        for gid in record.goals:
            if gid not in self.goals:
                raise NotFoundError(f"no goal {gid!r}")

    def check_since(self, person_id: str, day: date) -> None:
        """Refuse a `since` later than something that happened in the relationship (a
        check-in, a change of status): it had begun by then, and a later beginning would
        hide that event from every view of the past."""
        person = self.people[person_id]
        events = [(c.date, f"a check-in on {c.date}") for c in self.checkins_of(person_id)]
        events += [(h.date, f"{h.status} on {h.date}") for h in person.history]
        if not events:
            return
        first, what = min(events, key=lambda event: event[0])
        if day > first:
            raise DevnetError(
                f"{person.name}'s relationship cannot begin on {day}: it had begun by "
                f"{first} ({what}); give --since {first} or earlier"
            )

    def backdate(self, person_id: str, day: date) -> date | None:
        """Move a relationship's `since` back to `day` when something dated `day`
        happened in it; returns the previous `since` when it moved."""
        person = self.people[person_id]
        previous = person.since
        return previous if person.began_by(day) else None

    def rename_person(self, old: str, new: str) -> None:
        """Give a developer a new id; their check-ins follow."""
        if new == old:
            return
        if not is_valid_id(new):
            raise UsageError(
                f"invalid id {shown(new)}: use lower-case letters, digits and '-' (at most 64)"
            )
        if new in self.people:
            raise DuplicateError(
                f"a developer with id {new!r} already exists ({self.people[new].name})"
            )
        self.people[new] = self.people.pop(old)
        for checkin in self.checkins:
            if checkin.developer == old:
                checkin.developer = new

    def remove_person(self, person_id: str) -> int:
        """Delete a developer and their check-ins; returns how many check-ins went."""
        del self.people[person_id]
        before = len(self.checkins)
        self.checkins[:] = [c for c in self.checkins if c.developer != person_id]
        return before - len(self.checkins)

    def matching(self, text: str) -> Matches:
        """Every developer, goal and check-in whose text holds `text`, case- and
        accent-insensitively: names, contexts, learn, offer, expertise; goal titles
        and skills; check-in notes, gave and skills; the notes of status changes (why a
        relationship paused or ended)."""
        wanted = folded(text.strip())

        def fields(pairs: Iterable[tuple[str, str | list[str] | None]]) -> list[str]:
            hits = []
            for name, value in pairs:
                values = value if isinstance(value, list) else [value or ""]
                if any(wanted in folded(v) for v in values):
                    hits.append(name)
            return hits

        developers = []
        for pid, p in sorted(self.people.items()):
            hits = fields(
                (
                    ("name", p.name),
                    ("context", p.context),
                    ("learn", p.learn),
                    ("offer", p.offer),
                    ("expertise", p.expertise),
                    ("history", [h.note or "" for h in p.history]),
                )
            )
            if hits:
                developers.append((pid, hits))
        goals = []
        for gid, g in sorted(self.goals.items()):
            hits = fields(
                (
                    ("title", g.title),
                    ("skills", g.skills),
                    ("history", [h.note or "" for h in g.history]),
                )
            )
            if hits:
                goals.append((gid, hits))
        checkins = []
        for ref, c in self.with_refs():
            hits = fields((("note", c.note), ("gave", c.gave), ("skills", c.skills)))
            if hits:
                checkins.append((ref, c, hits))
        return Matches(developers, goals, checkins)

    def check_title(self, title: str, goal_id: str | None = None) -> None:
        """Two active goals may not share a title (compared case-, accent- and
        space-insensitively): refused like a duplicate id. `goal_id` is the goal
        being added, renamed or reopened, never a clash with itself."""
        wanted = " ".join(fold(title).split())
        for gid, goal in sorted(self.goals.items()):
            same = " ".join(fold(goal.title).split()) == wanted
            if same and gid != goal_id and goal.status == "active":
                raise DuplicateError(
                    f"an active goal is already titled {goal.title!r} ({gid}); choose another title"
                )

    def rename_goal(self, old: str, new: str) -> None:
        """Give a goal a new id; the developers and check-ins naming it follow."""
        if new == old:
            return
        if not is_valid_id(new):
            raise UsageError(f"invalid id {shown(new)}: use lower-case letters, digits and '-'")
        if new in self.goals:
            raise DuplicateError(f"a goal with id {new!r} already exists")
        self.goals[new] = self.goals.pop(old)
        for person in self.people.values():
            person.goals = [new if g == old else g for g in person.goals]
        for checkin in self.checkins:
            checkin.goals = [new if g == old else g for g in checkin.goals]


def folded(text: str) -> str:
    """Text as search compares it: case and accents ignored ("Łukasz" ~ "lukasz")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Matches(NamedTuple):
    """What `Network.matching` found: ids or refs, each with the fields that hold
    the text, in the order the fields are listed."""

    developers: list[tuple[str, list[str]]]
    goals: list[tuple[str, list[str]]]
    checkins: list[tuple[str, Checkin, list[str]]]


def checkin_ref(developer: str, day: date, nth: int = 1) -> str:
    """The short stable name of a check-in: `maria-chen@2026-11-01`, `...#2`."""
    return f"{developer}@{day.isoformat()}" + (f"#{nth}" if nth > 1 else "")


def _plain_message(item: Any) -> str:
    """pydantic's wording turned into what a person editing the file understands."""
    kind = item["type"]
    ctx = item.get("ctx") or {}
    simple = {
        "date_type": "expected a date such as 2026-01-31 (written without quotes)",
        "date_from_datetime_inexact": "expected a date such as 2026-01-31, without a time",
        "int_type": "expected a whole number (written without quotes)",
        "string_type": 'expected text in quotes, such as "Acme"',
        "list_type": 'expected a list such as ["coaching", "sponsorship"]',
        "dict_type": "expected a table (a [section])",
        "model_type": "expected a table (a [section])",
        "missing": "missing: this field is required",
        "extra_forbidden": "unknown field: devnet does not know this key (check the spelling)",
        "too_short": "must not be empty",
    }
    if kind in simple:
        return simple[kind]
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}".replace("'", "")
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    message: str = item["msg"]
    return message.removeprefix("Value error, ")


def validation_messages(error: ValidationError) -> list[str]:
    """One `field.path: message` line per problem, never the offending value."""
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        loc = ".".join(str(part) for part in item["loc"] if part != "function-after")
        loc = re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", loc)
        msg = _plain_message(item)
        lines.append(f"{loc}: {msg}" if loc else msg)
    return lines
