"""Strict pydantic schema of a conversation flow file and its cross-reference checks."""

from __future__ import annotations

import string
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.answers import FLOW_ANSWERS
from bot.content.keys import REQUIRED_MESSAGE_KEYS
from bot.datafiles.yamlfiles import read_yaml
from bot.domain import ContentError, Language

CONVERSATIONS_DIR = Path(str(resources.files("bot") / "conversations"))  # package data
DEFAULT_FLOW_FILE = CONVERSATIONS_DIR / "intake.yaml"

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
MessageKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepKind(StrEnum):
    """The closed list of behaviours a step may name. Each is implemented by the engine."""

    CONSENT = "consent"
    TEXT = "text"
    PLACE = "place"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    # The founder confirms how their idea was read: the best readings of the idea's words as
    # buttons, "something else" for the whole vocabulary.
    SECTOR = "sector"
    SUMMARY = "summary"
    FINAL = "final"


class RuleName(StrEnum):
    """Validation rules a text step may use; implemented in ``bot.engine.validation``."""

    NAME = "name"
    FREE_TEXT = "free_text"
    EMAIL = "email"
    PHONE_SE = "phone_se"


class ValidationRule(_Strict):
    rule: RuleName
    min_length: int = Field(default=1, ge=1)
    max_length: int = Field(default=500, ge=1, le=10_000)
    min_words: int = Field(default=1, ge=1)
    # Asked when the answer is too short to act on (instead of a plain error).
    follow_up: MessageKey | None = None


class VocabularyItem(_Strict):
    id: Identifier
    label: MessageKey


class SummaryField(_Strict):
    id: Identifier
    # The first of these answers that is present is shown (e.g. email or phone).
    answers: tuple[Identifier, ...] = Field(min_length=1)
    label: MessageKey
    edit_step: Identifier
    vocabulary: Identifier | None = None


class Step(_Strict):
    kind: StepKind
    prompt: MessageKey | None = None
    answer: Identifier | None = None
    next: Identifier | None = None
    vocabulary: Identifier | None = None
    # For a choice step: a different next step per chosen item.
    next_by_choice: dict[Identifier, Identifier] = Field(default_factory=dict)
    validate_: ValidationRule | None = Field(default=None, alias="validate")
    min_choices: int = Field(default=1, ge=0)
    fields: tuple[SummaryField, ...] = ()

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> Step:
        kind = self.kind
        needs_prompt = kind is not StepKind.FINAL
        if needs_prompt and self.prompt is None:
            raise ValueError(f"a {kind} step needs a prompt")
        answering = (
            StepKind.TEXT,
            StepKind.PLACE,
            StepKind.CHOICE,
            StepKind.MULTI_CHOICE,
            StepKind.SECTOR,
        )
        if kind in answering and self.answer is None:
            raise ValueError(f"a {kind} step needs 'answer' (where the answer is stored)")
        if kind in (StepKind.CHOICE, StepKind.MULTI_CHOICE, StepKind.SECTOR) and (
            self.vocabulary is None
        ):
            raise ValueError(f"a {kind} step needs a vocabulary")
        if kind is StepKind.TEXT and self.validate_ is None:
            raise ValueError("a text step needs 'validate'")
        if kind is StepKind.SUMMARY and not self.fields:
            raise ValueError("a summary step needs 'fields'")
        if kind is not StepKind.FINAL and self.next is None and not self.next_by_choice:
            raise ValueError(f"a {kind} step needs 'next'")
        return self


