"""The chat page's own words (the conversation itself comes from the content file)."""

from __future__ import annotations

from pathlib import Path

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Science Park – berätta om din idé", "Science Park – tell us about your idea"),
    "heading": ("Berätta om din idé", "Tell us about your idea"),
    "intro": (
        "Science Park i Region Jönköpings län hjälper dig att starta och utveckla ditt "
        "företag, nära dig. Svara på några frågor så hittar vi rätt rådgivare.",
        "Science Park in Jönköping County helps you start and grow your company, close to "
        "home. Answer a few questions and we will find the right advisor.",
    ),
    "log": ("Samtalet", "The conversation"),
    "you": ("Du", "You"),
    "bot": ("Science Park", "Science Park"),
    "answer": ("Ditt svar", "Your answer"),
    "send": ("Skicka", "Send"),
    "choices": ("Välj ett svar", "Choose an answer"),
    # The button offering a language, in that language's own words.
    "switch_to": ("På svenska", "In English"),
    "privacy": (
        "Vi sparar inget förrän du har sagt ja. Skriv /delete för att radera allt.",
        "We store nothing until you say yes. Write /delete to erase everything.",
    ),
    "slow_down": (
        "Du skriver snabbare än vi hinner läsa. Vänta en liten stund och försök igen.",
        "You are writing faster than we can read. Please wait a moment and try again.",
    ),
    "expired": (
        "Sidan hade hunnit bli gammal, så vi laddade om den. Skriv ditt svar igen.",
        "The page had grown old, so we reloaded it. Please write your answer again.",
    ),
    "lost": (
        "Vi hittar inte ditt samtal längre (kakorna kan ha rensats). Börja gärna om här – "
        "det du skrev står kvar i rutan.",
        "We can no longer find your conversation (cookies may have been cleared). Please "
        "start again here – what you wrote is still in the box.",
    ),
    "privacy_stored": (
        "Vi sparar dina svar för att kunna hjälpa dig. Skriv /delete för att radera allt.",
        "We keep your answers so that we can help you. Write /delete to erase everything.",
    ),
    "too_big": ("Meddelandet är för stort.", "The message is too large."),
    "too_long": (
        "Svaret får vara högst {limit} tecken, och ditt är {n}. Korta gärna ner det – "
        "texten står kvar i rutan.",
        "The answer can be at most {limit} characters, and yours is {n}. Please shorten it – "
        "the text is still in the box.",
    ),
    "other_tab": (
        "Samtalet har gått vidare i en annan flik eller ett annat fönster, så vi skickade inte "
        "ditt svar. Här är samtalet som det ser ut nu – det du skrev står kvar i rutan.",
        "The conversation has moved on in another tab or window, so we did not send your "
        "answer. Here is the conversation as it is now – what you wrote is still in the box.",
    ),
    "limit": ("Högst {limit} tecken.", "At most {limit} characters."),
    "count": ("{n} av {limit} tecken", "{n} of {limit} characters"),
    "error": (
        "Något gick fel hos oss och ditt svar kom inte fram. Det står kvar i rutan – "
        "försök skicka igen om en liten stund.",
        "Something went wrong on our side and your answer did not get through. It is still "
        "in the box – please try sending it again in a moment.",
    ),
    "open_chat": ("Prata med Science Park", "Talk to Science Park"),
    "close_chat": ("Stäng chatten", "Close the chat"),
    "news": ("Nytt om ditt ärende", "News about your case"),
    "accessibility": ("Tillgänglighet", "Accessibility"),
    "email.subject": ("Ditt ärende {ref} hos Science Park", "Your case {ref} at Science Park"),
    "email.event_subject": ("{title} – Science Park", "{title} – Science Park"),
    "email.body": (
        "Hej!\n\n{news}\n\nHela samtalet finns kvar här: {link}\n\n"
        "Du får det här mejlet eftersom du lämnade din e-postadress i Science Parks chatt. "
        "Skriv /delete i chatten om du vill att vi raderar dina uppgifter.\n\n"
        "Vänliga hälsningar\nScience Park, Region Jönköpings län",
        "Hello!\n\n{news}\n\nThe whole conversation is still here: {link}\n\n"
        "You get this email because you gave your email address in the Science Park chat. "
        "Write /delete in the chat if you want us to erase your details.\n\n"
        "Kind regards\nScience Park, Jönköping County",
    ),
    # Meeting invitations by email (bot/handlers/web/invitations.py), to founders and advisors.
    # The calendar entry's own title, as the reader's calendar shows it.
    "email.meeting_title": (
        "Möte med Science Park ({ref})",
        "Meeting with Science Park ({ref})",
    ),
    "email.meeting_subject": (
        "Möte {when} – Science Park ({ref})",
        "Meeting on {when} – Science Park ({ref})",
    ),
    "email.meeting_cancelled_subject": (
        "Inställt: möte {when} – Science Park ({ref})",
        "Cancelled: meeting on {when} – Science Park ({ref})",
    ),
    "email.meeting_body": (
        "Hej!\n\nMötet {when} ({ref}) ligger i kalenderinbjudan i det här mejlet. Öppna den "
        "för att lägga in mötet i din kalender.\n\n"
        "Vänliga hälsningar\nScience Park, Region Jönköpings län",
        "Hello!\n\nThe meeting on {when} ({ref}) is in the calendar invitation in this email. "
        "Open it to add the meeting to your calendar.\n\n"
        "Kind regards\nScience Park, Jönköping County",
    ),
    "email.meeting_cancelled_body": (
        "Hej!\n\nMötet {when} ({ref}) är inställt. Kalenderinbjudan i det här mejlet tar bort "
        "det ur din kalender.\n\n"
        "Vänliga hälsningar\nScience Park, Region Jönköpings län",
        "Hello!\n\nThe meeting on {when} ({ref}) is cancelled. The calendar update in this "
        "email removes it from your calendar.\n\n"
        "Kind regards\nScience Park, Jönköping County",
    ),
    # A referral to a partner (bot/handlers/web/invitations.py): in Swedish, to an
    # organisation in Sweden; only the fields the founder agreed to share.
    "email.referral_subject": (
        "En kontakt från Science Park ({ref})",
        "A contact from Science Park ({ref})",
    ),
    "email.referral_body": (
        "Hej {partner}!\n\nEn av våra affärsutvecklare, {advisor}, tror att ni kan hjälpa en "
        "person som vill starta eller utveckla ett företag. Personen har sagt ja till att vi "
        "skickar de här uppgifterna till er:\n\n{details}\n\n"
        "Bekräfta gärna att ni har tagit emot kontakten här (inget konto behövs): {link}\n\n"
        "Frågor? Kontakta {advisor}, {advisor_email}. Vårt ärende: {ref}.\n\n"
        "Vänliga hälsningar\nScience Park, Region Jönköpings län",
        "Hello {partner}!\n\nOne of our business advisors, {advisor}, thinks you can help a "
        "person who wants to start or grow a company. The person has agreed that we send you "
        "these details:\n\n{details}\n\n"
        "Please confirm that you have received the contact here (no account needed): {link}\n\n"
        "Questions? Contact {advisor}, {advisor_email}. Our case: {ref}.\n\n"
        "Kind regards\nScience Park, Jönköping County",
    ),
    "email.referral.name": ("Namn: {value}", "Name: {value}"),
    "email.referral.email": ("E-post: {value}", "Email: {value}"),
    "email.referral.phone": ("Telefon: {value}", "Phone: {value}"),
    "email.referral.idea": ("Idén, med personens egna ord:\n{value}", "The idea:\n{value}"),
    # The public calendar (/events): bot/handlers/web/calendar.py.
    "calendar.accessibility": ("Tillgänglighet", "Accessibility"),
    "calendar.title": (
        "Träffar och kvällar",
        "Meetups and evenings",
    ),
    "calendar.heading": (
        "Träffar och kvällar på Science Park",
        "Meetups and evenings at Science Park",
    ),
    "calendar.intro": (
        "Idékvällar, afterworks, kreativa workshoppar och starta eget-kvällar i länets "
        "kommuner. Anmäl dig i chatten (skriv /events) – det är gratis.",
        "Idea evenings, afterworks, creative workshops and start-your-own-business "
        "evenings across the county. Sign up in the chat (type /events) – it is free.",
    ),
    "calendar.all": (
        "Hela länet",
        "The whole county",
    ),
    "calendar.none": (
        "Inga träffar är inplanerade just nu.",
        "No meetups are planned just now.",
    ),
    "calendar.subscribe": (
        "Prenumerera på kalendern (iCalendar)",
        "Subscribe to the calendar (iCalendar)",
    ),
    "calendar.full": (
        "Fullt – väntelista finns",
        "Full – waiting list open",
    ),
    "calendar.cancelled": (
        "Inställt",
        "Cancelled",
    ),
    "calendar.nodes": (
        "Välj ort",
        "Choose a place",
    ),
    "calendar.register": (
        "Anmäl dig i chatten",
        "Sign up in the chat",
    ),
    "calendar.places": (
        "{n} platser",
        "{n} places",
    ),
    "calendar.region": (
        "Hela länet",
        "The whole county",
    ),
    "calendar.other_language": (
        "In English",
        "På svenska",
    ),
}


