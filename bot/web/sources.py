"""Sources opened in context, and the original files, on two routes beside the chat.

- `GET /sources/passage/{passage id}?lang=xx` — a page with the cited passage highlighted among the
  paragraphs around it, where it stands (file, PDF page, heading path, paragraph), its translation
  in the visitor's language when the index has one, AMF's notice, and the link to the original file;
- `GET /sources/file/{indexed name}` — the original file, served only when the name is the source
  file of an indexed passage (a file of the knowledge folder as the index names it) and
  `AMF_BOT_SOURCE_DOWNLOADS` is on (the default).

Both answer only behind the chat's login when `AMF_BOT_AUTH` is set. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from bot.core.models import Passage
from bot.language.messages import messages
from bot.language.page import page_text
from bot.web.html import SOURCES_PATH, escape_text, location_text

AROUND = 3  # passages shown before and after the cited one
SOURCE_ROUTES = SOURCES_PATH + r"/(?:passage|file)/.+"  # the GET paths of `source_routes`, for the guard's allow-list


def file_url(name: str) -> str:
    return f"{SOURCES_PATH}/file/{quote(name, safe='/')}"


class SourceLibrary:
    """The indexed passages (a function, so that a refreshed index is seen) and the knowledge folder."""

    def __init__(self, passages: Callable[[], dict[str, Passage]], knowledge_dir: Path, downloads: bool = True):
        self._passages = passages
        self.knowledge_dir = Path(knowledge_dir)
        self.downloads = downloads

    def context(self, passage_id: str, around: int = AROUND) -> tuple[Passage, list[Passage]] | None:
        """The passage and the passages of its file around it (`around` before and after), in reading order."""
        passages = self._passages()
        passage = passages.get(passage_id)
        if passage is None:
            return None
        same = sorted((p for p in passages.values() if p.original.source_file == passage.original.source_file),
                      key=lambda p: (p.original.start, p.paragraph))
        at = same.index(passage)
        return passage, same[max(0, at - around):at + around + 1]

    def file(self, name: str) -> Path | None:
        """The original file of an indexed name, None for any other name or when downloads are off."""
        if not self.downloads:
            return None
        indexed = {v.source_file for p in self._passages().values() for v in p.versions}
        if name not in indexed:
            return None
        root = self.knowledge_dir.resolve()
        path = (root / name).resolve()
        return path if path.is_relative_to(root) and path.is_file() else None


def context_html(passage: Passage, neighbours: list[Passage], language: str, downloads: bool) -> str:
    """The whole page of a passage in context (a standalone HTML document)."""
    words, said = page_text(language), messages(language)
    original = passage.original
    where = location_text(original.source_file, passage.paragraph, original.start, original.end, language,
                          page=original.page, heading=original.heading)
    paragraphs: list[tuple[int, list[str]]] = []  # the pieces of one paragraph (long ones are cut) make one <p>
    for near in neighbours:
        tag = "mark" if near.passage_id == passage.passage_id else "span"
        piece = f"<{tag}>{escape_text(near.original.text)}</{tag}>"
        if paragraphs and paragraphs[-1][0] == near.paragraph:
            paragraphs[-1][1].append(piece)
        else:
            paragraphs.append((near.paragraph, [piece]))
    paragraphs = [f'<p>{" ".join(pieces)}</p>' for _, pieces in paragraphs]
    translation = passage.translations.get(language)
    translated = ""
    if translation is not None and language != original.language:
        translated = (f'<section class="translation"><h2>{escape_text(said.unofficial)}</h2>'
                      f'<blockquote>{escape_text(translation.text)}</blockquote></section>')
    download = (f'<p><a href="{file_url(original.source_file)}" download>{escape_text(words.download)} — '
                f'{escape_text(original.source_file)}</a></p>') if downloads else ""
    return (f'<!doctype html><html lang="{escape_text(language)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape_text(original.title)}</title><style>{_STYLE}</style></head><body><main>'
            f'<h1>{escape_text(original.title)}</h1><p class="where">{escape_text(where)}</p>'
            f'<section class="context" aria-label="{escape_text(words.context)}">{"".join(paragraphs)}</section>'
            f'{translated}{download}<p class="notice">© {escape_text(original.notice)}</p></main></body></html>')


_STYLE = ("body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;background:#fff}"
          "main{max-width:46rem;margin:0 auto;padding:1.2rem}h1{font-size:1.4rem}"
          ".where,.notice{color:#334155;font-size:.9rem}.near{color:#334155}"
          "mark{background:#fef08a;color:#0f172a;padding:.1rem .2rem}"
          "blockquote{border-left:3px solid #2563eb;margin:.3rem 0;padding:.2rem .7rem}"
          "a{color:#1d4ed8}h2{font-size:1rem}")


def source_routes(library: SourceLibrary) -> list:
    """The two routes, for the chat's FastAPI app (`app_kwargs={"routes": …}`): they check its login."""
    from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse
    from starlette.routing import Route

    def allowed(request) -> bool:
        app = request.app
        if getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None:
            return True
        cookie_id = getattr(app, "cookie_id", "")
        token = request.cookies.get(f"access-token-{cookie_id}") or \
            request.cookies.get(f"access-token-unsecure-{cookie_id}")
        return bool(token) and getattr(app, "tokens", {}).get(token) is not None

    async def passage(request):
        if not allowed(request):
            return PlainTextResponse("Not authenticated", status_code=401)
        language = request.query_params.get("lang", "en")
        found = library.context(request.path_params["passage_id"])
        if found is None:
            return PlainTextResponse("Not found", status_code=404)
        return HTMLResponse(context_html(*found, language, library.downloads))

    async def original(request):
        if not allowed(request):
            return PlainTextResponse("Not authenticated", status_code=401)
        path = library.file(request.path_params["name"])
        if path is None:
            return PlainTextResponse("Not found", status_code=404)
        return FileResponse(path, filename=path.name)

    return [Route(SOURCES_PATH + "/passage/{passage_id:path}", passage, methods=["GET"]),
            Route(SOURCES_PATH + "/file/{name:path}", original, methods=["GET"])]
