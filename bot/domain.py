"""Core vocabulary shared by every layer: languages, statuses, places, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Language(StrEnum):
    """The languages the product knows. Founders may use any the content has (the flow's
    ``languages``); staff pages are Swedish and English; advisors' roster languages may be
    any of them (routing prefers an advisor who speaks the founder's)."""

    SV = "sv"
    EN = "en"
    AR = "ar"
    FA = "fa"
    BS = "bs"
    PL = "pl"
    SO = "so"

    @property
    def right_to_left(self) -> bool:
        return self in RIGHT_TO_LEFT

    @classmethod
    def from_hint(cls, hint: str | None, default: Language | None = None) -> Language:
        """Pick a supported language from a channel hint such as Telegram's ``en-GB``."""
        if hint:
            base = hint.strip().lower().replace("_", "-").split("-")[0]
            for lang in cls:
                if lang.value == base:
                    return lang
        return default or cls.SV


RIGHT_TO_LEFT = frozenset({Language.AR, Language.FA})


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class ConversationStatus(StrEnum):
    ACTIVE = "active"
    SUBMITTED = "submitted"
    REFERRED = "referred"  # outside the region: referred elsewhere, no case
    CANCELLED = "cancelled"


class CaseStatus(StrEnum):
    NEW = "new"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    IN_CONTACT = "in_contact"
    COACHING = "coaching"  # the advisor coaches the company: counted as a company coached now
    CLOSED = "closed"
    ESCALATED = "escalated"
    REFERRED_OUT = "referred_out"


# A company's size by its employees (SCB's classes), as advisors and founders name it.
SIZE_CLASSES = ("0", "1-4", "5-9", "10-19", "20-49", "50+")


class Outcome(StrEnum):
    """How a case ended."""

    COMPANY_STARTED = "company_started"
    COACHED = "coached"
    REFERRED = "referred"
    NOT_PURSUED = "not_pursued"
    NO_RESPONSE = "no_response"


# Statuses in which an advisor is working on the case: the one definition every layer uses.
ACTIVE_CASE_STATUSES = frozenset({CaseStatus.ACCEPTED, CaseStatus.IN_CONTACT, CaseStatus.COACHING})


class EventKind(StrEnum):
    """Every kind of event in a case's audit trail (``case_event.kind``)."""

    OPENED = "opened"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REMINDED = "reminded"  # the advisor was reminded of an offer about to expire
    EXPIRED = "expired"
    ESCALATED = "escalated"
    MATCH_AGAIN = "match_again"
    REASSIGNED = "reassigned"
    IN_CONTACT = "in_contact"
    COACHING_STARTED = "coaching_started"
    CLOSED = "closed"
    STALL_REMINDER = "stall_reminder"  # an escalated case still waits for a coordinator
    CONTACT_OVERDUE = "contact_overdue"  # an accepted case still has no contact
    NOTIFICATION_FAILED = "notification_failed"
    FOUNDER_ERASED = "founder_erased"
    FOUNDER_ADDED = "founder_added"  # the founder added information to the open case
    POSSIBLE_SAME_FOUNDER = "possible_same_founder"  # same contact as another founder
    TRANSCRIPT_VIEWED = "transcript_viewed"  # a staff member read the intake, with a purpose
    SECTOR_CORRECTED = "sector_corrected"  # staff put the case in another sector
    # Meetings and the session log (bot/cases/meetings.py).
    MEETING_BOOKED = "meeting_booked"
    MEETING_MOVED = "meeting_moved"
    MEETING_CANCELLED = "meeting_cancelled"
    MEETING_HELD = "meeting_held"
    MEETING_NO_SHOW = "meeting_no_show"
    MEETING_REMINDED = "meeting_reminded"
    CONTACT_ASKED = "contact_asked"  # no time fitted the founder: they asked to be contacted
    SESSION_LOGGED = "session_logged"
    SESSION_NOTES_VIEWED = "session_notes_viewed"  # someone read the session notes
    # Warm referrals to partners (bot/cases/referrals.py).
    REFERRAL_ASKED = "referral_asked"  # the founder was asked to agree
    REFERRAL_DECLINED = "referral_declined"
    REFERRAL_SENT = "referral_sent"  # the founder agreed: the partner got what they agreed to
    REFERRAL_RECEIVED = "referral_received"  # the partner confirmed with the link
    REFERRAL_OUTCOME = "referral_outcome"
    COMPANY_RECORDED = "company_recorded"  # the case's company named (and perhaps confirmed)
    # Follow-ups after a case closed (bot/cases/followups.py).
    FOLLOWUP_CONSENT = "followup_consent"  # the founder said yes or no to being asked later
    FOLLOWUP_SENT = "followup_sent"
    FOLLOWUP_ANSWERED = "followup_answered"
    FOLLOWUP_REMINDED = "followup_reminded"  # not answered in two weeks: asked again
    FOLLOWUP_UNANSWERED = "followup_unanswered"  # two reminders and no answer
    FOLLOWUP_PEOPLE = "followup_people"  # how many work in the company (survival follow-up)
    # The founder's satisfaction survey (bot/cases/surveys.py).
    SURVEY_SENT = "survey_sent"
    SURVEY_ANSWERED = "survey_answered"  # one question's answer (a score, or a comment)


class TimerKind(StrEnum):
    """Durable timers (``timer.kind``)."""

    OFFER_EXPIRY = "offer_expiry"
    OFFER_REMINDER = "offer_reminder"
    CASE_WATCH = "case_watch"  # nothing stalls unseen: waiting on a coordinator or a contact
    EVENT_REMINDER = "event_reminder"  # the working day before an event, to a registered founder
    MEETING_REMINDER = "meeting_reminder"  # the working day before a meeting, to both sides
    FOLLOWUP = "followup"  # months after a case closed: "how did it go?" (with consent)
    SURVIVAL = "survival"  # a year and three years after a start: still running? people?
    FOLLOWUP_REMINDER = "followup_reminder"  # a follow-up not answered in two weeks


class ActorKind(StrEnum):
    SYSTEM = "system"
    FOUNDER = "founder"
    ADVISOR = "advisor"
    NODE_MANAGER = "node_manager"
    COORDINATOR = "coordinator"
    ADMIN = "admin"
    ADDRESS = "address"  # someone not signed in, known only by their address


class AuditKind(StrEnum):
    """What the audit log records (what is not one case's; a case's own are ``EventKind``).
    Each has a label in the staff catalog (``event.<kind>``), which a test checks."""

    # An intake's milestones (no personal data: they survive erasure and feed the funnel).
    INTAKE_STARTED = "intake_started"
    CONSENT_CARRIED = "consent_carried"
    CONSENT_GIVEN = "consent_given"
    INTAKE_SUBMITTED = "intake_submitted"
    INTAKE_CANCELLED = "intake_cancelled"
    REFERRED_OUT_OF_REGION = "referred_out_of_region"
    # Privacy.
    CONSENT_DECLINED = "consent_declined"
    DELETED_ON_REQUEST = "deleted_on_request"
    FOUNDER_ERASED = "founder_erased"
    RETENTION_ERASED = "retention_erased"
    RETENTION_APPLIED = "retention_applied"
    FOUNDER_VIEWED = "founder_viewed"
    FOUNDER_EXPORTED = "founder_exported"
    FOUNDERS_LINKED = "founders_linked"
    # The roster, absences, rebalancing, reachability.
    ROSTER_IMPORTED = "roster_imported"
    ROSTER_SLACK_LINKED = "roster_slack_linked"
    ABSENCE_SET = "absence_set"
    ABSENCE_CANCELLED = "absence_cancelled"
    REBALANCE_APPLIED = "rebalance_applied"
    UNREACHABLE_ADVISORS_TOLD = "unreachable_advisors_told"
    MONTHLY_SUMMARY_SENT = "monthly_summary_sent"
    # The nodes' events.
    EVENT_ADDED = "event_added"
    EVENT_CHANGED = "event_changed"
    EVENT_CANCELLED = "event_cancelled"
    EVENTS_IMPORTED = "events_imported"
    EVENT_ATTENDANCE = "event_attendance"
    EVENT_REGISTERED = "event_registered"
    EVENT_WAITLISTED = "event_waitlisted"
    EVENT_UNREGISTERED = "event_unregistered"
    # Advisors' meeting hours and calendar feeds.
    MEETING_HOURS_ADDED = "meeting_hours_added"
    MEETING_HOURS_REMOVED = "meeting_hours_removed"
    CALENDAR_FEED_MADE = "calendar_feed_made"
    CALENDAR_FEED_REVOKED = "calendar_feed_revoked"
    PARTNER_CHANGED = "partner_changed"
    REGISTRY_IMPORTED = "registry_imported"  # a registry extract confirmed registrations
    ACCESSIBILITY_REPORTED = "accessibility_reported"  # from the accessibility statement
    # Staff accounts and access.
    SIGN_IN = "sign_in"
    SIGN_IN_REFUSED = "sign_in_refused"
    SIGN_OUT = "sign_out"
    ACCESS_REFUSED = "access_refused"
    STAFF_ADDED = "staff_added"
    STAFF_REMOVED = "staff_removed"
    STAFF_ROLE_CHANGED = "staff_role_changed"
    STAFF_PASSWORD_LINK = "staff_password_link"
    STAFF_PASSWORD_SET = "staff_password_set"


@dataclass(frozen=True)
class Actor:
    """Who acts, in every layer and every audit row: a kind, an id, and for a node manager
    the nodes (slugs) they act for (None: any node)."""

    kind: ActorKind
    id: str | None = None
    nodes: frozenset[str] | None = None

    def acts_for(self, node_slug: str | None) -> bool:
        return self.nodes is None or (node_slug is not None and node_slug in self.nodes)


SYSTEM = Actor(ActorKind.SYSTEM)


class PlaceStatus(StrEnum):
    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    OUT_OF_REGION = "out_of_region"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PlaceCandidate:
    municipality_code: str
    municipality: str
    locality: str | None = None
    in_region: bool = True

    @property
    def label(self) -> str:
        if self.locality and self.locality != self.municipality:
            return f"{self.locality} ({self.municipality})"
        return self.municipality


@dataclass(frozen=True)
class PlaceResult:
    """What a place resolver made of a founder's free text."""

    input: str
    status: PlaceStatus
    candidates: tuple[PlaceCandidate, ...] = field(default_factory=tuple)
    score: float = 0.0
    # True when the text matched a known name exactly (after normalisation); otherwise the
    # engine confirms the guess with the founder before using it.
    exact: bool = False

    @property
    def best(self) -> PlaceCandidate | None:
        return self.candidates[0] if self.candidates else None


class SpbotError(Exception):
    """Base of every error the product raises on purpose. ``code`` is stable for callers."""

    code = "spbot_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = details


class FieldInvalid(SpbotError):
    """A field of something a person typed is wrong: ``field`` says which, ``problem`` what
    (a stable code a form shows in its reader's language, ``form.error.<problem>``); the
    message is English, for the CLI and logs."""

    code = "field_invalid"

    def __init__(self, message: str, *, field: str, problem: str = "invalid") -> None:
        super().__init__(message, field=field, problem=problem)

    @property
    def field(self) -> str:
        return str(self.details["field"])

    @property
    def problem(self) -> str:
        return str(self.details["problem"])


class NotFoundError(SpbotError):
    code = "not_found"


class ConcurrentUpdateError(SpbotError):
    code = "concurrent_update"


class AlreadyPlayedError(SpbotError):
    """The inbox request of this turn was played already (by another process, say): the
    turn was rolled back and nothing is to be said."""

    code = "already_played"


class ContentError(SpbotError):
    code = "content_invalid"


class ValidationFailed(SpbotError):
    code = "validation_failed"