def _translations() -> dict[str, dict[str, str]]:
    """The page's words in further languages: ``texts.<lang>.yaml`` beside this file
    (``status: draft`` until a native speaker has reviewed them)."""
    from bot.datafiles.yamlfiles import read_yaml

    found: dict[str, dict[str, str]] = {}
    for path in sorted(Path(__file__).parent.glob("texts.*.yaml")):
        raw = read_yaml(path.read_text(encoding="utf-8"))
        unknown = set(raw["messages"]) - set(TEXTS)
        if unknown:
            raise ValueError(f"{path.name}: unknown texts {sorted(unknown)}")
        found[str(raw["language"])] = {str(k): str(v) for k, v in raw["messages"].items()}
    return found


TRANSLATIONS = _translations()
# The languages the page speaks: Swedish (the default), English, and each translation.
LANGUAGES: tuple[str, ...] = ("sv", "en", *sorted(TRANSLATIONS))
RIGHT_TO_LEFT = frozenset({"ar", "fa"})


def text(key: str, language: str, **values: object) -> str:
    """The text in the language (English where a translation lacks it); with ``values``,
    filled in."""
    sv, en = TEXTS[key]
    chosen = TRANSLATIONS.get(language, {}).get(key) or (sv if language == "sv" else en)
    return chosen.format(**values) if values else chosen


def section(prefix: str, language: str) -> dict[str, str]:
    """Every text under ``prefix`` in the language, keyed without it (for a template)."""
    return {k.removeprefix(prefix): text(k, language) for k in TEXTS if k.startswith(prefix)}
