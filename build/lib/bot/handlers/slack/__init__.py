"""Slack app: advisors accept leads, coordinators steer workload, founders can do the intake."""

from bot.handlers.slack.app import build_slack_app
from bot.handlers.slack.deps import SlackDeps

__all__ = ["SlackDeps", "build_slack_app"]
