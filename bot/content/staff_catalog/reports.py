"""The results report: the console's Resultat page, ``spbot report`` and the monthly summary."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "report.title": ("Resultat", "Results"),
    "report.heading": ("Resultat {period}", "Results {period}"),
    "report.intro": (
        "Idéer vi mött, företag som startat och företag vi coachar, mot regionens mål. Målet "
        "räknas i proportion till hur stor del av perioden som gått. Alla siffror bygger på "
        "uppgifter utan personuppgifter, så de ändras inte när en grundare raderas.",
        "Ideas met, companies started and companies coached, against the region's goals. The "
        "goal is counted in proportion to the part of the period gone. Every figure is built "
        "from facts without personal data, so none changes when a founder is erased.",
    ),
    "report.as_of": (
        "Per {date}, {share} av perioden har gått.",
        "As of {date}, {share} of the period gone.",
    ),
    "report.region": ("Hela regionen", "The whole region"),
    "report.table_note": (
        "Utfall / förväntat hittills. Coachas nu jämförs med målet för hur många som coachas "
        "samtidigt.",
        "Result / expected so far. Being coached now is compared with the goal for how many "
        "are coached at a time.",
    ),
    "report.node": ("Nod", "Node"),
    "report.municipality": ("Kommun", "Municipality"),
    "report.ideas_met": ("Idéer mötta", "Ideas met"),
    "report.company_starts": ("Företag startade", "Companies started"),
    "report.coached_in_period": ("Coachade under perioden", "Coached in the period"),
    "report.coached_now": ("Coachas nu", "Being coached now"),
    "report.goal": ("Mål", "Goal"),
    "report.expected": ("Förväntat hittills", "Expected so far"),
    "report.of_expected": ("Av förväntat", "Of expected"),
    "report.accepted": ("Tagna av en rådgivare", "Taken by an advisor"),
    "report.contact_median": ("Tid till kontakt, median", "Time to contact, median"),
    "report.hours": ("{n} arbetstimmar", "{n} working hours"),
    "report.none": ("–", "–"),
    "report.filters": ("Välj period", "Choose a period"),
    "report.year": ("År", "Year"),
    "report.from": ("Från och med", "From"),
    "report.to": ("Till och med", "To"),
    "report.all_nodes": ("Alla noder", "All nodes"),
    "report.show": ("Visa", "Show"),
    "report.csv": ("Ladda ner som CSV", "Download as CSV"),
    "report.html": ("Sida att spara eller skriva ut", "Page to save or print"),
    "report.funder_xlsx": (
        "Rapport till finansiärerna (Excel)",
        "Report for the funders (Excel)",
    ),
    "report.bad_period": (
        "Perioden gick inte att läsa: ange ett år eller två datum (ÅÅÅÅ-MM-DD), slutet efter "
        "starten.",
        "The period could not be read: give a year or two dates (YYYY-MM-DD), the end after the "
        "start.",
    ),
    # funnel
    "report.funnel": ("Från första meddelande till resultat", "From the first message to a result"),
    "report.funnel_intro": (
        "Påbörjade och samtyckta räknar intag som började under perioden; resten räknar "
        "ärenden som skickades in under perioden.",
        "Started and consented count intakes begun in the period; the rest count cases submitted "
        "in the period.",
    ),
    "report.stage": ("Steg", "Stage"),
    "report.count": ("Antal", "Count"),
    "funnel.started": ("Påbörjade intag", "Intakes started"),
    "funnel.consented": ("Samtyckte", "Consented"),
    "funnel.submitted": ("Skickade in (idéer mötta)", "Submitted (ideas met)"),
    "funnel.accepted": ("Tagna av en rådgivare", "Taken by an advisor"),
    "funnel.in_contact": ("I kontakt", "In contact"),
    "funnel.outcome": ("Avslutade med resultat", "Closed with an outcome"),
    "funnel.referred_out_of_region": ("Hänvisade utanför länet", "Referred outside the county"),
    "funnel.cancelled": ("Avbröt", "Cancelled"),
    "funnel.abandoned_after_consent": ("Lämnade efter samtycke", "Left after consenting"),
    "funnel.in_progress": ("Pågår", "In progress"),
    # service
    "report.service": ("Hur tjänsten fungerade", "How the service ran"),
    "report.measure": ("Mått", "Measure"),
    "report.value": ("Värde", "Value"),
    "service.hours_to_accept": (
        "Från inskickat till tagen av en rådgivare (arbetstimmar, median / 90:e percentil)",
        "From submitted to taken by an advisor (working hours, median / 90th percentile)",
    ),
    "service.hours_to_contact": (
        "Från inskickat till första kontakt (arbetstimmar, median / 90:e percentil)",
        "From submitted to first contact (working hours, median / 90th percentile)",
    ),
    "service.offers_per_case": ("Erbjudanden per ärende", "Offers per case"),
    "service.routed_home": ("Första erbjudandet till hemnoden", "First offer at the home node"),
    "service.escalations": ("Eskaleringar (ärenden)", "Escalations (cases)"),
    "service.escalation_wait": (
        "Väntan på samordnare efter eskalering (arbetstimmar, median / 90:e percentil)",
        "Wait for a coordinator after an escalation (working hours, median / 90th percentile)",
    ),
    "service.still_waiting": (
        "Väntar fortfarande på samordnare",
        "Still waiting for a coordinator",
    ),
    "report.offers": ("Erbjudanden per nod och rådgivare", "Offers per node and advisor"),
    "report.advisor": ("Rådgivare", "Advisor"),
    "report.offers_total": ("Erbjudanden", "Offers"),
    "offer.accepted": ("Tackade ja", "Accepted"),
    "offer.declined": ("Tackade nej", "Declined"),
    "offer.expired": ("Gick ut", "Expired"),
    "offer.withdrawn": ("Drogs tillbaka", "Withdrawn"),
    "offer.pending": ("Väntar", "Pending"),
    "report.decline_reasons": ("Skäl att tacka nej", "Reasons to decline"),
    "report.breakdowns": ("Vilka idéer", "Which ideas"),
    "report.sectors": ("Branscher", "Sectors"),
    "report.needs": ("Behov", "Needs"),
    "report.stages": ("Skeden", "Stages"),
    "report.channels": ("Kanaler", "Channels"),
    "report.outcomes": ("Resultat av avslutade ärenden", "Outcomes of closed cases"),
    "report.per_month": ("Ärenden per månad", "Cases per month"),
    "report.month": ("Månad", "Month"),
    "report.cases": ("Ärenden", "Cases"),
    "report.contact_hours": ("Tid till första kontakt", "Time to first contact"),
    "report.hours_bucket": ("Arbetstimmar", "Working hours"),
    "report.progress_plot": (
        "Resultat per nod mot målet hittills",
        "Results per node against the goal so far",
    ),
    "report.plot_note": (
        "Staplarna visar utfallet, strecket vad målet förväntar hittills (för coachning: målet "
        "för hur många samtidigt). Samma siffror finns i tabellen.",
        "The bars show the result, the line what the goal expects so far (for coaching: the "
        "goal for how many at a time). The same figures are in the table.",
    ),
    "channel.telegram": ("Telegram", "Telegram"),
    "channel.slack": ("Slack", "Slack"),
    "channel.web": ("Webbchatten", "The web chat"),
    "channel.terminal": ("Terminal", "Terminal"),
    "channel.test": ("Testkanal", "Test channel"),
    "channel.unknown": ("Okänd", "Unknown"),
    "sector.unknown": ("Ingen bransch", "No sector"),
    "stage.unknown": ("Okänt skede", "Unknown stage"),
    "report.events": ("Träffar och kvällar", "Meetups and evenings"),
    "report.advising": ("Möten och rådgivning", "Meetings and advising"),
    "report.evidence": ("Företag och verifierade starter", "Companies and verified starts"),
    "report.deadlines": ("Hållna löften", "Promises kept"),
    "report.planned": ("planerad", "planned"),
    "report.satisfaction": ("Vad grundarna tyckte", "What the founders thought"),
    "report.useful": ("Till hjälp (1–5, medel)", "Helpful (1–5, mean)"),
    "report.recommend": ("Skulle tipsa en vän", "Would tell a friend"),
    "report.comments": ("Kommentarer", "Comments"),
    "report.answered_in_time": (
        "Erbjudanden besvarade i tid",
        "Offers answered in time",
    ),
    "report.contacted_in_time": (
        "Kontakt inom två arbetsdagar efter att ärendet togs",
        "Contact within two working days of taking the case",
    ),
    "summary.deadlines": (
        "Löften i år: {answered} av erbjudandena besvarade i tid, {contacted} av grundarna "
        "kontaktade inom två arbetsdagar.",
        "Promises this year: {answered} of offers answered in time, {contacted} of founders "
        "contacted within two working days.",
    ),
    # the funder pack (spbot report --funder; bot/reports/funder.py)
    "funder.title": ("Rapport till finansiärerna", "Report for the funders"),
    "funder.sheet.indicators": ("Indikatorer", "Indicators"),
    "funder.sheet.companies": ("Företag", "Companies"),
    "funder.sheet.definitions": ("Definitioner", "Definitions"),
    "funder.col.indicator": ("Indikator", "Indicator"),
    "funder.col.name": ("Vad", "What"),
    "funder.col.value": ("Antal", "Value"),
    "funder.ind.RCO01": ("Företag som fått stöd", "Enterprises supported"),
    "funder.ind.RCO04": (
        "Företag som fått icke-finansiellt stöd",
        "Enterprises with non-financial support",
    ),
    "funder.ind.RCO05": ("Nya företag som fått stöd", "New enterprises supported"),
    "funder.claimed_starts": ("Starter enligt rådgivarna", "Starts claimed by advisors"),
    "funder.verified_starts": ("Verifierade starter", "Verified starts"),
    "funder.advising_hours": ("Rådgivningstimmar (loggade)", "Advising hours (logged)"),
    "funder.sole_traders": (
        "Enskilda firmor (räknas, men numren listas inte: de är personnummer)",
        "Sole traders (counted; their numbers are not listed: they are personnummer)",
    ),
    "funder.survival_12": (
        "Igång efter ett år (av de som svarat)",
        "Still running after a year (of those who answered)",
    ),
    "funder.survival_36": (
        "Igång efter tre år (av de som svarat)",
        "Still running after three years (of those who answered)",
    ),
    "funder.people_reported": (
        "Personer som arbetar i företagen (enligt uppföljningarna)",
        "People working in the companies (from the follow-ups)",
    ),
    "funder.followups_unanswered": (
        "Uppföljningar obesvarade efter två påminnelser",
        "Follow-ups unanswered after two reminders",
    ),
    "funder.by_node": ("Per nod", "By node"),
    "funder.by_size": ("Per storlek (anställda)", "By size (employees)"),
    "funder.by_sni": (
        "Per SNI-avdelning (två första siffrorna)",
        "By SNI division (first two digits)",
    ),
    "funder.sheet.equality": ("Jämställdhet", "Equality"),
    "funder.equality.note": (
        "Frivilliga svar från grundarna. Antal under {min_cell} visas som <{min_cell}, och "
        "ytterligare ett antal på samma rad döljs när bara ett är dolt.",
        "Founders' optional answers. Counts under {min_cell} show as <{min_cell}, and one more "
        "count in the row is hidden when only one is.",
    ),
    "funder.equality.col.total": ("Totalt", "Total"),
    "funder.equality.row.ideas": ("Idéer (nya ärenden)", "Ideas (new cases)"),
    "funder.equality.row.enterprises": ("Företag som fått stöd", "Enterprises supported"),
    "funder.equality.row.verified_starts": ("Verifierade starter", "Verified starts"),
    "funder.equality.gender": ("Kön", "Gender"),
    "funder.equality.age_band": ("Ålder", "Age"),
    "funder.equality.born_abroad": ("Födelseland", "Country of birth"),
    "funder.equality.woman": ("Kvinna", "Woman"),
    "funder.equality.man": ("Man", "Man"),
    "funder.equality.other": ("Annat", "Other"),
    "funder.equality.unsaid": ("Vill inte svara", "Prefer not to say"),
    "funder.equality.not_asked": ("Inget svar", "No answer"),
    "funder.equality.under_25": ("Under 25", "Under 25"),
    "funder.equality.25_34": ("25–34", "25–34"),
    "funder.equality.35_49": ("35–49", "35–49"),
    "funder.equality.50_64": ("50–64", "50–64"),
    "funder.equality.65_plus": ("65+", "65+"),
    "funder.equality.sweden": ("Sverige", "Sweden"),
    "funder.equality.abroad": ("Annat land", "Another country"),
    "funder.col.orgnr": ("Organisationsnummer", "Organisation number"),
    "funder.col.company": ("Namn", "Name"),
    "funder.col.legal_form": ("Företagsform", "Legal form"),
    "funder.col.size_class": ("Anställda", "Employees"),
    "funder.col.sni": ("SNI", "SNI"),
    "funder.col.registered_on": ("Registrerat", "Registered"),
    "funder.col.node": ("Nod", "Node"),
    "funder.col.new": ("Nytt företag", "New enterprise"),
    "funder.col.advised": ("Rådgivning", "Advised"),
    "funder.col.verified_start": ("Verifierad start", "Verified start"),
    "funder.unlisted": ("(enskild firma)", "(sole trader)"),
    "funder.yes": ("ja", "yes"),
    "funder.no": ("nej", "no"),
    "funder.definitions": (
        "RCO01 Företag som fått stöd: unika företag (per organisationsnummer) i ärenden som "
        "en rådgivare tagit och som var aktiva under perioden.\n"
        "RCO04 Icke-finansiellt stöd: av dem, de som fått rådgivning (ett loggat samtal, ett "
        "genomfört möte eller kontakt).\n"
        "RCO05 Nya företag: av dem, de som registrerades högst tre år innan ärendet öppnades.\n"
        "Verifierad start: bekräftad registrering inom ärendets stödperiod (docs/reports.md).\n"
        "Källa: förordning (EU) 2021/1058, bilaga I; kommissionens SWD(2021) 198.",
        "RCO01 Enterprises supported: unique enterprises (by organisation number) in cases an "
        "advisor took and that were active in the period.\n"
        "RCO04 Non-financial support: of those, the ones advised (a logged session, a held "
        "meeting or contact).\n"
        "RCO05 New enterprises: of those, the ones registered at most three years before the "
        "case opened.\n"
        "Verified start: a confirmed registration within the case's period of support "
        "(docs/reports.md).\n"
        "Source: Regulation (EU) 2021/1058, Annex I; the Commission's SWD(2021) 198.",
    ),
    "report.claimed_starts": ("Starter enligt rådgivarna", "Starts claimed by advisors"),
    "report.verified_starts": ("Verifierade starter", "Verified starts"),
    "report.enterprises": ("Unika företag", "Unique enterprises"),
    "report.new_enterprises": ("Varav nya företag", "Of which new enterprises"),
    "report.to_first_meeting": (
        "Arbetstimmar från att rådgivaren tog ärendet till första mötet",
        "Working hours from the advisor taking the case to the first meeting",
    ),
    "report.meetings": ("Möten", "Meetings"),
    "report.held": ("Genomförda", "Held"),
    "report.no_shows": ("Uteblev", "No-shows"),
    "report.sessions": ("Loggade samtal", "Sessions logged"),
    "report.advising_hours": ("Rådgivningstimmar", "Advising hours"),
    "report.cases_advised": ("Ärenden med rådgivning", "Cases advised"),
    "report.long_term": ("Minst 5 timmar", "At least 5 hours"),
    "report.referrals": ("Skickade vidare till partner", "Referrals to partners"),
    "report.partner": ("Partner", "Partner"),
    "report.referrals_asked": ("Tillfrågade", "Asked"),
    "report.referrals_declined": ("Sa nej", "Declined"),
    "report.referrals_sent": ("Skickade", "Sent"),
    "report.referrals_received": ("Bekräftade", "Confirmed"),
    "report.referrals_helped": ("Fick hjälp", "Helped"),
    "report.event_kind": ("Slag", "Kind"),
    "report.events_held": ("Hållna", "Held"),
    "report.registered": ("Anmälda", "Registered"),
    "report.attended": ("Kom", "Came"),
    "event_kind.idea_evening": ("Idékväll", "Idea evening"),
    "event_kind.afterwork": ("Afterwork", "Afterwork"),
    "event_kind.creative_workshop": ("Kreativ workshop", "Creative workshop"),
    "event_kind.start_business_evening": ("Starta eget-kväll", "Start your own business evening"),
    "event_kind.other": ("Annat", "Other"),
    # the events pages
    "events.title": ("Träffar och kvällar", "Meetups and evenings"),
    "events.intro": (
        "Nodernas idékvällar, afterworks, workshoppar och starta eget-kvällar. Grundare hör om "
        "dem efter sitt ärende och med /events, och anmäler sig i chatten.",
        "The nodes' idea evenings, afterworks, workshops and start-your-own-business evenings. "
        "Founders hear of them after their intake and with /events, and sign up in the chat.",
    ),
    "events.public": ("Den öppna kalendern", "The public calendar"),
    "events.none": ("Inga träffar ännu.", "No events yet."),
    "events.add": ("Lägg till en träff", "Add an event"),
    "events.add_button": ("Lägg till", "Add"),
    "events.import": ("Importera en kalender", "Import a calendar"),
    "events.import_intro": (
        "En iCalendar-fil (.ics) från nodens kalender. Varje post kontrolleras först; är "
        "någon fel importeras ingenting. Poster som redan importerats uppdateras.",
        "An iCalendar file (.ics) from the node's calendar. Every entry is checked first; if "
        "one is wrong, nothing is imported. Entries imported before are updated.",
    ),
    "events.file": ("Kalenderfil", "Calendar file"),
    "events.import_button": ("Importera", "Import"),
    "events.back": ("Alla träffar", "All events"),
    "event.when": ("När", "When"),
    "event.title": ("Träff", "Event"),
    "event.kind": ("Slag", "Kind"),
    "event.registered": ("Anmälda", "Registered"),
    "event.cancelled": ("inställd", "cancelled"),
    "event.title_sv": ("Rubrik på svenska", "Title in Swedish"),
    "event.title_en": ("Rubrik på engelska (valfri)", "Title in English (optional)"),
    "event.starts": ("Börjar", "Starts"),
    "event.ends": ("Slutar", "Ends"),
    "event.place": ("Plats", "Place"),
    "event.capacity": ("Antal platser (tomt: obegränsat)", "Places (empty: no limit)"),
    "event.description_sv": ("Beskrivning på svenska", "Description in Swedish"),
    "event.description_en": (
        "Beskrivning på engelska (valfri)",
        "Description in English (optional)",
    ),
    "event.registration_open": ("Anmälan är öppen", "Registration is open"),
    "event.registrations": ("Anmälda", "Registrations"),
    "event.contact": ("Kontakt", "Contact"),
    "event.status": ("Läge", "Status"),
    "event.came": ("Kom", "Came"),
    "event.save_attendance": ("Spara", "Save"),
    "event.no_registrations": ("Ingen har anmält sig ännu.", "Nobody has signed up yet."),
    "event.erased": ("(raderad)", "(erased)"),
    "event.change": ("Ändra", "Change"),
    "event.save": ("Spara ändringarna", "Save the changes"),
    "event.cancel": ("Ställ in", "Cancel the event"),
    "event.cancel_reason": ("Varför (sparas i loggen)", "Why (kept in the log)"),
    "event.cancel_confirm": (
        "Ja, ställ in träffen och meddela alla anmälda",
        "Yes, cancel the event and tell everyone registered",
    ),
    "event.cancel_button": ("Ställ in träffen", "Cancel the event"),
    "event.problems": ("Filen kunde inte importeras:", "The file could not be imported:"),
    "event.skipped": ("Hoppade över", "Skipped"),
    "event.imported": (
        "Importerade {added} nya och {updated} ändrade träffar.",
        "Imported {added} new and {updated} changed events.",
    ),
    "event.unknown_node": ("Okänd nod.", "Unknown node."),
    "event.field.kind": ("Slag", "Kind"),
    "event.field.title_sv": ("Rubrik på svenska", "Title in Swedish"),
    "event.field.title_en": ("Rubrik på engelska", "Title in English"),
    "event.field.node": ("Nod", "Node"),
    "event.field.starts_at": ("Börjar", "Starts"),
    "event.field.ends_at": ("Slutar", "Ends"),
    "event.field.capacity": ("Antal platser", "Places"),
    "event.field.place": ("Plats", "Place"),
    "event.field.description_sv": ("Beskrivning", "Description"),
    "event.field.description_en": ("Beskrivning", "Description"),
    "event.field.event": ("Träff", "Event"),
    "registration.registered": ("anmäld", "registered"),
    "registration.waitlisted": ("väntelista", "waiting list"),
    "registration.cancelled": ("avbokad", "cancelled"),
    # the monthly summary in Slack
    "summary.title": ("Månadens resultat: {month}", "The month's results: {month}"),
    "summary.line": (
        "{label}: {value} (mål hittills i år {expected}, helår {goal})",
        "{label}: {value} (goal so far this year {expected}, full year {goal})",
    ),
    "summary.month": (
        "I {month}: {ideas} nya idéer, {starts} företag startade; {coached} företag coachas nu.",
        "In {month}: {ideas} new ideas, {starts} companies started; {coached} companies being "
        "coached now.",
    ),
    "summary.contact": (
        "Tid till första kontakt i år: median {median} arbetstimmar.",
        "Time to first contact this year: median {median} working hours.",
    ),
    "summary.behind": ("Efter målet hittills: {nodes}.", "Behind the goal so far: {nodes}."),
    "summary.link": ("Hela rapporten: {url}", "The whole report: {url}"),
}
