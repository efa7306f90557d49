"""Conversation content: the intake flow and its wording, loaded from ``conversations/``."""

from bot.content.schema import Flow, Step, StepKind, ValidationRule, load_flow

__all__ = ["Flow", "Step", "StepKind", "ValidationRule", "load_flow"]
