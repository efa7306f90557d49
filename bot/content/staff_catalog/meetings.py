"""Meetings in the console: an advisor's meeting hours and calendar feed, a case's meetings
and its session log."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.hours": ("Mina mötestider", "My meeting hours"),
    "hours.title": ("Mötestider", "Meeting hours"),
    "hours.title_for": ("Mötestider: {name}", "Meeting hours: {name}"),
    "hours.intro": (
        "Grundare som du tar ärenden från får välja en tid för ert första möte bland de här "
        "tiderna, med ett tryck. Helgdagar, aftnar och din frånvaro räknas bort, och en tid "
        "som någon har bokat erbjuds inte igen.",
        "Founders whose cases you take pick a time for your first meeting from these hours, "
        "with one press. Public holidays, eves and your absences are left out, and a time "
        "someone has booked is not offered again.",
    ),
    "hours.weekly": ("Varje vecka", "Every week"),
    "hours.none": (
        "Inga mötestider än: grundarna får veta att du hör av dig.",
        "No meeting hours yet: founders are told you will be in touch.",
    ),
    "hours.weekday": ("Veckodag", "Weekday"),
    "hours.from": ("Från", "From"),
    "hours.to": ("Till", "To"),
    "hours.slot": ("Mötets längd", "Meeting length"),
    "hours.minutes": ("{n} min", "{n} min"),
    "hours.place_kind": ("Var", "Where"),
    "hours.place": ("Adress eller videolänk", "Address or video link"),
    "hours.place_hint": (
        "Kontoret: gatuadressen. Video: hela länken, som börjar med https://.",
        "Office: the street address. Video: the whole link, starting with https://.",
    ),
    "hours.node": ("Vilken nod (för en annan nod)", "Which node (for another node)"),
    "hours.add": ("Lägg till tider", "Add hours"),
    "hours.remove": ("Ta bort", "Remove"),
    "hours.remove_for": ("Ta bort {day} {start}–{end}", "Remove {day} {start}–{end}"),
    "hours.kind.office": ("Mitt kontor", "My office"),
    "hours.kind.node": ("En annan nod", "Another node"),
    "hours.kind.video": ("Video", "Video"),
    "hours.free": (
        "Lediga tider de närmaste tio arbetsdagarna",
        "Free times in the next ten working days",
    ),
    "hours.free_none": ("Inga lediga tider just nu.", "No free times just now."),
    "hours.coming": ("Kommande möten", "Coming meetings"),
    "hours.coming_none": ("Inga bokade möten.", "No meetings booked."),
    "hours.feed": ("Kalenderprenumeration", "Calendar subscription"),
    "hours.feed_intro": (
        "En privat länk som Outlook eller Google Kalender kan prenumerera på: dina bokade "
        "möten, flyttade och inställda. Länken är hemlig – den som har den ser dina möten. "
        "En ny länk gör den gamla ogiltig.",
        "A private link Outlook or Google Calendar can subscribe to: your booked meetings, "
        "moved and cancelled. The link is secret – whoever has it sees your meetings. A new "
        "link makes the old one stop working.",
    ),
    "hours.feed_on": ("Du har en länk i bruk.", "You have a link in use."),
    "hours.feed_off": ("Ingen länk i bruk.", "No link in use."),
    "hours.feed_make": ("Skapa en ny länk", "Make a new link"),
    "hours.feed_revoke": ("Stäng av länken", "Turn the link off"),
    "hours.feed_made": (
        "Här är din nya länk. Kopiera den nu – den visas bara den här gången:",
        "Here is your new link. Copy it now – it is shown only this once:",
    ),
    "hours.feed_name": ("Science Park – möten ({name})", "Science Park – meetings ({name})"),
    "hours.feed_summary": ("Möte: {ref}", "Meeting: {ref}"),
    "weekday.0": ("måndag", "Monday"),
    "weekday.1": ("tisdag", "Tuesday"),
    "weekday.2": ("onsdag", "Wednesday"),
    "weekday.3": ("torsdag", "Thursday"),
    "weekday.4": ("fredag", "Friday"),
    # a case's meetings and session log
    "meetings.title": ("Möten och rådgivning", "Meetings and advising"),
    "meetings.none": ("Inga möten bokade.", "No meetings booked."),
    "meetings.when": ("När", "When"),
    "meetings.where": ("Var", "Where"),
    "meetings.status": ("Läge", "Status"),
    "meetings.status.booked": ("bokat", "booked"),
    "meetings.status.cancelled": ("inställt", "cancelled"),
    "meetings.status.held": ("genomfört", "held"),
    "meetings.status.no_show": ("uteblev", "no-show"),
    "meetings.held": ("Genomfört", "Held"),
    "meetings.no_show": ("Uteblev", "No-show"),
    "meetings.cancel": ("Ställ in", "Cancel"),
    "meetings.cancel_why": (
        "Varför? (grundaren får inte se det)",
        "Why? (the founder does not see it)",
    ),
    "meetings.video": ("Video", "Video"),
    "sessions.title": ("Rådgivningslogg", "Session log"),
    "sessions.none": ("Inga samtal loggade än.", "No sessions logged yet."),
    "sessions.total": (
        "Sammanlagt {minutes} minuter i {count} samtal.",
        "{minutes} minutes in {count} sessions in all.",
    ),
    "sessions.date": ("Datum", "Date"),
    "sessions.minutes": ("Minuter", "Minutes"),
    "sessions.kind": ("Slag", "Kind"),
    "sessions.channel": ("Hur", "How"),
    "sessions.by": ("Vem", "Who"),
    "sessions.notes": ("Anteckningar", "Notes"),
    "sessions.next_step": ("Nästa steg", "Next step"),
    "sessions.notes_hint": (
        "Anteckningarna är personuppgifter: bara du, nodens chef och administratörer kan läsa "
        "dem, varje läsning loggas, och de raderas med grundarens uppgifter.",
        "The notes are personal data: only you, the node's manager and admins can read them, "
        "every read is logged, and they are erased with the founder's data.",
    ),
    "sessions.show_notes": ("Visa anteckningarna (loggas)", "Show the notes (logged)"),
    "sessions.erased": ("raderat", "erased"),
    "sessions.add": ("Logga ett samtal", "Log a session"),
    "sessions.save": ("Spara", "Save"),
    "sessions.kind.first_meeting": ("första möte", "first meeting"),
    "sessions.kind.advice": ("rådgivning", "advice"),
    "sessions.kind.coaching": ("coachning", "coaching"),
    "sessions.kind.workshop": ("workshop", "workshop"),
    "sessions.channel.in_person": ("på plats", "in person"),
    "sessions.channel.video": ("video", "video"),
    "sessions.channel.phone": ("telefon", "phone"),
    # referrals to partners
    "nav.partners": ("Partner", "Partners"),
    "partners.title": ("Partnerorganisationer", "Partner organisations"),
    "partners.intro": (
        "Rådgivarna kan skicka vidare en grundare till de här organisationerna, med "
        "grundarens samtycke. En partner utan e-postadress kan inte få några kontakter.",
        "Advisors can refer a founder to these organisations, with the founder's consent. A "
        "partner without an email address cannot receive any contacts.",
    ),
    "partners.email": ("E-post för kontakter", "Email for referrals"),
    "partners.active": ("I bruk", "In use"),
    "partners.save": ("Spara", "Save"),
    "partners.save_for": ("Spara {name}", "Save {name}"),
    "referrals.title": ("Skickad vidare", "Referrals"),
    "referrals.none": ("Inte skickad vidare till någon partner.", "Not referred to any partner."),
    "referrals.partner": ("Partner", "Partner"),
    "referrals.asked": ("Frågat", "Asked"),
    "referrals.status": ("Läge", "Status"),
    "referrals.outcome": ("Utfall", "Outcome"),
    "referrals.status.asked": ("väntar på grundarens svar", "waiting for the founder"),
    "referrals.status.declined": (
        "grundaren sa nej: inget skickat",
        "the founder said no: nothing sent",
    ),
    "referrals.status.sent": ("skickad", "sent"),
    "referrals.status.received": ("mottagen av partnern", "received by the partner"),
    "referrals.outcome.helped": ("partnern hjälpte", "the partner helped"),
    "referrals.outcome.no_contact": ("ingen kontakt blev av", "no contact came of it"),
    "referrals.outcome.not_relevant": ("passade inte", "not a fit"),
    "referrals.save_outcome": ("Spara utfallet", "Save the outcome"),
    "referrals.add": ("Skicka vidare till en partner", "Refer to a partner"),
    "referrals.consent_hint": (
        "Grundaren får frågan i sin egen chatt och svarar ja eller nej. Inget skickas utan "
        "ett ja, och bara det du kryssar i.",
        "The founder is asked in their own chat and answers yes or no. Nothing is sent "
        "without a yes, and only what you tick.",
    ),
    "referrals.shares": (
        "Vad får partnern (om grundaren säger ja)",
        "What the partner gets (if the founder agrees)",
    ),
    "referrals.share.name": ("Namn", "Name"),
    "referrals.share.contact": ("E-post eller telefon", "Email or phone"),
    "referrals.share.idea": ("Idén med grundarens ord", "The idea in the founder's words"),
    "referrals.no_address": ("ingen adress än", "no address yet"),
    "referrals.ask": ("Fråga grundaren", "Ask the founder"),
    "referral.receipt_title": ("En kontakt från Science Park", "A contact from Science Park"),
    "referral.receipt_ask": (
        "Science Park har skickat en kontakt till {partner} (vårt ärende {ref}). Bekräfta att "
        "ni har tagit emot den, så vet rådgivaren att den kommit fram.",
        "Science Park has sent a contact to {partner} (our case {ref}). Please confirm that "
        "you have received it, so the advisor knows it arrived.",
    ),
    "referral.receipt_button": ("Vi har tagit emot kontakten", "We have received the contact"),
    "referral.receipt_done": (
        "Tack! Rådgivaren vet nu att {partner} har tagit emot kontakten ({ref}).",
        "Thank you! The advisor now knows that {partner} has received the contact ({ref}).",
    ),
    "referral.unknown_link": (
        "Länken gäller inte (den kan vara felskriven).",
        "The link is not valid (it may be mistyped).",
    ),
    "ok.referral_asked": (
        "Grundaren har fått frågan. Inget skickas förrän hen säger ja.",
        "The founder has been asked. Nothing is sent until they say yes.",
    ),
    "ok.referral_outcome": ("Utfallet är sparat.", "The outcome is saved."),
    "ok.partner_saved": ("Partnern är sparad.", "The partner is saved."),
    "err.referral_invalid": (
        "Det gick inte: välj en partner som har en adress, och kryssa i kontaktuppgifterna. "
        "En fråga som väntar på svar skickas inte två gånger.",
        "That did not work: choose a partner with an address, and tick the contact details. "
        "A question waiting for an answer is not sent twice.",
    ),
    "event.referral_asked": (
        "Grundaren tillfrågad om att skickas vidare",
        "Founder asked about a referral",
    ),
    "event.referral_declined": (
        "Grundaren sa nej till att skickas vidare",
        "Founder declined a referral",
    ),
    "event.referral_sent": ("Skickad vidare till partner", "Referred to a partner"),
    "event.referral_received": ("Partnern bekräftade", "The partner confirmed"),
    "event.referral_outcome": ("Utfall av hänvisning", "Referral outcome"),
    "event.partner_changed": ("Partner ändrad", "Partner changed"),
    "case.offered_to": (
        "erbjudet till {names}, väntar på svar",
        "offered to {names}, awaiting an answer",
    ),
    # companies and verified starts
    "nav.companies": ("Företagsregister", "Company registry"),
    "company.title": ("Företaget", "The company"),
    "company.none": ("Inget företag angivet än.", "No company named yet."),
    "company.orgnr": ("Organisationsnummer", "Organisation number"),
    "company.orgnr_hint": (
        "Tio siffror, med eller utan bindestreck. En enskild firmas nummer är ägarens "
        "personnummer: det visas dolt och raderas med personens uppgifter.",
        "Ten digits, with or without the hyphen. A sole trader's number is the owner's "
        "personnummer: it is shown masked and erased with the person's data.",
    ),
    "company.name": ("Företagsnamn", "Company name"),
    "company.legal_form": ("Företagsform", "Legal form"),
    "company.registered_on": ("Registrerat", "Registered"),
    "company.sni": ("SNI-kod", "SNI code"),
    "company.size_class": ("Anställda", "Employees"),
    "company.employees": ("{n} anställda", "{n} employees"),
    "company.verified": ("Registreringen bekräftad", "Registration confirmed"),
    "company.verified_by.advisor": ("av rådgivaren", "by the advisor"),
    "company.verified_by.registry": ("av registerutdrag", "by a registry extract"),
    "company.verified_by.none": ("inte än", "not yet"),
    "company.confirmed": (
        "Jag har sett registreringen (hos Bolagsverket eller Skatteverket)",
        "I have seen the registration (at Bolagsverket or Skatteverket)",
    ),
    "company.edit": ("Ange företaget", "Name the company"),
    "company.save": ("Spara företaget", "Save the company"),
    "legal_form.aktiebolag": ("aktiebolag", "limited company"),
    "legal_form.enskild_firma": ("enskild firma", "sole trader"),
    "legal_form.handelsbolag": ("handelsbolag eller kommanditbolag", "partnership"),
    "legal_form.ekonomisk_forening": ("ekonomisk förening", "economic association"),
    "legal_form.ideell_forening": ("ideell förening eller stiftelse", "non-profit or foundation"),
    "legal_form.public_body": ("offentlig verksamhet", "public body"),
    "legal_form.other": ("annan", "other"),
    "companies.title": ("Registerutdrag", "Registry extracts"),
    "companies.intro": (
        "Ett utdrag från Bolagsverket eller SCB (CSV med organisationsnummer, namn, "
        "registreringsdatum och SNI) bekräftar registreringen för de företag som ärendena "
        "anger. Andra företag i utdraget sparas inte. Har en rad fel importeras ingenting.",
        "An extract from Bolagsverket or SCB (CSV with organisation number, name, "
        "registration date and SNI) confirms the registration of the companies the cases "
        "name. Other companies in the extract are not kept. If a row has an error, nothing is "
        "imported.",
    ),
    "companies.file": ("Utdraget (CSV)", "The extract (CSV)"),
    "companies.file_hint": (
        "Kolumner: orgnr (eller organisationsnummer), namn, registreringsdatum (ÅÅÅÅ-MM-DD), "
        "sni. Komma eller semikolon.",
        "Columns: orgnr (or organisationsnummer), name, registration date (YYYY-MM-DD), sni. "
        "Comma or semicolon.",
    ),
    "companies.import": ("Importera", "Import"),
    "companies.imported": (
        "{rows} rader lästa: {matched} av våra företag bekräftade, {not_ours} andra.",
        "{rows} rows read: {matched} of our companies confirmed, {not_ours} others.",
    ),
    "companies.problems": (
        "Inget importerades. Rätta de här raderna:",
        "Nothing was imported. Fix these rows:",
    ),
    "ok.company_saved": ("Företaget är sparat.", "The company is saved."),
    "ok.company_shared": (
        "Företaget är sparat. Det finns redan i ett annat ärende: det räknas en gång.",
        "The company is saved. It is already in another case: it counts once.",
    ),
    "err.company_invalid": (
        "Företaget gick inte att spara: kontrollera organisationsnumret (tio siffror, "
        "kontrollsiffran), datumet (inte i framtiden; behövs när du bekräftar) och SNI-koden.",
        "The company could not be saved: check the organisation number (ten digits, the check "
        "digit), the date (not in the future; needed when you confirm) and the SNI code.",
    ),
    "event.company_recorded": ("Företaget angivet", "Company named"),
    "event.followup_consent": ("Svar om uppföljning", "Answer about follow-ups"),
    "event.survey_sent": ("Enkät skickad", "Survey sent"),
    "event.accessibility_reported": (
        "Tillgänglighetsproblem rapporterat",
        "Accessibility problem reported",
    ),
    "event.survey_answered": ("Enkät besvarad", "Survey answered"),
    "event.followup_sent": ("Uppföljning skickad", "Follow-up sent"),
    "event.followup_answered": ("Uppföljning besvarad", "Follow-up answered"),
    "event.followup_reminded": ("Påminnelse om uppföljning", "Follow-up reminded"),
    "event.followup_unanswered": ("Uppföljning obesvarad", "Follow-up unanswered"),
    "event.followup_people": ("Antal som arbetar i företaget", "People working in the company"),
    "event.registry_imported": ("Registerutdrag importerat", "Registry extract imported"),
    # the case's audit trail and the audit log
    "event.meeting_booked": ("Möte bokat", "Meeting booked"),
    "event.meeting_moved": ("Möte flyttat", "Meeting moved"),
    "event.meeting_cancelled": ("Möte inställt", "Meeting cancelled"),
    "event.meeting_held": ("Möte genomfört", "Meeting held"),
    "event.meeting_no_show": ("Grundaren uteblev", "Founder did not come"),
    "event.meeting_reminded": ("Påminnelse om möte skickad", "Meeting reminder sent"),
    "event.contact_asked": (
        "Ingen tid passade: grundaren vill bli kontaktad",
        "No time fitted: the founder asks to be contacted",
    ),
    "event.session_logged": ("Samtal loggat", "Session logged"),
    "event.session_notes_viewed": ("Samtalsanteckningar lästa", "Session notes read"),
    "event.meeting_hours_added": ("Mötestider tillagda", "Meeting hours added"),
    "event.meeting_hours_removed": ("Mötestider borttagna", "Meeting hours removed"),
    "event.calendar_feed_made": ("Kalenderlänk skapad", "Calendar link made"),
    "event.calendar_feed_revoked": ("Kalenderlänk avstängd", "Calendar link turned off"),
    # notices
    "ok.hours_added": ("Tiderna är tillagda.", "The hours are added."),
    "ok.hours_removed": (
        "Tiderna är borttagna. Redan bokade möten står kvar.",
        "The hours are removed. Meetings already booked stay.",
    ),
    "ok.feed_revoked": ("Länken är avstängd.", "The link is turned off."),
    "ok.meeting_held": ("Mötet är markerat som genomfört.", "The meeting is marked held."),
    "ok.meeting_no_show": (
        "Mötet är markerat: grundaren uteblev.",
        "The meeting is marked a no-show.",
    ),
    "ok.meeting_cancelled": (
        "Mötet är inställt. Grundaren har fått veta det och kan välja en ny tid.",
        "The meeting is cancelled. The founder has been told and can pick a new time.",
    ),
    "ok.session_logged": ("Samtalet är loggat.", "The session is logged."),
    "err.hours_invalid": (
        "Tiderna gick inte att spara: kontrollera veckodag, tider (07–20), längd och plats (en "
        "videolänk börjar med https://).",
        "The hours could not be saved: check the weekday, the times (07–20), the length and the "
        "place (a video link starts with https://).",
    ),
    "err.meeting_invalid": (
        "Det gick inte: ett möte markeras när det har börjat, och bara kommande möten kan ställas "
        "in.",
        "That did not work: a meeting is marked once it has begun, and only coming meetings can be"
        " cancelled.",
    ),
    "err.session_invalid": (
        "Samtalet gick inte att logga: datum (inte i framtiden), minuter 1–480, slag och hur, "
        "anteckningar högst 4 000 tecken.",
        "The session could not be logged: the date (not in the future), minutes 1–480, kind and "
        "how, notes at most 4,000 characters.",
    ),
    "err.meeting_not_found": ("Mötet finns inte.", "No such meeting."),
}
