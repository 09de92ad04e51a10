"""Real documents generated for the ingestion tests: PDF (reportlab), DOCX (python-docx), HTML,
Markdown and text, built from the seed text so that what comes out can be compared with it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "knowledge" / "amf-action-internationale" / "fr.txt"
HEADER = "AMF — L'action internationale"
FOOTER = "Association des Maires de France — document de travail"


def seed_paragraphs() -> list[str]:
    """The seed's content paragraphs (its last line is AMF's notice)."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:-1]


def seed_notice() -> str:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()][-1]


def _font() -> str:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf")))
    return "Vera"


def two_column_pdf(path: Path, paragraphs: list[str], heading: str | None = None, pages_hint: str = "A5",
                   title: str = "L'action internationale de l'AMF", running: bool = True) -> Path:
    """`paragraphs` in two columns with a running header, a footer and "Page n" on every page.

    List items ("- ") are set with a bullet; `heading` (if any) is a larger bold line above the first paragraph.
    Without `running`, no header or footer (a one-page document cannot show them to be repeated).
    """
    from reportlab.lib.pagesizes import A4, A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    font = _font()
    size = A5 if pages_hint == "A5" else A4
    width, height = size
    margin, gap = 36, 20
    column = (width - 2 * margin - gap) / 2
    frames = [Frame(margin, margin + 20, column, height - 2 * margin - 40, id="left"),
              Frame(margin + column + gap, margin + 20, column, height - 2 * margin - 40, id="right")]

    def decorate(canvas, doc):
        if not running:
            return
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.drawString(margin, height - margin + 6, HEADER)
        canvas.drawString(margin, margin - 6, FOOTER)
        canvas.drawRightString(width - margin, margin - 6, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=size, title=title,
                          pageTemplates=[PageTemplate(id="two", frames=frames, onPage=decorate)])
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=11.5, spaceAfter=7)
    item = ParagraphStyle("item", parent=body, leftIndent=10, bulletIndent=0, spaceAfter=4)
    head = ParagraphStyle("head", fontName="VeraBd", fontSize=13, leading=16, spaceAfter=8)
    story = [Paragraph(_escape(heading), head)] if heading else []
    for text in paragraphs:
        if text.startswith("- "):
            story.append(Paragraph(_escape(text[2:]), item, bulletText="•"))
        else:
            story.append(Paragraph(_escape(text), body))
    doc.build(story)
    return path


def row_by_row_pdf(path: Path, left: list[str], right: list[str]) -> Path:
    """Two columns of lines written row by row across both columns, as print drivers often do."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 10)
    y = A4[1] - 72
    for i in range(max(len(left), len(right))):
        if i < len(left):
            c.drawString(60, y, left[i])
        if i < len(right):
            c.drawString(320, y, right[i])
        y -= 13
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """A page with only a drawing on it: no text layer, like a scan."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(72, 72, 300, 400, fill=1)
    c.save()
    return path


def truncated_copy(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 3])
    return target


def docx_file(path: Path, title: str, sections: list[tuple[str, list[str]]], items: list[str],
              table: list[list[str]]) -> Path:
    """A Word document: a title, Heading 1 sections of paragraphs, a bulleted list and a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    document.add_heading("Partenaires", level=2)
    for text in items:
        document.add_paragraph(text, style="List Bullet")
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    document.save(str(path))
    return path


def html_page(title: str, paragraphs: list[str], heading: str = "") -> str:
    """A saved web page: navigation, cookie banner, header and footer around the article."""
    body = "".join(f"<p>{_escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{_escape(title)}</title>
<style>body {{ font-family: sans-serif }}</style><script>var tracking = "analytics";</script></head>
<body>
<div id="cookie-banner" class="cookie-consent">Ce site utilise des cookies pour mesurer l'audience. <button>Accepter les cookies</button></div>
<header><div class="logo">AMF</div><nav><ul><li><a href="/">Accueil</a></li><li><a href="/actualites">Actualités</a></li>
<li><a href="/contact">Nous contacter</a></li><li><a href="/espace-presse">Espace presse</a></li></ul></nav></header>
<main><article><h1>{_escape(title)}</h1>{f"<h2>{_escape(heading)}</h2>" if heading else ""}{body}</article></main>
<aside class="sidebar"><h3>Liens utiles</h3><ul><li><a href="/annuaire">Annuaire des maires</a></li></ul></aside>
<footer><p>© AMF — Mentions légales — Plan du site — Politique de confidentialité</p></footer>
<script>document.getElementById("cookie-banner").remove();</script>
</body></html>"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
