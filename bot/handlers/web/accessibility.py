"""The accessibility statement (tillgänglighetsredogörelse) of the public pages — the web chat
and the nodes' calendar — at /tillganglighet, as the law on accessibility of digital public
service (2018:1937) asks and following Digg's model: who is responsible, how compliant,
what is not accessible yet and why, how to report a problem, the supervisory authority, how
it was tested and when. Keep it true: the browser tests run axe on every public page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bot.handlers.web.forms import MAX_BODY, visitor_token, visitor_token_valid
from bot.webkit import cross_site, read_form

ASSESSED = {"sv": "3 december 2026", "en": "3 December 2026"}

STATEMENT: dict[str, dict[str, Any]] = {
    "sv": {
        "title": "Tillgänglighetsredogörelse för Science Parks webbchatt och kalender",
        "intro": (
            "Science Park i Region Jönköpings län står bakom webbchatten där du berättar om din "
            "idé och kalendern med våra träffar. Vi vill att alla ska kunna använda dem, oavsett "
            "funktionsnedsättning eller hjälpmedel. Här beskriver vi hur tjänsten uppfyller "
            "lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister "
            "vi känner till och hur du rapporterar problem."
        ),
        "how_h": "Hur tillgänglig är tjänsten?",
        "how": (
            "Tjänsten är delvis förenlig med lagen om tillgänglighet till digital offentlig "
            "service, på grund av de brister som beskrivs nedan."
        ),
        "gaps_h": "Innehåll som inte är tillgängligt",
        "gaps": [
            "Rutan där du skriver säger inte i förväg hur lång texten får vara (din idé högst "
            "4 000 tecken). Blir den för lång får du veta det efteråt. Vi arbetar med att visa "
            "det medan du skriver.",
            "Svarar du i en gammal flik med chatten säger chatten inte tydligt att frågan redan "
            "är besvarad i en annan flik.",
            "När chatten är inbäddad på en annan webbplats beror sidans rubriker och "
            "tangentbordsordning delvis på den webbplatsen.",
        ],
        "report_h": "Rapportera brister i tjänstens tillgänglighet",
        "report": (
            "Vi strävar hela tiden efter att göra tjänsten mer tillgänglig. Upptäcker du problem "
            "som inte beskrivs här, eller behöver du innehållet i ett annat format, hör av dig "
            "så svarar vi inom två arbetsdagar:"
        ),
        "supervisor_h": "Tillsyn",
        "supervisor": (
            "Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet "
            "till digital offentlig service. Är du inte nöjd med hur vi tar hand om dina "
            "synpunkter kan du kontakta Digg och påtala det."
        ),
        "digg_link": "Anmäl bristande tillgänglighet till Digg",
        "technical_h": "Teknisk information om tjänstens tillgänglighet",
        "technical": (
            "Tjänsten är delvis förenlig med nivå AA i WCAG 2.1 (standarden EN 301 549), på "
            "grund av bristerna ovan."
        ),
        "tested_h": "Hur vi testat tjänsten",
        "tested": (
            "Vi har gjort en självskattning (intern testning). Varje ändring testas automatiskt "
            "i en riktig webbläsare med axe-core mot WCAG 2.1 nivå A och AA, och vi går igenom "
            "chatten med enbart tangentbord och i mobilstorlek."
        ),
        "dates": (
            f"Bedömningen gjordes den {ASSESSED['sv']}. Redogörelsen uppdaterades senast den "
            f"{ASSESSED['sv']}."
        ),
        "back": "Till chatten",
        "other_language": "In English",
        "link": "Tillgänglighet",
        "form_description": "Beskriv problemet (det behövs)",
        "form_page": "Vilken sida? (frivilligt)",
        "form_reply_to": "Din e-post, om du vill ha svar (frivilligt)",
        "form_send": "Skicka till oss",
        "report_thanks": "Tack! Din rapport har kommit fram till oss.",
        "report_empty": "Beskriv gärna problemet först.",
        "report_expired": "Sidan hade hunnit bli gammal. Skriv gärna igen.",
        "report_refused": "Det gick inte att läsa formuläret. Försök igen, eller mejla oss.",
    },
    "en": {
        "title": "Accessibility statement for Science Park's web chat and calendar",
        "intro": (
            "Science Park in Jönköping County is responsible for the web chat where you tell us "
            "about your idea and for the calendar of our meetups. We want everyone to be able to "
            "use them, whatever their disability or assistive technology. Here we describe how "
            "the service meets the Swedish law on accessibility of digital public service "
            "(2018:1937), the shortcomings we know of, and how to report a problem."
        ),
        "how_h": "How accessible is the service?",
        "how": (
            "The service is partially compliant with the law on accessibility of digital public "
            "service, because of the shortcomings described below."
        ),
        "gaps_h": "Content that is not accessible",
        "gaps": [
            "The box where you write does not say beforehand how long the text may be (your "
            "idea at most 4,000 characters). If it is too long you are told afterwards. We are "
            "working on showing it as you type.",
            "If you answer in an old tab, the chat does not say clearly that the question was "
            "already answered in another tab.",
            "When the chat is embedded on another website, the page's headings and keyboard "
            "order partly depend on that website.",
        ],
        "report_h": "Report shortcomings in the service's accessibility",
        "report": (
            "We keep working to make the service more accessible. If you find problems not "
            "described here, or need the content in another format, get in touch and we will "
            "answer within two working days:"
        ),
        "supervisor_h": "Supervision",
        "supervisor": (
            "The Agency for Digital Government (Digg) supervises the law on accessibility of "
            "digital public service. If you are not satisfied with how we handle your comments, "
            "you can contact Digg."
        ),
        "digg_link": "Report lacking accessibility to Digg",
        "technical_h": "Technical information about the service's accessibility",
        "technical": (
            "The service is partially compliant with WCAG 2.1 level AA (the standard EN 301 "
            "549), because of the shortcomings above."
        ),
        "tested_h": "How we tested the service",
        "tested": (
            "We made a self-assessment (internal testing). Every change is tested automatically "
            "in a real browser with axe-core against WCAG 2.1 levels A and AA, and we go through "
            "the chat with the keyboard alone and at phone size."
        ),
        "dates": (
            f"The assessment was made on {ASSESSED['en']}. The statement was last updated on "
            f"{ASSESSED['en']}."
        ),
        "back": "To the chat",
        "other_language": "På svenska",
        "link": "Accessibility",
        "form_description": "Describe the problem (needed)",
        "form_page": "Which page? (optional)",
        "form_reply_to": "Your email, if you would like an answer (optional)",
        "form_send": "Send it to us",
        "report_thanks": "Thank you! Your report has reached us.",
        "report_empty": "Please describe the problem first.",
        "report_expired": "The page had grown old. Please write again.",
        "report_refused": "The form could not be read. Please try again, or email us.",
    },
}


ReportProblem = Callable[[str, str, str], Awaitable[bool]]


def statement_page(
    env: Environment,
    contact: str,
    form_key: bytes,
    report_problem: ReportProblem | None,
    language_of: Callable[[Request], str],
) -> Callable[[Request], Awaitable[Response]]:
    """The statement (GET), and its form for reporting a problem (POST): a description
    (needed), the page, an address to answer — passed to ``report_problem``."""

    async def page(request: Request) -> Response:
        lang = language_of(request)
        notice, status = None, 200
        if request.method == "POST":
            notice, status = await _report(request, STATEMENT[lang])
        html = env.get_template("accessibility.html").render(
            lang=lang,
            a=STATEMENT[lang],
            contact=contact,
            token=visitor_token(form_key),
            notice=notice,
            form=report_problem is not None,
        )
        return HTMLResponse(html, status_code=status)

    async def _report(request: Request, words: dict[str, Any]) -> tuple[str, int]:
        form = await read_form(request, MAX_BODY, max_fields=10)
        if form is None or report_problem is None:  # too big, not a form, or malformed
            return words["report_refused"], 400
        if cross_site(request) or not visitor_token_valid(form_key, form.get("csrf")):
            return words["report_expired"], 403
        description = str(form.get("description") or "")
        if not description.strip():
            return words["report_empty"], 400
        reported = await report_problem(
            description, str(form.get("page") or ""), str(form.get("reply_to") or "")
        )
        return (words["report_thanks"], 200) if reported else (words["report_empty"], 400)

    return page
