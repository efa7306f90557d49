"""Who may do what in the console: one function, ``allowed``, that every view asks, so no
page decides by itself (after Datasette's ``permissions``)."""

from __future__ import annotations

from enum import StrEnum

from bot.storage.console_queries import CaseAccess
from bot.storage.staff import Account


class Action(StrEnum):
    DESK = "desk"  # my offers, my cases, my absences
    QUEUE = "queue"
    CASES = "cases"  # every case, with filters
    ASSIGN = "assign"  # reassign, match again
    WORKLOAD = "workload"
    REBALANCE = "rebalance"
    ABSENCES = "absences"  # anyone's
    ROSTER = "roster"
    AUDIT = "audit"
    PRIVACY = "privacy"  # find, export, erase founders
    STAFF = "staff"  # accounts and roles
    VIEW_CASE = "view_case"  # needs the case
    READ_TRANSCRIPT = "read_transcript"  # needs the case; always with a purpose
    HOLD_CASE = "hold_case"  # in contact, close; needs the case
    CORRECT_SECTOR = "correct_sector"  # put the case in its right sector; needs the case
    RESULTS = "results"  # the results against the goals: everyone signed in
    EVENTS = "events"  # the nodes' events and their registrations
    PARTNERS = "partners"  # the partner directory: where referrals go
    FUNDER_PACK = "funder_pack"  # the funders' workbook: organisation numbers, the region's


COORDINATING = frozenset(
    {
        Action.QUEUE,
        Action.CASES,
        Action.ASSIGN,
        Action.WORKLOAD,
        Action.REBALANCE,
        Action.ABSENCES,
        Action.ROSTER,
        Action.EVENTS,
        Action.FUNDER_PACK,
    }
)
# A node manager coordinates their own nodes: the queue, the cases, handing them over,
# the load, rebalancing between their advisors, the absences and the events there (lists
# scoped by ``Account.scope``). Not theirs: the roster and the funder pack, the region's.
NODE_MANAGING = COORDINATING - {Action.ROSTER, Action.FUNDER_PACK}
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "advisor": frozenset(),
    "node_manager": NODE_MANAGING,
    "coordinator": COORDINATING,
    "admin": COORDINATING | {Action.AUDIT, Action.PRIVACY, Action.STAFF, Action.PARTNERS},
}
CASE_ACTIONS = frozenset(
    {Action.VIEW_CASE, Action.READ_TRANSCRIPT, Action.HOLD_CASE, Action.CORRECT_SECTOR}
)


def allowed(account: Account, action: Action, case: CaseAccess | None = None) -> bool:
    """May ``account`` do ``action`` (on ``case``, when the action concerns one)?"""
    if not account.active or account.role not in ROLE_ACTIONS:
        return False
    mine = account.advisor_key is not None
    if action is Action.DESK:
        return mine
    if action is Action.RESULTS:
        return True
    holds = case is not None and mine and case.holder_key == account.advisor_key
    scope = account.scope
    if case is not None and scope is not None and case.node not in scope and not holds:
        return False  # a node manager: nothing of another node's
    if action in CASE_ACTIONS:
        if case is None:
            return False
        if account.role != "advisor":
            return True  # staff act on any case in their scope (a transcript needs a purpose)
        if action is Action.VIEW_CASE:
            return holds or (mine and account.advisor_key in case.offered_to)
        return holds
    return action in ROLE_ACTIONS[account.role]
