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
    "channel.unknown": ("Okänd", "Unknown"),
    "sector.unknown": ("Ingen bransch", "No sector"),
    "stage.unknown": ("Okänt skede", "Unknown stage"),
    "report.events": ("Träffar och kvällar", "Meetups and evenings"),
    "report.event_kind": ("Slag", "Kind"),
    "report.events_held": ("Hållna", "Held"),
    "report.registered": ("Anmälda", "Registered"),
    "report.attended": ("Kom", "Came"),
    "event_kind.idea_evening": ("Idékväll", "Idea evening"),
    "event_kind.afterwork": ("Afterwork", "Afterwork"),
    "event_kind.creative_workshop": ("Kreativ workshop", "Creative workshop"),
    "event_kind.start_business_evening": ("Starta eget-kväll", "Start your own business evening"),
    "event_kind.other": ("Annat", "Other"),
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
