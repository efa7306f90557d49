"""Slack: lead cards, the decline modal, escalations, App Home, /spbot, reminders, errors."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # lead cards
    "slack.lead": ("*Ärende {ref}*", "*Lead {ref}*"),
    "slack.new_lead": ("*Nytt ärende {ref}*", "*New lead {ref}*"),
    "slack.new_lead_text": ("Nytt ärende {ref}", "New lead {ref}"),
    "slack.words": ("Grundarens ord: {words}", "Founder's words: {words}"),
    "slack.wrong_sector": ("Fel bransch? Välj rätt", "Wrong sector? Choose"),
    "slack.why_you": ("*Varför du*", "*Why you*"),
    "slack.answer_by": (
        "Svara senast {when}. Kontaktuppgifterna visas när du har tagit ärendet.",
        "Please answer by {when}. Contact details are shown once you accept.",
    ),
    "slack.accept": ("Ta ärendet", "Accept"),
    "slack.decline": ("Tacka nej", "Decline"),
    "slack.founder": ("Grundaren", "The founder"),
    "slack.contact_line": ("*{name}* – ärende {ref}", "*{name}* – case {ref}"),
    "slack.email": ("E-post: {value}", "Email: {value}"),
    "slack.phone": ("Telefon: {value}", "Phone: {value}"),
    "slack.prefers": (
        "Vill helst bli kontaktad via: {method}, språk: {tongue}",
        "Prefers: {method}, language: {tongue}",
    ),
    "slack.method.email": ("e-post", "email"),
    "slack.method.phone": ("telefon", "phone"),
    # the decline modal
    "slack.decline_title": ("Tacka nej", "Decline the lead"),
    "slack.cancel": ("Avbryt", "Cancel"),
    "slack.decline_why": (
        "Varför tackar du nej till {ref}? Ärendet går vidare till nästa rådgivare.",
        "Why are you declining {ref}? The case moves on to the next advisor.",
    ),
    "slack.reason": ("Skäl", "Reason"),
    "slack.choose_reason": ("Välj ett skäl.", "Please choose a reason."),
    "slack.note_for_coordinator": (
        "Något samordnaren bör veta?",
        "Anything the coordinator should know?",
    ),
    # answers on the card
    "slack.accepted_by": ("✅ Tagen av <@{user}>.", "✅ Accepted by <@{user}>."),
    "slack.declined_because": ("Nej tack: {reason}", "Declined: {reason}"),
    "slack.no_longer_open": ("Inte längre öppet ({status}).", "No longer open ({status})."),
    "slack.closed.expired": (
        "⌛ Erbjudandet gick ut och gick vidare till nästa rådgivare.",
        "⌛ This offer expired and went to the next advisor.",
    ),
    "slack.closed.withdrawn": (
        "↪️ En samordnare flyttade ärendet; erbjudandet är stängt.",
        "↪️ A coordinator moved this case; the offer is closed.",
    ),
    "slack.closed.accepted": ("✅ Taget.", "✅ Accepted."),
    "slack.closed.declined": ("Nej tack.", "Declined."),
    "slack.closed.erased": (
        "🗑 Raderat på grundarens begäran.",
        "🗑 Erased at the founder's request.",
    ),
    "slack.closed.away": (
        "🌴 Du är borta, så ärendet gick vidare till en kollega.",
        "🌴 You are away, so this lead went on to a colleague.",
    ),
    # messages to advisors
    "slack.reminder": (
        "Påminnelse: erbjudandet om {ref} går snart ut. Tar du det eller tackar du nej?",
        "Reminder: the offer for {ref} expires soon. Accept or decline?",
    ),
    "slack.founder_added": ("*{ref}* – grundaren lade till:", "*{ref}* – the founder added:"),
    "slack.founder_added_text": (
        "{ref}: grundaren lade till: {note}",
        "{ref}: the founder added: {note}",
    ),
    "slack.case_erased": (
        "{ref}: grundaren bad om att få sina uppgifter raderade, så ärendet är avslutat. "
        "Radera kontaktuppgifter eller anteckningar du har sparat utanför spbot.",
        "{ref}: the founder asked for their data to be erased, so the case is closed. "
        "Please delete any contact details or notes you kept outside spbot.",
    ),
    "slack.contact_overdue": (
        'Påminnelse: {ref} – {reason}. Kontakta grundaren och tryck sedan på "Vi har '
        'kontakt" under Hem i appen.',
        'Reminder: {ref} – {reason}. Please contact the founder, then press "We are in '
        'contact" in the App Home.',
    ),
    # meetings
    "slack.meeting.booked": (
        ":calendar: *{ref}*: {founder} har bokat ett möte med dig {when}, {where}.",
        ":calendar: *{ref}*: {founder} has booked a meeting with you on {when}, {where}.",
    ),
    "slack.meeting.moved": (
        ":calendar: *{ref}*: {founder} har flyttat ert möte till {when}, {where}.",
        ":calendar: *{ref}*: {founder} has moved your meeting to {when}, {where}.",
    ),
    "slack.meeting.cancelled": (
        ":calendar: *{ref}*: {founder} har avbokat mötet {when}. Tiden är ledig igen.",
        ":calendar: *{ref}*: {founder} has cancelled the meeting on {when}. The time is free "
        "again.",
    ),
    "slack.meeting.reminder": (
        ":alarm_clock: Påminnelse: du träffar {founder} ({ref}) {when}, {where}.",
        ":alarm_clock: Reminder: you are meeting {founder} ({ref}) on {when}, {where}.",
    ),
    "slack.meeting.contact_asked": (
        ":telephone_receiver: *{ref}*: ingen av dina lediga tider passade grundaren. Kontakta "
        "grundaren för att bestämma en tid.",
        ":telephone_receiver: *{ref}*: none of your free times suited the founder. Please "
        "contact the founder to agree on a time.",
    ),
    # the session log
    "slack.log_session": ("Logga samtal", "Log a session"),
    "slack.save": ("Spara", "Save"),
    "slack.session_for": ("Ett samtal i *{ref}*", "A session in *{ref}*"),
    "slack.session.held_on": ("Datum", "Date"),
    "slack.session.minutes": ("Minuter", "Minutes"),
    "slack.session.kind": ("Slag", "Kind"),
    "slack.session.channel": ("Hur", "How"),
    "slack.session.notes": ("Anteckningar", "Notes"),
    "slack.session.next_step": ("Nästa steg", "Next step"),
    "slack.session.notes_hint": (
        "Anteckningarna är personuppgifter: bara du, nodens chef och administratörer kan läsa "
        "dem, och de raderas med grundarens uppgifter.",
        "The notes are personal data: only you, the node's manager and admins can read them, "
        "and they are erased with the founder's data.",
    ),
    "slack.session.kind.first_meeting": ("Första möte", "First meeting"),
    "slack.session.kind.advice": ("Rådgivning", "Advice"),
    "slack.session.kind.coaching": ("Coachning", "Coaching"),
    "slack.session.kind.workshop": ("Workshop", "Workshop"),
    "slack.session.channel.in_person": ("På plats", "In person"),
    "slack.session.channel.video": ("Video", "Video"),
    "slack.session.channel.phone": ("Telefon", "Phone"),
    "slack.session.bad": (
        "Kontrollera: datum inte i framtiden, minuter 1–480, anteckningar högst 4 000 tecken.",
        "Please check: a date not in the future, minutes 1–480, notes at most 4,000 characters.",
    ),
    "slack.session.logged": (
        ":memo: Samtalet i {ref} är loggat ({minutes} minuter).",
        ":memo: The session in {ref} is logged ({minutes} minutes).",
    ),
    # the case's company (bot/handlers/slack/company.py)
    "slack.company": ("Företaget", "Company"),
    "slack.company_for": ("Företaget i *{ref}*", "The company in *{ref}*"),
    "slack.company.bad": ("Datumet gick inte att läsa.", "The date could not be read."),
    "slack.company.bad_orgnr": (
        "Inte ett organisationsnummer: tio siffror, till exempel 556012-5790.",
        "Not an organisation number: ten digits, for example 556012-5790.",
    ),
    "slack.company.bad_name": (
        "Namnet får inte innehålla styrtecken.",
        "The name may not contain control characters.",
    ),
    "slack.company.bad_registered_on": (
        "Ett datum som inte är i framtiden; med bekräftad registrering behövs datumet.",
        "A date not in the future; a confirmed registration needs its date.",
    ),
    "slack.company.bad_size_class": ("Välj en storlek i listan.", "Choose a size from the list."),
    "slack.company.saved": (
        ":office: Företaget i {ref} är sparat.",
        ":office: The company in {ref} is saved.",
    ),
    "slack.accessibility_report": (
        ":wheelchair: Någon rapporterade ett tillgänglighetsproblem (sida: {page}, svar till: "
        "{reply_to}): {description}",
        ":wheelchair: Someone reported an accessibility problem (page: {page}, reply to: "
        "{reply_to}): {description}",
    ),
    "slack.survey_alert": (
        ":speech_balloon: *{ref}* ({node}): en grundare svarade i enkäten – {answer}",
        ":speech_balloon: *{ref}* ({node}): a founder answered the survey – {answer}",
    ),
    # referrals
    "slack.referral.sent": (
        ":handshake: *{ref}*: grundaren sa ja, och {partner} har fått uppgifterna.",
        ":handshake: *{ref}*: the founder agreed, and {partner} has the details.",
    ),
    "slack.referral.declined": (
        "*{ref}*: grundaren ville inte att vi skickar uppgifterna till {partner}. Inget skickades.",
        "*{ref}*: the founder did not want the details sent to {partner}. Nothing was sent.",
    ),
    "slack.referral.received": (
        ":white_check_mark: *{ref}*: {partner} har bekräftat att de tagit emot kontakten.",
        ":white_check_mark: *{ref}*: {partner} confirmed they received the contact.",
    ),
    "slack.new_case": ("Du har fått ett nytt ärende", "You have a new case"),
    "slack.thanks": ("Tack för att du tog ärendet", "Thank you for taking the lead"),
    "slack.please_contact": (
        "*{intro}.* Kontakta grundaren.",
        "*{intro}.* Please contact the founder.",
    ),
    # coordinators
    "slack.needs_coordinator": (
        ":warning: *{ref} behöver en samordnare*: {reason}",
        ":warning: *{ref} needs a coordinator*: {reason}",
    ),
    "slack.needs_coordinator_text": ("{ref} behöver en samordnare", "{ref} needs a coordinator"),
    "slack.assign_to": ("Ge till…", "Assign to…"),
    "slack.match_again": ("Matcha igen", "Match again"),
    "slack.assigned": (
        "✅ {ref} gavs till <@{to}> av <@{by}>.",
        "✅ {ref} assigned to <@{to}> by <@{by}>.",
    ),
    "slack.matched_again": (
        "🔁 {ref} matchades igen av <@{by}>: nu {status}.",
        "🔁 {ref} matched again by <@{by}>: now {status}.",
    ),
    "slack.not_on_roster_user": (
        "<@{user}> finns inte i rådgivarlistan.",
        "<@{user}> is not on the roster.",
    ),
    "slack.could_not_assign": ("Kunde inte ge bort {ref}: {why}", "Could not assign {ref}: {why}"),
    "slack.could_not_match": (
        "Kunde inte matcha {ref} igen: {why}",
        "Could not match {ref} again: {why}",
    ),
    "slack.could_not_decline": ("Kunde inte tacka nej: {why}", "Could not decline: {why}"),
    # App Home
    "slack.your_leads": ("Dina erbjudanden", "Your leads"),
    "slack.no_offers": ("Inga öppna erbjudanden.", "No open offers."),
    "slack.your_cases": ("Dina ärenden", "Your cases"),
    "slack.no_cases": ("Inga aktiva ärenden.", "No active cases."),
    "slack.in_contact": ("Vi har kontakt", "We are in contact"),
    "slack.coaching": ("Jag coachar företaget", "I am coaching the company"),
    "slack.close_with": ("Avsluta med resultat…", "Close with outcome…"),
    # rebalancing
    "slack.proposal": (
        "{intro}*Förslag till omfördelning {id}* ({n} flyttar)",
        "{intro}*Rebalancing proposal {id}* ({n} moves)",
    ),
    "slack.proposal_text": ("Förslag till omfördelning", "Rebalancing proposal"),
    "slack.and_more": ("\n… och {n} till", "\n… and {n} more"),
    "slack.approve": ("Godkänn", "Approve"),
    "slack.discard": ("Släng", "Discard"),
    "slack.proposal_invalid": (
        "Förslaget gäller inte längre.",
        "That proposal is not valid any more.",
    ),
    "slack.proposal_nothing": (
        "Ärendena har ändrats sedan förslaget, och nu behöver inget flyttas.",
        "The cases changed since the proposal, and now nothing needs moving.",
    ),
    "slack.proposal_new": (
        "Ärendena har ändrats sedan förslaget: här är ett nytt.",
        "The cases changed since the proposal: here is a new one.",
    ),
    "slack.proposal_nothing_moved": (
        "Ärendena har ändrats sedan förslaget, så inget flyttades. ",
        "The cases changed since the proposal, so nothing was moved. ",
    ),
    "slack.not_moved": ("{ref}: inte flyttat ({why})", "{ref}: not moved ({why})"),
    "slack.applied": ("Omfördelningen är gjord:\n{moves}", "Rebalancing applied:\n{moves}"),
    "slack.discarded": ("Förslaget är slängt.", "Rebalancing proposal discarded."),
    "slack.within_capacity": (
        "Alla ligger inom sin kapacitet: inget behöver flyttas.",
        "Everyone is within capacity: nothing to move.",
    ),
    # /spbot
    "slack.help": (
        "*/spbot away FRÅN TILL* – du är borta (datum ÅÅÅÅ-MM-DD); `away list`, `away cancel ID`\n"
        "*/spbot workload* – aktiva / kapacitet och väntande erbjudanden (samordnare)\n"
        "*/spbot reassign REF @rådgivare* – ge ett ärende till en rådgivare (samordnare)\n"
        "*/spbot rebalance* – föreslå flyttar så att alla ligger inom kapacitet (samordnare)\n"
        "*/spbot case REF* – ett ärende (samordnare)",
        "*/spbot away FROM TO* – you are away (dates YYYY-MM-DD); `away list`, `away cancel ID`\n"
        "*/spbot workload* – active / capacity and pending offers (coordinators)\n"
        "*/spbot reassign REF @advisor* – give a case to an advisor (coordinators)\n"
        "*/spbot rebalance* – propose moves that bring everyone within capacity (coordinators)\n"
        "*/spbot case REF* – one case (coordinators)",
    ),
    "slack.away_usage": (
        "Så här: `/spbot away 2026-12-20 2027-01-06`, `/spbot away list`, `/spbot away cancel 12`",
        "Usage: `/spbot away 2026-12-20 2027-01-06`, `/spbot away list`, `/spbot away cancel 12`",
    ),
    "slack.no_absences": ("Du har ingen frånvaro inlagd.", "You have no absences recorded."),
    "slack.no_absence": ("Du har ingen frånvaro #{id}.", "You have no absence #{id}."),
    "slack.absence_cancelled": ("Frånvaro #{id} är borttagen.", "Absence #{id} is cancelled."),
    "slack.dates": (
        "Datum skrivs ÅÅÅÅ-MM-DD, t.ex. `/spbot away 2026-12-20 2027-01-06`",
        "Dates are written YYYY-MM-DD, e.g. `/spbot away 2026-12-20 2027-01-06`",
    ),
    "slack.away_noted": (
        "Noterat: du är borta {first} – {last}; inga nya ärenden de dagarna (öppna erbjudanden "
        "går vidare till en kollega om det börjar i dag).",
        "Noted: you are away {first} – {last}; no new leads on those days (open offers move on "
        "to a colleague when it starts today).",
    ),
    "slack.workload_header": (
        "nod,rådgivare,aktiva/kap,erbjudanden,",
        "node,advisor,active/cap,offers,",
    ),
    "slack.away": ("borta", "away"),
    "slack.reassign_usage": (
        "Så här: `/spbot reassign JKP-2026-0042 @rådgivare`",
        "Usage: `/spbot reassign JKP-2026-0042 @advisor`",
    ),
    "slack.not_on_roster_mention": (
        "<@{user}> finns inte i rådgivarlistan.",
        "<@{user}> is not on the advisor roster.",
    ),
    "slack.now_with": ("{ref} ligger nu hos <@{user}>.", "{ref} is now with <@{user}>."),
    "slack.case_usage": (
        "Så här: `/spbot case JKP-2026-0042`",
        "Usage: `/spbot case JKP-2026-0042`",
    ),
    "slack.sorry": ("Tyvärr: {why}", "Sorry: {why}"),
    # a roster member who writes to the app: staff help, not the founder intake
    "slack.staff_help": (
        "Hej {name}! Du finns i rådgivarlistan, så här får du inte grundarnas intag utan "
        "personalens verktyg:\n"
        "• Nya ärenden kommer som kort här i Slack: *Ta ärendet* eller *Tacka nej*.\n"
        "• Dina ärenden finns under fliken *Hem* i appen: markera kontakt, coachning, avsluta.\n"
        "• */spbot away FRÅN TILL* när du är borta; */spbot workload* och */spbot rebalance* "
        "för samordnare.\n"
        "• Allt detta och resultaten finns också i personalkonsolen{console}.",
        "Hi {name}! You are on the advisor roster, so here you get the staff tools rather than "
        "the founder intake:\n"
        "• New leads arrive as cards here in Slack: *Accept* or *Decline*.\n"
        "• Your cases are on the app's *Home* tab: mark contact, coaching, close.\n"
        "• */spbot away FROM TO* when you are away; */spbot workload* and */spbot rebalance* "
        "for coordinators.\n"
        "• All of this and the results are in the staff console too{console}.",
    ),
    # the coordinators' channel: advisors who get no offers
    "slack.unreachable": (
        "Följande rådgivare kan inte nås (inget Slack-konto kopplat och inget konto i "
        "konsolen), så de får inga ärenden: {names}. Koppla dem med `spbot roster link-slack` "
        "eller ge dem ett konto i konsolen.",
        "These advisors cannot be reached (no Slack account linked, no console account), so "
        "they get no cases: {names}. Link them with `spbot roster link-slack` or give them a "
        "console account.",
    ),
    # refusals and errors
    "slack.menu_unreadable": (
        "Det valet gick inte att läsa. Öppna din startsida i appen igen och försök på nytt.",
        "That choice could not be read. Open your home page in the app again and try once more.",
    ),
    "slack.not_allowed": (
        "Det där är bara för samordnare. Fråga en samordnare om du behöver det.",
        "Sorry, that is for coordinators only. Ask a coordinator if you need this.",
    ),
    "slack.not_on_roster": (
        "Du finns inte i rådgivarlistan, så här finns inget för dig att göra.",
        "You are not on the advisor roster, so there is nothing here for you to do.",
    ),
    "slack.not_yours": ("Det ärendet är inte ditt.", "That case is not yours."),
    "slack.offered_to_other": (
        "Det här ärendet erbjöds en annan rådgivare.",
        "This lead was offered to another advisor.",
    ),
    "slack.err.no_case": (
        "Det finns inget ärende med referensen {ref}.",
        "There is no case with reference {ref}.",
    ),
    "slack.err.no_advisor": (
        "Det finns ingen aktiv rådgivare '{advisor}'.",
        "There is no active advisor '{advisor}'.",
    ),
    "slack.err.gone": ("Det finns inte längre.", "That no longer exists."),
    "slack.err.taken": (
        "Ärendet är inte längre öppet ({status}).",
        "This lead is no longer open ({status}).",
    ),
    "slack.err.assigned": ("{ref} ligger redan hos {advisor}.", "{ref} is already with {advisor}."),
    "slack.err.transition": (
        "{ref} är {current}: det kan inte bli {target}.",
        "{ref} is {current}: it cannot become {target}.",
    ),
    "slack.err.absence": (
        "Frånvaron slutar innan den börjar.",
        "The absence ends before it starts.",
    ),
    "slack.err.proposal_used": (
        "Den omfördelningen är redan gjord.",
        "That rebalancing was applied already.",
    ),
    "slack.err.choice": (
        "Det valet finns inte bland alternativen.",
        "That choice is not one of the options.",
    ),
    "slack.err.generic": (
        "Det gick tyvärr inte. Försök igen eller fråga en samordnare.",
        "Sorry, that could not be done. Please try again or ask a coordinator.",
    ),
}
