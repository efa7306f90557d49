"""Navigation, forms, errors, sign-in and the notices after a change."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "app.name": ("Science Park – personalens konsol", "Science Park – staff console"),
    # navigation
    "nav.skip": ("Hoppa till innehållet", "Skip to content"),
    "nav.label": ("Huvudmeny", "Main menu"),
    "nav.desk": ("Mitt skrivbord", "My desk"),
    "nav.queue": ("Kö", "Queue"),
    "nav.cases": ("Ärenden", "Cases"),
    "nav.workload": ("Arbetsbelastning", "Workload"),
    "nav.rebalance": ("Omfördelning", "Rebalancing"),
    "nav.absences": ("Frånvaro", "Absences"),
    "nav.roster": ("Rådgivare", "Advisors"),
    "nav.audit": ("Händelselogg", "Audit trail"),
    "nav.privacy": ("Integritet", "Privacy"),
    "nav.staff": ("Personal", "Staff"),
    "nav.results": ("Resultat", "Results"),
    "nav.events": ("Träffar", "Events"),
    "ok.event_added": ("Träffen är tillagd.", "The event is added."),
    "ok.event_saved": ("Ändringarna är sparade.", "The changes are saved."),
    "ok.event_cancelled": (
        "Träffen är inställd, och alla anmälda har fått veta det.",
        "The event is cancelled, and everyone registered has been told.",
    ),
    "ok.attendance_saved": ("Närvaron är sparad.", "Attendance saved."),
    "nav.sign_out": ("Logga ut", "Sign out"),
    "role.advisor": ("rådgivare", "advisor"),
    "role.node_manager": ("nodansvarig", "node manager"),
    "role.coordinator": ("samordnare", "coordinator"),
    "role.admin": ("administratör", "admin"),
    # forms
    "form.choose": ("Välj …", "Choose …"),
    "form.all": ("Alla", "All"),
    "form.yes": ("Ja", "Yes"),
    "form.no": ("Nej", "No"),
    # errors
    "error.home": ("Till startsidan", "To the start page"),
    "error.forbidden.title": ("Det här får du inte se", "You may not see this"),
    "error.forbidden.body": (
        "Din roll ger inte tillgång till sidan eller ärendet. Försöket har loggats.",
        "Your role does not give access to this page or case. The attempt has been logged.",
    ),
    "error.not_found.title": ("Sidan finns inte", "Page not found"),
    "error.not_found.body": (
        "Vi hittar inget med den adressen. Kontrollera ärendenumret eller länken.",
        "We find nothing at that address. Check the case reference or the link.",
    ),
    "error.bad.title": ("Något stämmer inte", "Something is not right"),
    "error.bad.body": ("Förfrågan kunde inte tas emot.", "The request could not be taken."),
    "error.bad.form": (
        "Formuläret kunde inte läsas (för stort eller fel format). Försök igen.",
        "The form could not be read (too large or the wrong format). Please try again.",
    ),
    "error.bad.language": ("Okänt språk.", "Unknown language."),
    "error.method": (
        "Den här sidan tar inte emot sådana förfrågningar.",
        "This page does not take requests of that kind.",
    ),
    "error.csrf.title": ("Formuläret har gått ut", "The form has expired"),
    "error.csrf.body": (
        "Av säkerhetsskäl togs formuläret inte emot. Ladda om sidan och försök igen.",
        "For your security the form was not accepted. Reload the page and try again.",
    ),
    # sign-in and passwords
    "signin.title": ("Logga in", "Sign in"),
    "signin.intro": (
        "För rådgivare, samordnare och administratörer i Science Park-systemet.",
        "For advisors, coordinators and admins of the Science Park system.",
    ),
    "signin.email": ("E-postadress", "Email address"),
    "signin.password": ("Lösenord", "Password"),
    "signin.submit": ("Logga in", "Sign in"),
    "signin.missing": (
        "Fyll i e-postadress och lösenord.",
        "Enter your email address and password.",
    ),
    "signin.wrong": (
        "E-postadressen eller lösenordet stämmer inte.",
        "The email address or the password is not right.",
    ),
    "signin.throttled": (
        "För många försök. Vänta en kvart och försök igen.",
        "Too many attempts. Wait a quarter of an hour and try again.",
    ),
    "signin.busy": (
        "Det är många som loggar in just nu. Vänta en liten stund och försök igen.",
        "Many people are signing in right now. Wait a moment and try again.",
    ),
    "signin.expired_form": (
        "Formuläret hade gått ut. Försök igen.",
        "The form had expired. Please try again.",
    ),
    "signin.slack": ("Logga in med Slack", "Sign in with Slack"),
    "signin.slack_failed": (
        "Inloggningen med Slack gick inte. Försök igen.",
        "Signing in with Slack did not work. Please try again.",
    ),
    "signin.slack_no_role": (
        "Din e-postadress i Slack har inget konto här (ingen roll). Be en administratör "
        "lägga till dig med den adressen.",
        "Your Slack email address has no account here (no role). Ask an admin to add you "
        "with that address.",
    ),
    "password.title": ("Välj lösenord", "Choose a password"),
    "password.intro": ("Välj ett lösenord för {email}.", "Choose a password for {email}."),
    "password.new": ("Nytt lösenord", "New password"),
    "password.again": ("Samma lösenord igen", "The same password again"),
    "password.hint": (
        "Minst 12 tecken. En mening du minns fungerar bra.",
        "At least 12 characters. A sentence you remember works well.",
    ),
    "password.submit": ("Spara lösenordet", "Save the password"),
    "password.busy": (
        "Det är många som loggar in just nu. Vänta en liten stund och försök igen.",
        "Many people are signing in right now. Wait a moment and try again.",
    ),
    "password.mismatch": ("Lösenorden är inte lika.", "The passwords are not the same."),
    "password.too_short": (
        "Lösenordet behöver minst 12 tecken.",
        "The password needs at least 12 characters.",
    ),
    "password.too_long": (
        "Lösenordet får vara högst 256 tecken.",
        "The password may be at most 256 characters.",
    ),
    "password.control": (
        "Lösenordet innehåller otillåtna tecken.",
        "The password contains characters that are not allowed.",
    ),
    "password.link_gone.title": ("Länken gäller inte längre", "The link is no longer valid"),
    "password.link_gone.body": (
        "Länken är redan använd eller har gått ut. Be en administratör om en ny.",
        "The link has been used or has expired. Ask an admin for a new one.",
    ),
    # notices after a change
    "ok.password_set": ("Lösenordet är sparat. Logga in.", "Your password is saved. Sign in."),
    "ok.accepted": (
        "Du har tagit ärende {ref}. Kontaktuppgifterna finns nu under Mina ärenden.",
        "You have taken case {ref}. The contact details are now under My cases.",
    ),
    "ok.declined": (
        "Du har tackat nej till {ref}. Det går vidare till någon annan.",
        "You declined {ref}. It moves on to someone else.",
    ),
    "ok.in_contact": ("{ref}: markerat att ni har kontakt.", "{ref}: marked as in contact."),
    "ok.coaching": ("{ref}: markerat att du coachar företaget.", "{ref}: marked as being coached."),
    "ok.closed": ("{ref} är avslutat.", "{ref} is closed."),
    "ok.assigned": ("{ref} är tilldelat.", "{ref} is assigned."),
    "ok.sector_corrected": ("{ref} har fått rätt bransch.", "{ref} is in the right sector now."),
    "ok.matched_again": ("{ref} matchas på nytt.", "{ref} is being matched again."),
    "ok.absence_set": ("Frånvaron är sparad.", "The absence is saved."),
    "ok.absence_cancelled": ("Frånvaron är borttagen.", "The absence is cancelled."),
    "ok.erased": (
        "Personen är raderad. Öppna ärenden stängdes och rådgivarna har fått besked.",
        "The person is erased. Open cases were closed and their advisors told.",
    ),
    "ok.staff_removed": ("Kontot är borttaget.", "The account is removed."),
    "ok.role_changed": ("Rollen är ändrad.", "The role is changed."),
    "err.generic": (
        "Det gick inte. Försök igen eller fråga en samordnare.",
        "That did not work. Try again or ask a coordinator.",
    ),
    "err.not_found": ("Det finns inte (längre).", "It does not exist (any more)."),
    "err.not_allowed": (
        "Det får du inte göra med det här ärendet.",
        "You may not do that with this case.",
    ),
    "err.already_taken": (
        "För sent: erbjudandet är redan besvarat, har gått ut eller flyttats.",
        "Too late: the offer has been answered, has expired or has moved.",
    ),
    "err.already_assigned": (
        "Ärendet har redan den rådgivaren.",
        "The case already has that advisor.",
    ),
    "err.invalid_transition": (
        "Ärendet kan inte göra så i sitt nuvarande läge.",
        "The case cannot do that in its current state.",
    ),
    "err.concurrent_update": (
        "Någon annan ändrade samtidigt. Försök igen.",
        "Someone else changed it at the same moment. Try again.",
    ),
    "err.unknown_decline_reason": ("Välj ett skäl.", "Choose a reason."),
    "err.reason_missing": ("Välj ett skäl till att du tackar nej.", "Choose why you decline."),
    "err.unknown_outcome": ("Välj hur ärendet slutade.", "Choose how the case ended."),
    "err.outcome_missing": ("Välj hur ärendet slutade.", "Choose how the case ended."),
    "err.purpose_missing": (
        "Ange varför du läser samtalet.",
        "State why you read the conversation.",
    ),
    "err.purpose_note_missing": (
        "Skriv en kort förklaring när du väljer Annat.",
        "Write a short explanation when you choose Other.",
    ),
    "err.advisor_missing": ("Välj en rådgivare.", "Choose an advisor."),
    "err.sector_missing": ("Välj en bransch.", "Choose a sector."),
    "err.unknown_sector": ("Den branschen finns inte.", "There is no such sector."),
    "err.dates_missing": ("Ange första och sista dagen.", "Enter the first and the last day."),
    "err.absence_invalid": (
        "Sista dagen kan inte vara före den första.",
        "The last day cannot be before the first.",
    ),
    "err.absence_past": ("Frånvaron har redan passerat.", "That absence is already over."),
    "err.proposal_used": (
        "Förslaget är redan genomfört. Här är ett nytt.",
        "That proposal has already been applied. Here is a new one.",
    ),
    "err.stale_proposal": (
        "Läget har ändrats sedan förslaget togs fram.",
        "Things changed since the proposal was made.",
    ),
    "err.confirm_missing": ("Bekräfta att du vill radera.", "Confirm that you want to erase."),
    "err.asked_by_missing": (
        "Ange vem som bad om raderingen och hur.",
        "Enter who asked for the erasure, and how.",
    ),
    "err.staff_exists": (
        "Det finns redan ett konto med den adressen.",
        "There is already an account with that address.",
    ),
    "err.staff_invalid": (
        "Kontrollera roll och rådgivarnyckel (rådgivare behöver en nyckel).",
        "Check the role and the advisor key (advisors need a key).",
    ),
    "err.validation_failed": ("Kontrollera uppgifterna.", "Check the details."),
    "err.not_yourself": (
        "Det gör en annan administratör åt dig.",
        "Another admin does that for you.",
    ),
}