class Flow(_Strict):
    flow: Identifier
    version: int = Field(ge=1)
    languages: tuple[Language, ...]
    default_language: Language
    first_step: Identifier
    after_restart: Identifier
    vocabularies: dict[Identifier, tuple[VocabularyItem, ...]]
    steps: dict[Identifier, Step]
    messages: dict[MessageKey, dict[Language, str]]
    # Languages whose texts are drafts, to be reviewed by a native speaker (a translation
    # file's ``status: draft``); ``spbot content check`` lists them.
    drafts: tuple[Language, ...] = ()

    @model_validator(mode="after")
    def _references_exist(self) -> Flow:
        problems = list(self.reference_problems())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def reference_problems(self) -> list[str]:
        """Every dangling step target, message key, vocabulary or language gap, as text."""
        problems: list[str] = []
        if self.default_language not in self.languages:
            problems.append(f"default_language {self.default_language} is not in languages")
        for step_id in (self.first_step, self.after_restart):
            if step_id not in self.steps:
                problems.append(f"step '{step_id}' is named but not defined")
        keys: set[tuple[str, str]] = {(k, "required by the engine") for k in REQUIRED_MESSAGE_KEYS}
        for vocab_id, items in self.vocabularies.items():
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    problems.append(f"vocabulary '{vocab_id}' lists '{item.id}' twice")
                seen.add(item.id)
                keys.add((item.label, f"vocabulary '{vocab_id}'"))
        for step_id, step in self.steps.items():
            where = f"step '{step_id}'"
            if step.answer is not None and step.answer not in FLOW_ANSWERS:
                # A case reads its answers through bot/answers.py: one it does not know
                # would be stored and never shown to an advisor.
                problems.append(f"{where} stores '{step.answer}', which a case does not read")
            targets = [step.next] if step.next else []
            targets += list(step.next_by_choice.values())
            targets += [f.edit_step for f in step.fields]
            for target in targets:
                if target not in self.steps:
                    problems.append(f"{where} goes to unknown step '{target}'")
            if step.prompt:
                keys.add((step.prompt, where))
            if step.validate_ and step.validate_.follow_up:
                keys.add((step.validate_.follow_up, where))
            for f in step.fields:
                keys.add((f.label, where))
            vocab_ids = [step.vocabulary] + [f.vocabulary for f in step.fields]
            for vocab in vocab_ids:
                if vocab is not None and vocab not in self.vocabularies:
                    problems.append(f"{where} uses unknown vocabulary '{vocab}'")
            if step.vocabulary in self.vocabularies:
                item_ids = {i.id for i in self.vocabularies[step.vocabulary]}
                for choice in step.next_by_choice:
                    if choice not in item_ids:
                        problems.append(
                            f"{where} routes choice '{choice}' not in '{step.vocabulary}'"
                        )
        for key, where in sorted(keys):
            if key not in self.messages:
                problems.append(f"message '{key}' ({where}) is missing")
        # Every message in every language of the flow (a founder never meets a fallback).
        for key, texts in sorted(self.messages.items()):
            for lang in self.languages:
                if not texts.get(lang, "").strip():
                    problems.append(f"message '{key}' has no {lang.value} text")
        problems.extend(self._placeholder_problems())
        return problems

    def _placeholder_problems(self) -> list[str]:
        problems = []
        for key, texts in self.messages.items():
            fields_by_lang = {}
            for lang, text in texts.items():
                try:
                    fields_by_lang[lang] = {
                        name for _, name, _, _ in string.Formatter().parse(text) if name
                    }
                except ValueError as exc:
                    problems.append(f"message '{key}' ({lang.value}) is malformed: {exc}")
            if len({frozenset(v) for v in fields_by_lang.values()}) > 1:
                problems.append(f"message '{key}' uses different placeholders per language")
        return problems

    def text(self, key: str, language: Language, **values: object) -> str:
        texts = self.messages[key]
        template = texts.get(language) or texts[self.default_language]
        return template.format_map(values) if values else template

    def vocabulary_label(self, vocab_id: str, item_id: str, language: Language) -> str:
        for item in self.vocabularies[vocab_id]:
            if item.id == item_id:
                return self.text(item.label, language)
        return item_id


def load_flow(path: Path | str = DEFAULT_FLOW_FILE) -> Flow:
    """Read and validate a flow file, with its translations beside it
    (``intake.ar.yaml`` for ``intake.yaml``); raise ``ContentError`` listing every problem."""
    path = Path(path)
    try:
        raw: Any = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"cannot read {path}: {exc}") from exc
    if isinstance(raw, dict):
        for translation in sorted(path.parent.glob(f"{path.stem}.*{path.suffix}")):
            _merge_translation(raw, translation)
    try:
        return Flow.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            lines.append(f"{loc}: {err['msg']}" if loc else err["msg"])
        raise ContentError(f"{path} is invalid:\n  " + "\n  ".join(lines)) from exc


def _merge_translation(raw: dict[str, Any], path: Path) -> None:
    """A translation file: ``language``, ``status`` (draft or reviewed), ``reviewed_by`` and
    ``messages`` (key → text), merged into the flow before it is validated."""
    try:
        found: Any = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"cannot read {path}: {exc}") from exc
    if not isinstance(found, dict) or not isinstance(found.get("messages"), dict):
        raise ContentError(f"{path}: a translation needs 'language' and 'messages'")
    language = str(found.get("language", ""))
    if language not in {lang.value for lang in Language}:
        raise ContentError(f"{path}: unknown language '{language}'")
    if found.get("status") not in ("draft", "reviewed"):
        raise ContentError(f"{path}: status is 'draft' or 'reviewed'")
    unknown = sorted(set(found["messages"]) - set(raw.get("messages") or {}))
    if unknown:
        raise ContentError(f"{path}: messages the flow does not have: {', '.join(unknown)}")
    raw["languages"] = [*raw.get("languages", []), language]
    for key, text in found["messages"].items():
        raw["messages"][key] = {**raw["messages"][key], language: text}
    if found["status"] == "draft":
        raw["drafts"] = [*raw.get("drafts", []), language]
