"""Test files made here, not downloaded: a fillable PDF (reportlab AcroForm), a printed PDF,
a Word form (python-docx, with a content control and a legacy form field in raw XML)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any


def fillable_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Aanvraag vervoersvoorziening")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, 800, "Aanvraag vervoersvoorziening")
    c.setFont("Helvetica", 10)
    form = c.acroForm
    form.textfield(
        name="naam_aanvrager",
        tooltip="Naam van de aanvrager",
        x=200,
        y=740,
        width=250,
        height=18,
        fieldFlags="required",
    )
    c.drawString(50, 705, "Geboortedatum kind")  # no tooltip: the printed text is the label
    form.textfield(name="Text7", x=200, y=700, width=120, height=18)
    form.textfield(name="bsn_kind", tooltip="BSN van het kind", x=200, y=660, width=120, height=18)
    form.checkbox(name="akkoord", tooltip="Ik ga akkoord met de voorwaarden", x=200, y=620)
    for index, value in enumerate(("Taxi", "Eigen auto", "Openbaar vervoer")):
        form.radio(
            name="vervoer",
            tooltip="Soort vervoer",
            value=value.replace(" ", "_"),
            selected=index == 0,
            x=200 + index * 60,
            y=580,
        )
    form.choice(
        name="gemeente",
        tooltip="Woongemeente",
        value="Nijmegen",
        options=["Nijmegen", "Wijchen", "Heumen"],
        x=200,
        y=540,
        width=150,
        height=18,
    )
    c.save()
    return path


def printed_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, 800, "Melding zorgen over een jeugdige")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, 760, "Gegevens melder")
    c.setFont("Helvetica", 10)
    c.drawString(50, 740, "Naam melder: ____________________")
    c.drawString(50, 720, "Telefoonnummer: ______________   E-mailadres: ______________")
    c.drawString(50, 700, "Let op: deze tekst is uitleg en geen vraag, want er staat iets achter.")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, 670, "Gegevens jeugdige")
    c.setFont("Helvetica", 10)
    c.drawString(50, 650, "Geboortedatum: ..........")
    c.drawString(50, 630, "Is er al hulpverlening betrokken?")
    c.drawString(60, 615, "[ ] Ja   [ ] Nee")
    c.drawString(50, 595, "Welke school:  [ ] Basisschool  [ ] Voortgezet onderwijs  [ ] Geen")
    c.save()
    return path


SDT = """<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/>{kind}</w:sdtPr>
  <w:sdtContent><w:r><w:t>Klik hier</w:t></w:r></w:sdtContent>
</w:sdt>"""
LEGACY = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Reden"/>
  <w:statusText w:type="text" w:val="Reden van de aanvraag"/>
  <w:helpText w:type="text" w:val="Beschrijf kort waarom"/><w:textInput/></w:ffData></w:fldChar>
</w:r>"""


def word_form(path: Path) -> Path:
    from docx import Document
    from lxml import etree

    document = Document()
    document.core_properties.title = "Verlenging jeugdhulp"
    document.add_heading("Verlenging jeugdhulp", level=1)
    document.add_heading("Gegevens jeugdige", level=2)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Naam jeugdige"
    table.cell(1, 0).text = "Geboortedatum"
    table.cell(2, 0).text = "Gaat naar school"
    table.cell(2, 1).text = "☐ Ja ☐ Nee"
    document.add_paragraph("Dossiernummer: ____________")
    document.add_paragraph("Dit is een gewone zin: met tekst erachter.")
    paragraph = document.add_paragraph("Startdatum verlenging ")
    paragraph._p.append(
        etree.fromstring(SDT.format(alias="Startdatum verlenging", tag="start", kind="<w:date/>"))
    )
    choice = document.add_paragraph("Product ")
    items = "".join(
        f'<w:listItem w:displayText="{label}" w:value="{label}"/>'
        for label in ("Ambulant", "Verblijf", "Dagbehandeling")
    )
    choice._p.append(
        etree.fromstring(
            SDT.format(alias="", tag="product", kind=f"<w:dropDownList>{items}</w:dropDownList>")
        )
    )
    legacy = document.add_paragraph("Reden: ")
    legacy._p.append(etree.fromstring(LEGACY))
    document.add_heading("Ondertekening", level=2)
    document.add_paragraph("Handtekening ouder:")
    document.save(str(path))
    return path


def openforms_zip(path: Path, name: str, steps: list[tuple[str, list[dict[str, Any]]]]) -> Path:
    """An Open Forms export with the given steps (title, Form.io components)."""
    forms = [{"uuid": "u", "name": name, "slug": name.lower().replace(" ", "")}]
    definitions, form_steps = [], []
    for index, (title, components) in enumerate(steps):
        url = f"http://localhost/api/v2/form-definitions/d{index}"
        definitions.append(
            {
                "url": url,
                "uuid": f"d{index}",
                "name": title,
                "slug": f"s{index}",
                "configuration": {"display": "form", "components": components},
            }
        )
        form_steps.append(
            {"uuid": f"s{index}", "index": str(index), "slug": f"s{index}", "form_definition": url}
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("forms.json", json.dumps(forms))
        archive.writestr("formSteps.json", json.dumps(form_steps))
        archive.writestr("formDefinitions.json", json.dumps(definitions))
    path.write_bytes(buffer.getvalue())
    return path
