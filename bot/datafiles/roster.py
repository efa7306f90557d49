"""Advisor rosters as files (CSV or YAML): parsing with row-level errors, and writing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError, field_validator

from bot.datafiles.csv_cells import restore, write_csv
from bot.datafiles.yamlfiles import read_yaml
from bot.domain import Language, SpbotError

FIELDS = (
    "key",
    "name",
    "node",
    "email",
    "slack_user_id",
    "expertise",
    "languages",
    "capacity",
    "is_coordinator",
    "active",
)
_LIST_FIELDS = ("expertise", "languages")
_TRUE = {"true", "yes", "1", "ja", "x"}
_FALSE = {"false", "no", "0", "nej", ""}


@dataclass(frozen=True)
class FieldProblem:
    """One bad field of one row: what a person reads (``str``, English, for files and the
    command line) and what a form shows beside the field in the reader's language (``code``
    names a staff-catalog text ``form.error.<code>``; ``detail`` is the value it is about)."""

    row: int
    field: str
    code: str
    text: str
    detail: str = ""

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field}: {self.text}"


class RosterError(SpbotError):
    code = "roster_invalid"

    def __init__(self, problems: Sequence[str | FieldProblem]) -> None:
        lines = [str(p) for p in problems]
        super().__init__("the roster has problems:\n  " + "\n  ".join(lines))
        self.problems = lines
        self.fields = [p for p in problems if isinstance(p, FieldProblem)]


class AdvisorRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=200)
    node: str = Field(min_length=1, max_length=64)
    email: EmailStr | None = None
    slack_user_id: str | None = Field(default=None, pattern=r"^[UW][A-Z0-9]{2,31}$")
    expertise: list[str] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=lambda: [Language.SV])
    capacity: int = Field(default=5, ge=0, le=200)
    is_coordinator: bool = False
    active: bool = True

    @field_validator("email", "slack_user_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("expertise", "languages", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
        return value

    @field_validator("is_coordinator", "active", mode="before")
    @classmethod
    def _flag(cls, value: Any) -> Any:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
        return value


def _rows(text: str, suffix: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number as a person counts it, raw row) from a CSV or YAML roster."""
    if suffix.lower() in (".yaml", ".yml"):
        raw = read_yaml(text)
        items = raw.get("advisors") if isinstance(raw, dict) else raw
        if not isinstance(items, list):
            raise RosterError(["a YAML roster is a list of advisors (or 'advisors:' with a list)"])
        return [
            (i, item if isinstance(item, dict) else {"?": item}) for i, item in enumerate(items, 1)
        ]
    if suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = {"key", "name", "node"} - set(reader.fieldnames or [])
        if missing:
            raise RosterError([f"the CSV header lacks column(s): {', '.join(sorted(missing))}"])
        # Row 1 is the header, so the first advisor is row 2, as in a spreadsheet.
        return [
            (
                i,
                {
                    k: restore(v) if isinstance(v, str) else v
                    for k, v in row.items()
                    if k is not None
                },
            )
            for i, row in enumerate(reader, 2)
        ]
    raise RosterError([f"unknown roster format '{suffix}': use .csv, .yaml or .yml"])


def parse_roster(
    path: Path, *, known_nodes: Iterable[str], known_tags: Iterable[str]
) -> list[AdvisorRecord]:
    """Every record, or ``RosterError`` naming each bad row and field. Nothing partial."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError([f"cannot read {path}: {exc}"]) from exc
    return parse_roster_text(text, path.suffix, known_nodes=known_nodes, known_tags=known_tags)


def parse_roster_text(
    text: str, suffix: str, *, known_nodes: Iterable[str], known_tags: Iterable[str]
) -> list[AdvisorRecord]:
    """The same, from a file's text (an upload) and its suffix (.csv, .yaml, .yml)."""
    try:
        rows = _rows(text.removeprefix("\ufeff"), suffix)
    except (yaml.YAMLError, csv.Error) as exc:
        raise RosterError([f"cannot read the file: {exc}"]) from exc
    return parse_rows(rows, known_nodes=known_nodes, known_tags=known_tags)


def parse_rows(
    rows: Sequence[tuple[int, dict[str, Any]]],
    *,
    known_nodes: Iterable[str],
    known_tags: Iterable[str],
) -> list[AdvisorRecord]:
    nodes, tags = set(known_nodes), set(known_tags)
    problems: list[FieldProblem] = []
    records: list[AdvisorRecord] = []
    seen: dict[str, int] = {}
    slack_seen: dict[str, int] = {}
    for number, row in rows:
        try:
            record = AdvisorRecord.model_validate(row)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else "?"
                problems.append(FieldProblem(number, field, str(err["type"]), err["msg"]))
            continue
        if record.node not in nodes:
            problems.append(
                FieldProblem(
                    number, "node", "unknown_node", f"unknown node '{record.node}'", record.node
                )
            )
        unknown = [t for t in record.expertise if t not in tags]
        if unknown:
            problems.append(
                FieldProblem(
                    number,
                    "expertise",
                    "unknown_tag",
                    f"unknown tag(s) {', '.join(unknown)}",
                    ", ".join(unknown),
                )
            )
        if record.key in seen:
            first = seen[record.key]
            problems.append(
                FieldProblem(
                    number, "key", "repeats", f"'{record.key}' repeats row {first}", str(first)
                )
            )
        seen.setdefault(record.key, number)
        if record.slack_user_id:
            if record.slack_user_id in slack_seen:
                first = slack_seen[record.slack_user_id]
                problems.append(
                    FieldProblem(
                        number, "slack_user_id", "repeats", f"repeats row {first}", str(first)
                    )
                )
            slack_seen.setdefault(record.slack_user_id, number)
        records.append(record)
    if problems:
        raise RosterError(problems)
    return records


def _flat(record: AdvisorRecord) -> dict[str, Any]:
    data = record.model_dump(mode="json")
    for name in _LIST_FIELDS:
        data[name] = ";".join(data[name])
    data["email"] = data["email"] or ""
    data["slack_user_id"] = data["slack_user_id"] or ""
    data["is_coordinator"] = str(data["is_coordinator"]).lower()
    data["active"] = str(data["active"]).lower()
    return data


def write_roster(records: Sequence[AdvisorRecord], fmt: str) -> str:
    if fmt == "yaml":
        items = [r.model_dump(mode="json", exclude_none=True) for r in records]
        return yaml.safe_dump({"advisors": items}, allow_unicode=True, sort_keys=False)
    if fmt == "csv":
        return write_csv(FIELDS, (_flat(r) for r in records))
    raise RosterError([f"unknown format '{fmt}': use csv or yaml"])
