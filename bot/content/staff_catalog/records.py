"""The roster, the audit trail, privacy requests and staff accounts."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # roster
    "roster.title": ("Rådgivarlistan", "The roster"),
    "roster.intro": (
        "Alla rådgivare med nod, kompetens, språk och kapacitet. En inaktiv rådgivare får inga "
        "nya ärenden men behåller sina gamla.",
        "Every advisor with node, expertise, languages and capacity. An inactive advisor gets "
        "no new cases but keeps their old ones.",
    ),
    "roster.add": ("Lägg till en rådgivare", "Add an advisor"),
    "roster.export": ("Ladda ner som CSV", "Download as CSV"),
    "roster.import": ("Importera en fil", "Import a file"),
    "roster.file": ("Fil (CSV eller YAML)", "File (CSV or YAML)"),
    "roster.replace": (
        "Inaktivera rådgivare som saknas i filen",
        "Deactivate advisors missing from the file",
    ),
    "roster.import_button": ("Importera", "Import"),
    "roster.problems": (
        "Filen har fel; inget ändrades:",
        "The file has problems; nothing changed:",
    ),
    "roster.form_problems": ("Kontrollera uppgifterna:", "Check the details:"),
    "roster.row_problem": ("Rad {row}, {field}: {problem}", "Row {row}, {field}: {problem}"),
    "roster.not_utf8": (
        "Filen är inte text i UTF-8. Spara den som CSV (UTF-8) och försök igen.",
        "The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.",
    ),
    # a form field's problem, shown beside the field (code: FieldProblem.code or pydantic's
    # error type); {detail} is the value it is about
    "form.error.invalid": ("Kontrollera det här fältet.", "Check this field."),
    "form.error.missing": ("Fyll i det här fältet.", "Fill in this field."),
    "form.error.string_too_short": ("Fyll i det här fältet.", "Fill in this field."),
    "form.error.string_too_long": ("Texten är för lång.", "The text is too long."),
    "form.error.string_pattern_mismatch": (
        "Använd bara bokstäver a–z, siffror och . _ - (inga mellanslag).",
        "Use only letters a–z, digits and . _ - (no spaces).",
    ),
    "form.error.value_error": (
        "Det ser inte ut som en e-postadress.",
        "That does not look like an email address.",
    ),
    "form.error.int_parsing": (
        "Skriv ett heltal, till exempel 5.",
        "Write a whole number, for example 5.",
    ),
    "form.error.greater_than_equal": (
        "Talet kan inte vara negativt.",
        "The number cannot be negative.",
    ),
    "form.error.less_than_equal": ("Högst 200.", "At most 200."),
    "form.error.enum": ("Välj bland språken i listan.", "Choose among the languages listed."),
    "form.error.unknown_node": ("Välj en nod i listan.", "Choose a node from the list."),
    "form.error.unknown_kind": ("Välj ett slag i listan.", "Choose a kind from the list."),
    "form.error.not_a_time": (
        "Skriv ett datum och en tid, till exempel 2026-12-08 18:00.",
        "Give a date and a time, for example 2026-12-08 18:00.",
    ),
    "form.error.in_the_past": (
        "Tiden har redan varit. Välj en tid framåt.",
        "That time has passed. Choose a time ahead.",
    ),
    "form.error.ends_before_start": (
        "Träffen måste sluta efter att den börjar.",
        "The event must end after it starts.",
    ),
    "form.error.too_long": (
        "En träff kan vara högst två veckor lång.",
        "An event can last at most two weeks.",
    ),
    "form.error.at_least_one": (
        "Minst 1 plats, eller lämna tomt för obegränsat.",
        "At least 1 place, or leave it empty for no limit.",
    ),
    "form.error.markup": (
        "Skriv rubriken som vanlig text, utan HTML.",
        "Write the title as plain text, without HTML.",
    ),
    "form.error.over": (
        "Träffen är inställd eller har redan varit, så den kan inte ändras.",
        "The event is cancelled or over, so it cannot be changed.",
    ),
    "form.error.orgnr": (
        "Det ser inte ut som ett organisationsnummer: tio siffror, till exempel 556012-5790.",
        "That does not look like an organisation number: ten digits, e.g. 556012-5790.",
    ),
    "form.error.control_characters": (
        "Texten innehåller tecken som inte går att spara. Skriv den igen.",
        "The text holds characters that cannot be saved. Type it again.",
    ),
    "form.error.unknown_choice": ("Välj ett av alternativen.", "Choose one of the options."),
    "form.error.sni_digits": (
        "En SNI-kod är siffror, till exempel 56100.",
        "An SNI code is digits, for example 56100.",
    ),
    "form.error.in_the_future": (
        "Datumet har inte varit än.",
        "That date has not come yet.",
    ),
    "form.error.date_needed": (
        "Skriv registreringsdatumet när du bekräftar registreringen.",
        "Give the registration date when you confirm the registration.",
    ),
    "form.error.not_a_date": (
        "Skriv ett datum, till exempel 2026-12-08.",
        "Give a date, for example 2026-12-08.",
    ),
    "form.error.erased": (
        "Grundarens uppgifter är raderade, så inget företag kan knytas till ärendet.",
        "The founder's data is erased, so no company can be linked to the case.",
    ),
    "form.error.file_too_large": ("Filen är större än 20 MB.", "The file is larger than 20 MB."),
    "form.error.file_empty": ("Filen är tom.", "The file is empty."),
    "form.error.no_orgnr_column": (
        "Filen saknar en kolumn med organisationsnummer (orgnr).",
        "The file has no column of organisation numbers (orgnr).",
    ),
    "form.error.too_many_rows": ("Filen har för många rader.", "The file has too many rows."),
    "companies.row_problem": ("Rad {row}: {problem}", "Row {row}: {problem}"),
    "form.error.file_too_large_mb": (
        "Filen är större än {detail} MB.",
        "The file is larger than {detail} MB.",
    ),
    "form.error.not_ics": (
        "Filen är ingen iCalendar-fil (.ics).",
        "The file is not an iCalendar file (.ics).",
    ),
    "form.error.no_events": (
        "Filen har inga träffar (VEVENT).",
        "The file has no events (VEVENT).",
    ),
    "form.error.too_many_events": (
        "Filen har fler än {detail} träffar.",
        "The file has more than {detail} events.",
    ),
    "form.error.repeats": (
        "Den upprepas (RRULE). Lägg in varje datum som en egen träff.",
        "It repeats (RRULE). Add each date as an event of its own.",
    ),
    "form.error.no_summary": ("Den saknar rubrik (SUMMARY).", "It has no title (SUMMARY)."),
    "form.error.all_day": (
        "Den gäller hela dagen. Ge den en starttid.",
        "It is an all-day entry. Give it a start time.",
    ),
    "form.error.no_start": ("Den saknar starttid (DTSTART).", "It has no start (DTSTART)."),
    "form.error.no_location": ("Den saknar plats (LOCATION).", "It has no place (LOCATION)."),
    "form.error.already_begun": (
        "den har redan börjat ({detail})",
        "it has already begun ({detail})",
    ),
    "event.import_entry": (
        "Post {number} ({title}): {problem}",
        "Entry {number} ({title}): {problem}",
    ),
    "event.import_problem": (
        "Post {number} ({title}), {field}: {problem}",
        "Entry {number} ({title}), {field}: {problem}",
    ),
    "form.error.unknown_tag": ("Okända kompetenser: {detail}.", "Unknown expertise: {detail}."),
    "form.error.key_taken": (
        "Nyckeln {detail} finns redan i rådgivarlistan. Välj en annan, eller ändra den "
        "rådgivaren i stället.",
        "The key {detail} is already on the roster. Choose another, or edit that advisor instead.",
    ),
    "form.error.slack_taken": (
        "Slack-id:t används redan av rådgivaren {detail}.",
        "The Slack id is already used by advisor {detail}.",
    ),
    "roster.imported": ("Importerat: {line}", "Imported: {line}"),
    "roster.key": ("Nyckel", "Key"),
    "roster.name": ("Namn", "Name"),
    "roster.email": ("E-post", "Email"),
    "roster.slack": ("Slack-id", "Slack id"),
    "roster.expertise": ("Kompetens", "Expertise"),
    "roster.sectors": ("Branscher", "Sectors"),
    "roster.needs": ("Behov", "Needs"),
    "roster.languages": ("Språk", "Languages"),
    "roster.capacity": ("Kapacitet (pågående ärenden)", "Capacity (active cases)"),
    "roster.coordinator": ("Samordnare i Slack", "Coordinator in Slack"),
    "roster.active": ("Aktiv", "Active"),
    "roster.edit": ("Ändra", "Edit"),
    "roster.edit_title": ("Ändra {name}", "Edit {name}"),
    "roster.save": ("Spara", "Save"),
    "ok.advisor_saved": ("Rådgivaren är sparad.", "The advisor is saved."),
    "err.file_missing": ("Välj en fil att importera.", "Choose a file to import."),
    "err.file_too_large": (
        "Filen är för stor (högst 1 MB).",
        "The file is too large (1 MB at most).",
    ),
    "err.roster_invalid": ("Kontrollera uppgifterna.", "Check the details."),
    # audit
    "audit.title": ("Händelselogg", "Audit trail"),
    "audit.filters": ("Filtrera loggen", "Filter the log"),
    "audit.when": ("När", "When"),
    "audit.what": ("Vad", "What"),
    "audit.who": ("Vem", "Who"),
    "audit.why": ("Varför", "Why"),
    "audit.subject": ("Gäller", "Concerns"),
    "audit.from": ("Från och med", "From"),
    "audit.to": ("Till och med", "To"),
    "audit.none": ("Inga händelser med de filtren.", "No events with those filters."),
    "actor.system": ("systemet", "the system"),
    "actor.founder": ("personen", "the person"),
    "actor.advisor": ("rådgivare", "advisor"),
    "actor.coordinator": ("samordnare", "coordinator"),
    "actor.node_manager": ("nodansvarig", "node manager"),
    "actor.admin": ("administratör", "admin"),
    "actor.staff": ("personal", "staff"),
    "event.opened": ("Öppnat", "Opened"),
    "event.offered": ("Erbjudet", "Offered"),
    "event.accepted": ("Taget", "Accepted"),
    "event.declined": ("Nej tack", "Declined"),
    "event.reminded": ("Påminnelse", "Reminded"),
    "event.expired": ("Gick ut", "Expired"),
    "event.escalated": ("Till samordnare", "Escalated"),
    "event.match_again": ("Matchat på nytt", "Matched again"),
    "event.reassigned": ("Tilldelat", "Reassigned"),
    "event.in_contact": ("I kontakt", "In contact"),
    "event.coaching_started": ("Coachning påbörjad", "Coaching started"),
    "event.closed": ("Avslutat", "Closed"),
    "event.stall_reminder": ("Väntar fortfarande", "Still waiting"),
    "event.contact_overdue": ("Kontakt dröjer", "Contact overdue"),
    "event.notification_failed": ("Meddelande gick inte fram", "Notification failed"),
    "event.founder_erased": ("Personen raderad", "Person erased"),
    "event.founder_added": ("Personen lade till", "The person added"),
    "event.possible_same_founder": ("Kanske samma person", "Possibly the same person"),
    "event.transcript_viewed": ("Samtalet lästes", "Conversation read"),
    "event.sector_corrected": ("Bransch ändrad", "Sector corrected"),
    "event.roster_imported": ("Rådgivarlista importerad", "Roster imported"),
    "event.roster_slack_linked": ("Slack-konton kopplade", "Slack accounts linked"),
    "event.intake_started": ("Samtal påbörjat", "Intake started"),
    "event.consent_carried": ("Samtycke sedan tidigare", "Consent carried over"),
    "event.consent_given": ("Samtycke givet", "Consent given"),
    "event.intake_submitted": ("Idé inskickad", "Idea submitted"),
    "event.intake_cancelled": ("Samtal avbrutet", "Intake cancelled"),
    "event.referred_out_of_region": ("Hänvisad utanför länet", "Referred outside the region"),
    "event.deleted_on_request": ("Raderad på egen begäran", "Erased on request"),
    "event.unreachable_advisors_told": (
        "Samordnarna fick veta vilka som inte nås",
        "Coordinators told who cannot be reached",
    ),
    "event.monthly_summary_sent": ("Månadssammanfattning skickad", "Monthly summary sent"),
    "event.event_added": ("Träff tillagd", "Event added"),
    "event.event_changed": ("Träff ändrad", "Event changed"),
    "event.event_cancelled": ("Träff inställd", "Event cancelled"),
    "event.events_imported": ("Träffar importerade", "Events imported"),
    "event.event_attendance": ("Närvaro noterad", "Attendance noted"),
    "event.event_registered": ("Anmäld till träff", "Registered for an event"),
    "event.event_waitlisted": ("På väntelista", "On the waiting list"),
    "event.event_unregistered": ("Avanmäld från träff", "Left an event"),
    "event.absence_set": ("Frånvaro inlagd", "Absence set"),
    "event.absence_cancelled": ("Frånvaro borttagen", "Absence cancelled"),
    "event.consent_declined": ("Samtycke nekat", "Consent declined"),
    "event.founder_exported": ("Personens uppgifter exporterade", "Person's data exported"),
    "event.founder_viewed": ("Personens uppgifter visade", "Person's data shown"),
    "event.founders_linked": ("Två poster kopplade", "Two records linked"),
    "event.rebalance_applied": ("Omfördelning genomförd", "Rebalancing applied"),
    "event.retention_applied": ("Gallring", "Retention"),
    "event.retention_erased": ("Gallrad", "Erased by retention"),
    "event.sign_in": ("Inloggning", "Sign-in"),
    "event.sign_in_refused": ("Nekad inloggning", "Sign-in refused"),
    "event.sign_out": ("Utloggning", "Sign-out"),
    "event.access_refused": ("Nekad åtkomst", "Access refused"),
    "event.staff_added": ("Konto skapat", "Account added"),
    "event.staff_removed": ("Konto borttaget", "Account removed"),
    "event.staff_role_changed": ("Roll ändrad", "Role changed"),
    "event.staff_password_link": ("Lösenordslänk skapad", "Password link made"),
    "event.staff_password_set": ("Lösenord valt", "Password set"),
    # privacy
    "privacy.title": ("Integritet och personers rättigheter", "Privacy and people's rights"),
    "privacy.intro": (
        "Hitta en person som bett om sina uppgifter eller om radering. Allt du gör här loggas.",
        "Find a person who asked for their data or for erasure. Everything you do here is logged.",
    ),
    "privacy.needle": ("E-post, telefon eller ärendenummer", "Email, phone or case reference"),
    "privacy.find": ("Sök", "Find"),
    "privacy.none": ("Ingen person hittades.", "No person found."),
    "founder.title": (
        "Vad vi har sparat om person nr {id}",
        "What we keep about person no. {id}",
    ),
    "founder.title_named": ("Vad vi har sparat om {name}", "What we keep about {name}"),
    "founder.intro": (
        "Här är allt Science Park har sparat om personen: det hen berättade i chatten, "
        "ärendena och mötena, i den ordning det kom till. Du kan läsa upp det för personen "
        "eller skicka filen nedan, som innehåller samma uppgifter i maskinläsbar form.",
        "Here is everything Science Park keeps about the person: what they told us in the chat, "
        "their cases and meetings, in the order they came. You can read it to the person or "
        "send them the file below, which holds the same in a machine-readable form.",
    ),
    "founder.number": ("Nummer i systemet", "Number in the system"),
    "founder.consent_given": ("gav samtycke {when}", "gave consent on {when}"),
    "founder.consent_none": (
        "inget samtycke (inget av det hen skrev sparades)",
        "no consent (nothing they wrote was stored)",
    ),
    "founder.about_you": ("Frivilliga svar", "Optional answers"),
    "founder.about_you_kept": (
        "Svaren om kön, ålder och födelseland till regionens jämställdhetsstatistik finns "
        "sparade. De visas aldrig per person här; de finns i filen.",
        "The answers about gender, age and country of birth for the region's equality "
        "figures are kept. They are never shown per person here; they are in the file.",
    ),
    "founder.sessions": ("Loggade samtal", "Sessions logged"),
    "founder.minutes": ("{n} minuter", "{n} minutes"),
    "founder.session_notes": ("Rådgivarens anteckningar", "The advisor's notes"),
    "founder.next_step": ("Nästa steg", "Next step"),
    "founder.events": ("Anmälningar till evenemang", "Event registrations"),
    "founder.kept_title": ("Hur länge vi sparar det", "How long we keep it"),
    "founder.kept": (
        "Ett samtal som aldrig blev ett ärende raderas {abandoned} dagar efter det sista "
        "meddelandet. När ett ärende är avslutat raderas samtalet efter {transcript} dagar, "
        "och alla personuppgifter {closed} dagar efter att det sista ärendet avslutades. "
        "Personen kan när som helst be om radering (eller skriva /delete i chatten).",
        "An intake that never became a case is erased {abandoned} days after its last "
        "message. Once a case has ended, its conversation is erased after {transcript} days, "
        "and all personal data {closed} days after the last case ended. The person can ask "
        "for erasure at any time (or write /delete in the chat).",
    ),
    "conversation_status.active": ("pågår", "in progress"),
    "conversation_status.submitted": ("skickat som ärende", "sent as a case"),
    "conversation_status.referred": ("hänvisad utanför länet", "referred outside the county"),
    "conversation_status.cancelled": ("avbrutet", "cancelled"),
    "founder.logged": (
        "Att du öppnade den här sidan är loggat.",
        "That you opened this page is logged.",
    ),
    "founder.download": (
        "Ladda ner allt som JSON (art. 15 och 20)",
        "Download everything as JSON (art. 15 and 20)",
    ),
    "founder.person": ("Personen", "The person"),
    "founder.consent": ("Samtycke", "Consent"),
    "founder.first_seen": ("Första kontakt", "First contact"),
    "founder.channels": ("Kanaler", "Channels"),
    "founder.cases": ("Ärenden", "Cases"),
    "founder.no_cases": ("Inga ärenden.", "No cases."),
    "founder.conversations": ("Samtal", "Conversations"),
    "founder.erase": ("Radera personen", "Erase the person"),
    "founder.erase_intro": (
        "Samma radering som när personen skriver /delete: samtal, svar och kontaktuppgifter "
        "tas bort, öppna ärenden stängs och rådgivarna får besked. Siffrorna i statistiken "
        "finns kvar utan personuppgifter.",
        "The same erasure as when the person writes /delete: conversations, answers and "
        "contact details are removed, open cases are closed and their advisors told. The "
        "figures in the results stay, without personal data.",
    ),
    "founder.asked_by": ("Vem bad om det, och hur?", "Who asked for it, and how?"),
    "founder.confirm": (
        "Jag förstår att det inte går att ångra.",
        "I understand that it cannot be undone.",
    ),
    "founder.erase_button": ("Radera för alltid", "Erase for good"),
    # staff
    "staff.title": ("Personal och roller", "Staff and roles"),
    "staff.role": ("Roll", "Role"),
    "staff.role_of": ("Roll för {email}", "Role of {email}"),
    "staff.change_role": ("Ändra", "Change"),
    "staff.password": ("Lösenord valt", "Password set"),
    "staff.not_set": ("Inte än", "Not yet"),
    "staff.actions": ("Åtgärder", "Actions"),
    "staff.new_link": ("Ny lösenordslänk", "New password link"),
    "staff.remove": ("Ta bort", "Remove"),
    "staff.add": ("Lägg till en person", "Add a person"),
    "staff.add_button": ("Lägg till", "Add"),
    "staff.advisor_key": ("Rådgivarnyckel (för rådgivare)", "Advisor key (for advisors)"),
    "staff.nodes": ("Noder (för nodansvariga)", "Nodes (for node managers)"),
    "staff.nodes_of": ("Noder", "Nodes"),
    "staff.link_intro": (
        "Skicka den här länken till {email}. Den visas bara nu och gäller i 72 timmar.",
        "Send this link to {email}. It is shown only now and is valid for 72 hours.",
    ),
}
