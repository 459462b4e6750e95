"""Hostile files: one clear Dutch line, nothing written, and soon.

Each file here is made to break a reader: a zip bomb (honest and lying about its size), a
file of 200 MB, PDFs whose references loop or whose page tree is huge or deep, a corrupt
Word file, an entity bomb in Word XML, JSON and component trees nested too deep.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from regeldruk.errors import RegeldrukError
from regeldruk.formimport import import_forms, read_form_file
from regeldruk.formimport.common import MAX_INFLATED_BYTES
from tests.formimport.makers import openforms_zip, word_form

NOW = "2026-11-02T10:00:00+00:00"


def refused(path: Path, *expected: str) -> str:
    out = path.parent / "uit"
    with pytest.raises(RegeldrukError) as caught:
        import_forms([path], "GM0268", out, NOW)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith("er is niets geschreven.")
    assert any(part in message for part in expected), message
    assert not out.exists()
    return message


def bomb_zip(path: Path, member: str, size: int, others: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in others.items():
            archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return path


OPENFORMS = {"forms.json": b'[{"name": "x", "slug": "x"}]', "formSteps.json": b"[]"}


def test_a_zip_bomb_stops_at_the_budget(tmp_path: Path) -> None:
    path = bomb_zip(
        tmp_path / "bom.zip", "formDefinitions.json", MAX_INFLATED_BYTES + 2**21, OPENFORMS
    )
    assert path.stat().st_size < 1_000_000
    refused(path, "zip-bom")


def test_a_zip_bomb_whose_directory_lies_about_its_size(tmp_path: Path) -> None:
    path = bomb_zip(tmp_path / "bom.zip", "formDefinitions.json", 80 * 2**20, OPENFORMS)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("formDefinitions.json")
    # Claim 100 bytes in the central directory's zip64 extra field (the real size is 80 MB).
    real = (80 * 2**20).to_bytes(8, "little")
    data = data.replace(real, (100).to_bytes(8, "little"))
    path.write_bytes(bytes(data))
    assert info.file_size == 80 * 2**20
    refused(path, "beschadigd", "zip-bom", "geen geldig zip")


def test_a_word_zip_bomb(tmp_path: Path) -> None:
    path = bomb_zip(tmp_path / "bom.docx", "word/document.xml", MAX_INFLATED_BYTES + 2**21, {})
    refused(path, "zip-bom")


def test_a_200_mb_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groot.pdf"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk used

    def no_reading(self: Path) -> bytes:
        raise AssertionError("read before the size check")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    refused(path, "groter dan 30 MB")


def pdf(objects: list[str], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table, from the bodies of objects 1..n."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_pdf_whose_page_tree_loops(tmp_path: Path) -> None:
    path = tmp_path / "kring.pdf"
    path.write_bytes(
        pdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
            ]
        )
    )
    refused(path, "kring")


def test_a_pdf_whose_fields_loop_reads_each_field_once(tmp_path: Path) -> None:
    path = tmp_path / "velden.pdf"
    path.write_bytes(
        pdf(
            [
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>",
                "<< /T (a) /FT /Tx /TU (Naam) /Kids [5 0 R] >>",
                "<< /T (b) /FT /Tx /TU (Adres) /Kids [4 0 R 6 0 R] >>",
                "<< /T (c) /FT /Tx /TU (Woonplaats) /Parent 5 0 R >>",
            ]
        )
    )
    draft = read_form_file(path)
    assert [f.label for f in draft.fields] == ["Woonplaats"]


def test_a_pdf_with_a_huge_page_tree(tmp_path: Path) -> None:
    kids = " ".join(["3 0 R"] * 200_000)
    path = tmp_path / "breed.pdf"
    path.write_bytes(
        pdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                f"<< /Type /Pages /Kids [{kids}] /Count 200000 >>",
                "<< /Type /Page /Parent 2 0 R >>",
            ]
        )
    )
    refused(path, "kring", "veiligheidsgrens")  # one page object listed 200,000 times


def test_a_pdf_with_a_deep_page_tree(tmp_path: Path) -> None:
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [f"<< /Type /Pages /Kids [{n + 1} 0 R] /Count 1 >>" for n in range(2, 5002)]
    objects.append("<< /Type /Page >>")
    path = tmp_path / "diep.pdf"
    path.write_bytes(pdf(objects))
    refused(path, "te diep")


def test_not_a_pdf_and_a_corrupt_one(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R")
    refused(tmp_path / "a.pdf", "onleesbare PDF", "kring")
    (tmp_path / "b.txt").write_text("hallo")
    refused(tmp_path / "b.txt", "onbekend soort bestand")


def test_a_corrupt_word_file(tmp_path: Path) -> None:
    good = word_form(tmp_path / "goed.docx")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "kapot.docx", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut off mid-element
            target.writestr(info, data)
    refused(tmp_path / "kapot.docx", "beschadigd of onleesbaar Word-document")
    truncated = tmp_path / "afgebroken.docx"
    truncated.write_bytes(good.read_bytes()[:3000])
    refused(truncated, "geen geldig zip", "beschadigd", "geen Word-document")


def test_an_entity_bomb_in_word_xml_is_not_expanded(tmp_path: Path) -> None:
    good = word_form(tmp_path / "goed.docx")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;:</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "lol.docx", "w") as target:
        for info in source.infolist():
            data = laughs.encode() if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, data)
    try:
        draft = read_form_file(tmp_path / "lol.docx")
    except RegeldrukError as err:
        assert "er is niets geschreven" in str(err)
    else:
        assert all(len(f.label) < 1000 for f in draft.fields)


def test_json_nested_too_deep(tmp_path: Path) -> None:
    path = tmp_path / "nest.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("forms.json", OPENFORMS["forms.json"])
        archive.writestr("formSteps.json", b"[]")
        archive.writestr("formDefinitions.json", b"[" * 200_000 + b"]" * 200_000)
    refused(path, "te diep genest")


def test_components_nested_too_deep(tmp_path: Path) -> None:
    component: dict[str, object] = {"type": "textfield", "key": "a", "label": "A"}
    for depth in range(60):
        component = {"type": "fieldset", "key": f"f{depth}", "components": [component]}
    path = openforms_zip(tmp_path / "diep.zip", "Diep", [("S", [component])])
    refused(path, "dieper genest")


def test_an_export_without_its_members(tmp_path: Path) -> None:
    path = tmp_path / "leeg.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("forms.json", json.dumps([{"name": "x"}]))
    refused(path, "formSteps.json, formDefinitions.json ontbreekt")
