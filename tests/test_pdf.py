"""The PDF, the letters, the calendar files and the staff preview."""

import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from procedures import packet as packet_module
from procedures.models import PacketPDF, Preparation, Procedure

from .test_packet import CANJE, core
from .test_wizard_branches import FAMILY_SPOUSE, OLD_ADDRESS, TEMPORARY, VISITOR, valid_rfc
from .wizard import NOW, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def download(client, preparation, language="en"):
    response = client.get(url("packet_pdf", language, preparation.token))
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response) if response.streaming else response.content
    assert content.startswith(b"%PDF")
    return response, content


RT_A_RP = {
    "current_document": "temporary_card",
    "card_expires": "2026-12-20",
    "rt_to_rp_route": "four_years",
    "resident_since": "2022-10-01",
    "nue": "12345678",
}


@time_machine.travel(NOW, tick=False)
def test_canje_pdf_holds_the_portal_labels_names_deadline_and_fee(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    response, content = download(client, preparation)
    assert response["Content-Disposition"] == 'attachment; filename="inmprep-canje-2026-11-27.pdf"'
    text = flat(pdf_text(content))
    assert "https://www.inm.gob.mx/spublic/portal/inmex.html" in text.replace(" ", "").replace("https://", "https://")
    assert "Apellido(s)" in text
    assert "Pérez O'Neill" in text
    assert "File by Wednesday 16 December 2026." in text
    assert "LFD art. 8 fr. VI" in text
    assert "Page 1 of" in text
    assert preparation.token not in text


@time_machine.travel(NOW, tick=False)
def test_the_pdf_copy_sheet_sets_each_hint_under_its_value(client):
    """On paper the copy sheet has two columns: the label, then the value with its hint below it."""
    preparation = walk(client, "en", "canje", core(CANJE))
    _, content = download(client, preparation)
    text = pdf_text(content)
    assert "Your value, and how" in text and "How\n" not in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    value = lines.index("14/03/1985")  # Fecha de nacimiento
    assert lines[value + 1] == "dd/mm/aaaa (day/month/year)"
    name = lines.index("Pérez O'Neill")
    assert lines[name + 1] == "All surnames in one field, as in the passport"


@time_machine.travel(NOW, tick=False)
def test_spanish_pdf_is_in_the_preparations_language(client):
    preparation = walk(client, "es", "canje", core(CANJE))
    _, content = download(client, preparation, "es")
    text = flat(pdf_text(content))
    assert "16 de diciembre de 2026" in text
    assert "Página 1 de" in text
    assert "Exchange of a resident visa" not in text


@time_machine.travel(NOW, tick=False)
def test_second_download_comes_from_packet_pdf_and_delete_removes_it(client, monkeypatch):
    renders = []
    real_render = packet_module.render_pdf
    monkeypatch.setattr(packet_module, "render_pdf", lambda context: renders.append(1) or real_render(context))
    preparation = walk(client, "en", "canje", core(CANJE))
    _, first = download(client, preparation)
    _, second = download(client, preparation)
    assert len(renders) == 1 and first == second
    assert PacketPDF.objects.filter(preparation=preparation).count() == 1
    # A change to the answers, an hour later, renders it again.
    with time_machine.travel("2026-11-27 18:00:00+00:00", tick=False):
        client.post(
            url("wizard_step", "en", preparation.token, "passport"),
            {**core(CANJE)["passport"], "passport_number": "Z9999999", "next": "review"},
        )
        download(client, preparation)
    assert len(renders) == 2
    assert PacketPDF.objects.filter(preparation=preparation).count() == 1
    client.post(url("packet_delete", "en", preparation.token), {"confirm": "yes"})
    assert not PacketPDF.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_pdf_that_fails_to_render_shows_an_error_page_and_the_packet_still_works(client, monkeypatch):
    import weasyprint

    def broken(*args, **kwargs):
        raise RuntimeError("Pango went away")

    monkeypatch.setattr(weasyprint, "HTML", broken)
    preparation = walk(client, "en", "canje", core(CANJE))
    response = client.get(url("packet_pdf", "en", preparation.token))
    assert response.status_code == 500
    assert b"The PDF could not be made" in response.content
    assert client.get(url("packet", "en", preparation.token)).status_code == 200
    assert not PacketPDF.objects.exists()


def test_the_url_fetcher_refuses_anything_but_static_files():
    with pytest.raises(ValueError):
        packet_module.static_fetcher("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        packet_module.static_fetcher("file:///etc/passwd")
    with pytest.raises(ValueError):
        packet_module.static_fetcher("file:///static/../../etc/passwd")
    assert packet_module.static_fetcher("file:///static/css/packet.css")


# ----------------------------------------------------------------------------- letters

CARD = {**TEMPORARY, "card_number": "A00012345", "nue": "12345678"}
# What every escrito carries, read back from the PDF (LFPA art. 15; FACTS.md corrections of
# 2026-12-01): the state's titular (the chosen office is Guadalajara's), the applicant with
# nationality, passport, document held and its number, the NUE, the domicilio para oír y recibir
# notificaciones, place and date in long form, the closing and the signature.
EVERY_LETTER = [
    "C. Titular de la Oficina de Representación del INM en Jalisco",
    "María José Pérez O'Neill, por mi propio derecho, de nacionalidad estadounidense, con pasaporte número X1234567",
    "señalando como domicilio para oír y recibir notificaciones el ubicado en Av. Madero 120, colonia Chapala "
    "Centro, C.P. 45900, Chapala, Jalisco",
    "Chapala, Jalisco, a 27 de noviembre de 2026.",
    "Atentamente,",
]
WITH_CARD = ["titular de la tarjeta de residente temporal número A00012345", "(NUE) 12345678"]
LETTER_CASES = {
    "notif_domicilio": (
        {**core(CARD), "changes": OLD_ADDRESS},
        [
            *WITH_CARD,
            "Asunto: Notificación de cambio de domicilio.",
            "con fundamento en el artículo 63 de la Ley de Migración, vengo a notificar el cambio de mi domicilio",
            "Manifiesto bajo protesta de decir verdad que el cambio ocurrió el 15 de octubre de 2026",
            "Domicilio anterior: Av. Juárez 10, colonia Centro, C.P. 44100, Guadalajara, Jalisco.",
            "Domicilio actual: Av. Madero 120",
            "solicito se tenga por presentada esta notificación",
        ],
    ),
    "cambio_rt_a_rp": (
        core({**RT_A_RP, "card_number": "A00012345"}),
        [
            *WITH_CARD,
            "Manifiesto bajo protesta de decir verdad que soy residente temporal desde el 1 de octubre de 2022, por "
            "lo que el 1 de octubre de 2026 cumplí cuatro años consecutivos con esa condición de estancia, y que mi "
            "tarjeta de residente temporal vence el 20 de diciembre de 2026.",
            "con fundamento en el artículo 54 de la Ley de Migración, atentamente solicito el cambio de condición de "
            "estancia de residente temporal a residente permanente",
        ],
    ),
    "cambio_rt_unidad_familiar": (
        {**core(VISITOR), "family": FAMILY_SPOUSE},
        [
            "Quienes suscribimos, María José Pérez O'Neill, de nacionalidad estadounidense, con pasaporte número "
            "X1234567, documentada como visitante con la Forma Migratoria Múltiple (FMM), y Jorge Ramírez Soto, de "
            "nacionalidad canadiense, quien se identifica con tarjeta de residente 123456, por nuestro propio derecho",
            "Manifestamos bajo protesta de decir verdad que contrajimos matrimonio el 20 de junio de 2020 y que "
            "hacemos vida en común en el domicilio conyugal ubicado en Av. Madero 120",
            "Por lo expuesto, atentamente solicitamos se tenga por presentada esta manifestación y se considere para "
            "acreditar el vínculo familiar en el trámite de",
            "que promueve María José Pérez O'Neill",
            "Jorge Ramírez Soto",
        ],
    ),
    "permiso_trabajo_independiente": (
        {
            **core(CARD),
            "employment": {
                "activity": "Clases de inglés",
                "activity_place": "en mi domicilio",
                "applicant_rfc": "SELF",
            },
        },
        [
            *WITH_CARD,
            "Manifiesto bajo protesta de decir verdad que las actividades independientes que desarrollaré consisten "
            "en clases de inglés, que se llevarán a cabo en mi domicilio y que estoy inscrita en el Registro Federal "
            "de Contribuyentes con la clave",
            "atentamente solicito se me otorgue permiso para trabajar",
        ],
    ),
    "reposicion": (
        {
            **core(CARD),
            "replacement": {
                "reason": "stolen",
                "event_date": "2026-11-05",
                "event_place": "Chapala, Jal.",
                "police_report": "yes",
                "police_report_reference": "CI-JAL-2026-1234",
            },
        },
        [
            *WITH_CARD,
            "Manifiesto bajo protesta de decir verdad que el 5 de noviembre de 2026, en Chapala, Jal., sufrí el robo "
            "de mi tarjeta de residente temporal número A00012345.",
            "Se presentó la denuncia correspondiente ante la autoridad competente, con número CI-JAL-2026-1234, cuya "
            "constancia se anexa en copia.",
            "atentamente solicito la reposición de mi tarjeta de residente temporal",
        ],
    ),
    "canje": (
        core(CANJE),
        [
            "con pasaporte número X1234567, en el que consta la visa de residente temporal expedida por una oficina "
            "consular de México,",
            "Que el 17 de noviembre de 2026 ingresé al territorio nacional con dicha visa, y que en la Forma "
            "Migratoria Múltiple (FMM) consta la anotación «canje».",
            "con fundamento en el artículo 59 de la Ley de Migración, atentamente solicito la expedición de mi tarjeta "
            "de residente temporal por canje de la visa, con vigencia de dos años.",
        ],
    ),
}


def letter_page(content: bytes) -> str:
    """The text of the PDF page the letter is printed on (the page handed in)."""
    reader = PdfReader(io.BytesIO(content))
    pages = [flat(page.extract_text()) for page in reader.pages if "P r e s e n t e" in page.extract_text()]
    assert len(pages) == 1, len(pages)
    return pages[0]


def with_rfc(answers):
    answers = dict(answers)
    if answers.get("employment", {}).get("applicant_rfc") == "SELF":
        answers["employment"] = {**answers["employment"], "applicant_rfc": valid_rfc(company=False)}
    return answers


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("slug", list(LETTER_CASES))
def test_each_letter_holds_every_required_element_in_the_pdf(client, slug):
    answers, elements = LETTER_CASES[slug]
    preparation = walk(client, "en", slug, with_rfc(answers))
    page = client.get(url("packet", "en", preparation.token)).content.decode()
    assert 'class="letter"' in page and "Your letter, ready to sign" in page
    _, content = download(client, preparation)
    text = letter_page(content)
    # The family statement is made by both, "por nuestro propio derecho".
    every = [
        e.replace(", por mi propio derecho", "") if slug == "cambio_rt_unidad_familiar" else e for e in EVERY_LETTER
    ]
    for element in [*every, *elements]:
        assert element in text, element
    # Nothing on the page handed in names this product, a version, or the packet's page footer.
    assert "inmprep" not in text.lower() and "versión" not in text and "Page " not in text
    assert "What you are signing" not in text  # the translation is on the page after


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_translation_of_the_letter_is_in_english_packets_only(client, language):
    preparation = walk(client, language, "notif_domicilio", {**core(CARD), "changes": OLD_ADDRESS})
    _, content = download(client, preparation, language)
    text = flat(pdf_text(content))
    assert "Domicilio anterior: Av. Juárez 10" in text  # the letter is in Spanish in every packet
    if language == "en":
        assert text.count("What you are signing") == 2  # beside the letter and beside the Comentarios text
        assert "I state under oath that the change happened on Oct. 15, 2026" in text
        assert "The following documents are attached:" in text
    else:
        assert "What you are signing" not in text and "Lo que usted firma" not in text


@time_machine.travel(NOW, tick=False)
def test_a_minors_letter_in_the_pdf_is_made_and_signed_by_the_guardian(client):
    from .test_wizard_branches import CHILD, GUARDIAN

    answers = {**core(CARD, applicant=CHILD), "guardian": GUARDIAN, "changes": OLD_ADDRESS}
    preparation = walk(client, "en", "notif_domicilio", answers)
    _, content = download(client, preparation)
    text = letter_page(content)
    assert (
        "María José Pérez, en mi carácter de madre y en representación de mi hija Lucía Pérez O'Neill, menor de "
        "edad, de nacionalidad estadounidense, con pasaporte número X1234567" in text
    )
    assert "identificándome con pasaporte X1234567" in text
    assert "vengo a notificar el cambio de domicilio de mi hija." in text
    assert "por mi propio derecho" not in text
    assert text.endswith("María José Pérez En representación de la menor Lucía Pérez O'Neill")
    page = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "the letter is made and signed by María José Pérez, on behalf of the minor" in page


FOUR_YEARS_SOON = {**RT_A_RP, "resident_since": "2023-01-10", "card_expires": "2027-01-20"}


@pytest.mark.parametrize(
    ("now", "complete"),
    [("2026-12-28 17:00:00+00:00", False), ("2027-01-09 17:00:00+00:00", False), ("2027-01-10 17:00:00+00:00", True)],
)
def test_the_four_year_letter_before_and_after_the_four_years_complete(client, now, complete):
    with time_machine.travel(now, tick=False):
        preparation = walk(client, "en", "cambio_rt_a_rp", core(FOUR_YEARS_SOON))
        _, content = download(client, preparation)
        page = client.get(url("packet", "en", preparation.token)).content.decode()
    text = letter_page(content)
    assert "soy residente temporal desde el 1" in text and "de enero de 2023" in text
    assert ("cumplí cuatro años consecutivos" in text) is complete
    assert ('data-withheld="four_years_as_temporary_resident"' in page) is not complete
    whole = flat(pdf_text(content))
    if complete:
        assert "por haberse cumplido cuatro años consecutivos como residente temporal" in whole
    else:
        assert "Not true yet: your four years as a temporary resident are complete on Jan. 10, 2027" in whole
        assert "por la vía de cuatro años como residente temporal; residente temporal desde el" in whole
        assert "cuatro años consecutivos" not in whole


@time_machine.travel(NOW, tick=False)
def test_no_letter_where_the_catalogue_names_none(client):
    renewal = {
        "current_document": "temporary_card",
        "card_expires": "2026-12-15",
        "resident_since": "2024-12-15",
        "years_requested": "1",
    }
    preparation = walk(client, "en", "renovacion", core(renewal))
    page = client.get(url("packet", "en", preparation.token)).content.decode()
    assert 'class="letter"' not in page
    # INM820 asks for no renewal letter: none is listed either.
    assert "Escrito" not in page[page.index('class="comments-text"') :].split("</pre>")[0]


# ----------------------------------------------------------------------------- calendar files


@time_machine.travel(NOW, tick=False)
def test_deadline_ics_with_a_reminder_a_week_before(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    response = client.get(url("deadline_ics", "en", preparation.token))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and "DTSTART;VALUE=DATE:20261216" in body and "TRIGGER:-P7D" in body
    assert "\r\n" in body


@time_machine.travel(NOW, tick=False)
def test_no_deadline_ics_without_a_deadline(client):
    # A student's change of status has no deadline of its own here (a visitor's ends with the stay).
    student = {"current_document": "student_card", "card_expires": "2027-08-01", "nue": ""}
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(student), "family": FAMILY_SPOUSE})
    assert client.get(url("deadline_ics", "en", preparation.token)).status_code == 404
    visitor = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": FAMILY_SPOUSE})
    assert "DTSTART;VALUE=DATE:20270329" in client.get(url("deadline_ics", "en", visitor.token)).content.decode()


@time_machine.travel(NOW, tick=False)
def test_appointment_ics_only_once_recorded(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    assert client.get(url("appointment_ics", "en", preparation.token)).status_code == 404
    client.post(
        url("packet_appointment", "en", preparation.token),
        {"appointment_date": "2026-12-10", "appointment_time": "09:30", "appointment_office": "jal-guadalajara"},
    )
    body = client.get(url("appointment_ics", "en", preparation.token)).content.decode()
    assert "DTSTART:20261210T153000Z" in body  # 09:30 in Mexico City
    assert "TRIGGER:-P1D" in body and "Guadalajara" in body


# ----------------------------------------------------------------------------- staff preview


@pytest.mark.parametrize("slug", ["canje", "notif_domicilio", "cambio_rt_a_rp", "reposicion"])
def test_staff_preview_renders_the_packet_and_pdf_without_saving(staff_client, slug):
    procedure = Procedure.objects.get(slug=slug)
    change = staff_client.get(reverse("admin:procedures_procedure_change", args=[procedure.pk])).content.decode()
    preview_url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
    assert preview_url in change
    page = staff_client.get(preview_url + "?language=en")
    assert page.status_code == 200
    assert b"Hern\xc3\xa1ndez M\xc3\xbcller" in page.content and b"sample applicant" in page.content
    pdf = staff_client.get(reverse("admin:procedures_procedure_preview_pdf", args=[procedure.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert not Preparation.objects.exists() and not PacketPDF.objects.exists()


def test_preview_is_refused_to_anonymous_visitors(client):
    procedure = Procedure.objects.get(slug="canje")
    assert client.get(reverse("admin:procedures_procedure_preview", args=[procedure.pk])).status_code == 302


def test_staff_see_each_letters_version(staff_client):
    procedure = Procedure.objects.get(slug="notif_domicilio")
    page = staff_client.get(reverse("admin:procedures_procedure_change", args=[procedure.pk])).content.decode()
    assert "2.0 (2026-12-01)" in page


@time_machine.travel(NOW, tick=False)
def test_a_full_disk_for_packet_pdf_still_serves_the_pdf(client, monkeypatch, caplog):
    from django.db import OperationalError

    def disk_full(**kwargs):
        raise OperationalError('could not extend file "base/16384/24601": No space left on device')

    monkeypatch.setattr(PacketPDF.objects, "update_or_create", disk_full)
    preparation = walk(client, "en", "canje", core(CANJE))
    _, content = download(client, preparation)
    assert content.startswith(b"%PDF")
    assert "serving it uncached" in caplog.text
    assert client.get(url("packet", "en", preparation.token)).status_code == 200


# ----------------------------------------------------------------------------- tagging and layout


def page_lines(content: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text fragments with their height on the page (points from the bottom)."""
    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        fragments = []

        def visit(text, cm, tm, font, size, fragments=fragments):
            if text.strip():
                fragments.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(fragments)
    return pages


FOOTER_TOP = 50  # points: the running footer sits in the bottom margin (20 mm ≈ 57 pt)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_pdf_is_tagged_with_its_language_and_title(client, language):
    preparation = walk(client, language, "canje", core(CANJE))
    _, content = download(client, preparation, language)
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == language
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    title = reader.metadata["/Title"]
    assert "Canje de FMM por Tarjeta de Visitante o de Residente" in title
    assert title.startswith("Preparation packet" if language == "en" else "Guía de preparación")
    assert reader.metadata["/Author"] == "inmprep"
    # The structure tree has the packet's headings, lists and the copy sheet's table.
    structure = catalog["/StructTreeRoot"]
    kinds = set()

    def collect(node):
        node = node.get_object()
        if hasattr(node, "get"):
            if node.get("/S"):
                kinds.add(node["/S"])
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                if hasattr(kid, "get_object") or hasattr(kid, "get"):
                    collect(kid)

    collect(structure)
    assert {"/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"} <= kinds


@time_machine.travel(NOW, tick=False)
def test_the_first_page_is_full_and_no_heading_ends_a_page(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    _, content = download(client, preparation)
    pages = page_lines(content)
    body = [[(y, text) for y, text in page if y > FOOTER_TOP] for page in pages]
    # The copy sheet follows on from the booking steps (it used to start a page of its own), and
    # page 1 runs into its last quarter.
    first_lines = [max(page)[1] for page in body]
    assert "Copy sheet: your answers for the INM form" not in first_lines
    assert min(y for y, _ in body[0]) < 792 / 4
    headings = {
        "Check these first",
        "Legal deadline",
        "Book your appointment",
        "Copy sheet: your answers for the INM form",
        "Text for the “Comentarios” box",
        "Your document checklist",
        "Rules for every filing",
        "Fees",
        "How to pay",
        "Your INM office",
        "Common mistakes to avoid",
        "After the appointment",
        "Glossary",
        "Sources and limits",
    }
    for number, page in enumerate(body, start=1):
        last = min(page)[1]
        assert last not in headings, f"page {number} ends with the heading {last!r}"


@time_machine.travel(NOW, tick=False)
def test_no_glossary_term_is_split_from_its_definition(client):
    from procedures.glossary import glossary

    preparation = walk(client, "en", "canje", core(CANJE))
    _, content = download(client, preparation)
    pages = [" ".join(text for _, text in page) for page in page_lines(content)]
    for term, meaning in glossary(procedure_slug="canje", formato_basico=True):
        start = str(meaning)[:25]
        term_pages = [n for n, text in enumerate(pages) if f" {term} " in f" {text} " and start in text]
        assert term_pages, f"{term} and its definition are not on one page"


def html_terms(html: str) -> set[str]:
    """The text of every heading and definition term of a packet page."""
    import re
    from html import unescape

    found = re.findall(r"<(h[1-4]|dt)\b[^>]*>(.*?)</\1>", html, flags=re.S)
    return {" ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()) for _, text in found}


@pytest.mark.parametrize(
    ("language", "office", "today"),
    [
        ("en", "jal-guadalajara", NOW),
        ("es", "jal-chapala", NOW),
        ("es", "jal-chapala", "2026-12-01 17:00:00+00:00"),
        ("en", "jal-chapala", "2026-12-01 17:00:00+00:00"),
    ],
)
def test_no_page_ends_with_a_heading_or_a_term_without_its_definition(client, language, office, today):
    with time_machine.travel(today, tick=False):
        preparation = walk(client, language, "canje", core(CANJE, office={"office": office}))
        terms = html_terms(client.get(url("packet", language, preparation.token)).content.decode())
        _, content = download(client, preparation, language)
    assert {"Legal last day", "Último día del plazo legal"} & terms  # the deadline's terms are read
    for number, page in enumerate(page_lines(content), start=1):
        body = [(y, text) for y, text in page if y > FOOTER_TOP]
        last = " ".join(text for y, text in body if abs(y - min(body)[0]) < 1)
        assert last not in terms, f"page {number} ends with {last!r}"
