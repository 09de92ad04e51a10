"""Command line: `amf-bot index`, `ask`, `translate`, `feedback export`, `validated add|list|remove|export`,
`questions export`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.core.errors import BotError, IndexNotReadyError
from bot.records.export import FORMATS as EXPORT_FORMATS


def _settings(args: argparse.Namespace):
    from bot.core.settings import load_settings

    return load_settings(**{key: value for key in ("knowledge_dir", "index_dir", "embedding_model", "llm_provider")
                            if (value := getattr(args, key, None)) is not None})


def cmd_index(args: argparse.Namespace) -> int:
    from bot.assembly import index_knowledge

    outcome = index_knowledge(_settings(args), show_progress=not args.quiet)
    for line in outcome.lines():
        print(line)
    for note in outcome.sync.notes:
        print(f"Note: {note}", file=sys.stderr)
    return 0 if outcome.ok else 1


def _assistant(settings):
    from bot.assembly import build_index, make_assistant

    assistant = make_assistant(settings)
    try:
        assistant.retriever.index.current()
    except IndexNotReadyError as exc:
        print(f"{exc}\nBuilding it now…", file=sys.stderr)
        print(f"Index up to date: {build_index(settings, show_progress=True).line()}", file=sys.stderr)
        assistant.retriever.index.current()
    return assistant


def cmd_ask(args: argparse.Namespace) -> int:
    settings = _settings(args)
    assistant = _assistant(settings)
    if args.jsonl:
        # Bytes, decoded line by line: a line that is not UTF-8 is answered on its own, the rest go on.
        for raw in sys.stdin.buffer:
            if raw.strip():
                print(_json(_answer_line(assistant, raw)), flush=True)
        return 0
    if not args.question:
        raise BotError("ask needs a question (or --jsonl to read JSON lines on standard input)")
    answer = assistant.ask(" ".join(args.question))
    if args.json:
        print(_json(answer.to_dict(), indent=2))
    else:
        print(render_text(answer.to_dict()))
    return {"rejected": 2, "error": 1}.get(answer.status, 0)


def _answer_line(assistant, raw: bytes) -> dict:
    """One answer object for one input line, whatever the line holds."""
    try:
        request = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return _bad_line(assistant, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except RecursionError:
        return _bad_line(assistant, "JSON nested too deeply")
    except ValueError as exc:
        return _bad_line(assistant, f"invalid JSON line: {exc}")
    if not isinstance(request, dict):
        return _bad_line(assistant, f"expected a JSON object, got {type(request).__name__}")
    answer = assistant.ask(request.get("question"), id=request.get("id")).to_dict()
    if answer["status"] == "rejected" and answer["id"] is None and request.get("id") is not None:
        answer["error"] = "id must be a string, a finite number or null"
    return answer


def _bad_line(assistant, reason: str) -> dict:
    answer = assistant.ask(None).to_dict()
    return {**answer, "answer": _bad_request(answer["language"]), "error": reason}


def _bad_request(language: str) -> str:
    from bot.language.messages import messages

    return messages(language).bad_request


def _json(data: dict, indent: int | None = None) -> str:
    """Strict JSON (no NaN or Infinity); text that no encoding can carry is replaced, never a crash."""
    from bot.core.text import clean_text

    text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)
    return clean_text(text)


def render_text(answer: dict) -> str:
    from bot.language.messages import messages

    said = messages(answer["language"])
    lines = [answer["answer"], ""]
    if answer["citations"]:
        lines.append(f"{said.sources}:")
        for c in answer["citations"]:
            loc = c["location"]
            where = [loc["file"], *([f"p. {loc['page']}"] if loc.get("page") else []),
                     *([loc["heading"]] if loc.get("heading") else []), f"§ {loc['paragraph']}"]
            lines.append(f"[{c['n']}] {c['title']} — {', '.join(map(str, where))}, chars {loc['start']}–{loc['end']}")
            lines.append(f"    « {c['passage']} »")
            if c["translation"]:
                label = (loc.get("translation") or {}).get("status") or said.unofficial
                lines.append(f"    ({label}) « {c['translation']} »")
        lines.append("")
    lines.append(f"© {answer['notice']}")
    return "\n".join(lines)


def cmd_translate(args: argparse.Namespace) -> int:
    from bot.assembly import translate_document

    written = translate_document(_settings(args), args.document, args.to,
                                 progress=lambda line: print(f"written {line}", file=sys.stderr))
    print("\n".join(str(path) for path in written))
    print("Machine translations, unofficial: review them, then run `amf-bot index` to serve them.", file=sys.stderr)
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from bot.records.feedback import FeedbackStore

    settings = _settings(args)
    store = FeedbackStore(settings.data_dir / "feedback.sqlite3", settings.question_log_days)
    store.rows()  # a damaged database is reported before any file is created
    print(f"{_export(args, store.export)} feedback record(s) exported", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace, export) -> int:
    """`export(out, format)` to `--output` (or standard output); an unwritable path is a clear error."""
    try:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    except OSError as exc:
        raise BotError(f"cannot write the export to {args.output}: {exc.strerror or exc}") from exc
    try:
        return export(out, args.format)
    finally:
        if args.output:
            out.close()


def cmd_validated(args: argparse.Namespace) -> int:
    from bot.ingest.validated import new_validated, read_folder, remove_validated, save_validated, validated_dir

    settings = _settings(args)
    folder = validated_dir(settings.knowledge_dir)
    answers, skipped = read_folder(folder)
    for name, reason in skipped:
        print(f"Skipped {folder / name}: {reason}", file=sys.stderr)
    if args.action == "list":
        for answer in answers:
            print(f"{answer.answer_id}\t{answer.validated_on}\t{','.join(sorted(answer.texts))}\t"
                  f"{' '.join(answer.passage_ids)}\t{answer.wordings[0]}")
        return 0
    if args.action == "export":
        for answer in answers:
            print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return 0
    if args.action == "remove":
        if not args.id:
            raise BotError("validated remove needs --id")
        if not remove_validated(folder, args.id):
            raise BotError(f"no validated answer {args.id!r} in {folder}")
        print(f"removed {args.id}", file=sys.stderr)
        return 0
    texts = {"fr": args.fr or "", **dict(_language_text(t) for t in args.text or [])}
    answer = new_validated(texts, args.wording or [], args.passage or [], args.id)
    assistant = _assistant(settings)
    missing = assistant.validated.missing_passages(answer)
    if missing:
        raise BotError(f"unknown passage(s): {', '.join(missing)} (ids as in an answer's citations, location.passage_id)")
    print(save_validated(folder, answer))
    return 0


def _language_text(value: str) -> tuple[str, str]:
    language, separator, text = value.partition(":")
    if not separator or not text.strip():
        raise BotError(f"--text wants LANGUAGE:TEXT, not {value!r}")
    return language.strip().lower(), text.strip()


def cmd_questions(args: argparse.Namespace) -> int:
    from bot.assembly import make_question_log

    print(f"{_export(args, make_question_log(_settings(args)).export)} question(s) exported", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge-dir", type=Path, help="source documents folder (AMF_BOT_KNOWLEDGE_DIR)")
    common.add_argument("--index-dir", type=Path, help="Chroma index folder (AMF_BOT_INDEX_DIR)")
    common.add_argument("--embedding-model", help="e5-small (onnx int8), e5-small-torch, minilm, hash or a model folder (AMF_BOT_EMBEDDING_MODEL)")
    common.add_argument("--llm-provider", help="none, ollama or openai (AMF_BOT_LLM_PROVIDER)")

    parser = argparse.ArgumentParser(prog="amf-bot", description="Cited answers about AMF's international action.")
    sub = parser.add_subparsers(dest="command", required=True)

    p_index = sub.add_parser("index", parents=[common], help="build or refresh the index")
    p_index.add_argument("--quiet", action="store_true", help="no progress bar")
    p_index.set_defaults(func=cmd_index)

    p_ask = sub.add_parser("ask", parents=[common], help="answer a question")
    p_ask.add_argument("question", nargs="*", help="the question")
    mode = p_ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--jsonl", action="store_true", help='read {"id", "question"} JSON lines on stdin')
    p_ask.set_defaults(func=cmd_ask)

    p_translate = sub.add_parser("translate", parents=[common],
                                 help="machine-translate a document (needs a language model), for review")
    p_translate.add_argument("document", help="a document id, or its folder or file inside the knowledge folder")
    p_translate.add_argument("--to", required=True, help="target languages, comma-separated (e.g. it,es,de)")
    p_translate.set_defaults(func=cmd_translate)

    p_feedback = sub.add_parser("feedback", parents=[common], help="visitor feedback")
    p_feedback.add_argument("action", choices=["export"])
    p_feedback.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    p_feedback.add_argument("--output", "-o", help="file to write (default: standard output)")
    p_feedback.set_defaults(func=cmd_feedback)

    p_validated = sub.add_parser("validated", parents=[common], help="answers validated by AMF staff (knowledge/validated/)")
    p_validated.add_argument("action", choices=["add", "list", "remove", "export"])
    p_validated.add_argument("--id", help="the answer's id (add: default from the first wording; remove: required)")
    p_validated.add_argument("--fr", help="add: the answer in French")
    p_validated.add_argument("--text", action="append", help="add: the answer in another language, LANGUAGE:TEXT (repeatable)")
    p_validated.add_argument("--wording", action="append", help="add: a question wording it covers (repeatable)")
    p_validated.add_argument("--passage", action="append", help="add: a passage id it cites (repeatable)")
    p_validated.set_defaults(func=cmd_validated)

    p_questions = sub.add_parser("questions", parents=[common], help="the question log")
    p_questions.add_argument("action", choices=["export"])
    p_questions.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    p_questions.add_argument("--output", "-o", help="file to write (default: standard output)")
    p_questions.set_defaults(func=cmd_questions)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # the model library's own "Loading weights" bar
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BotError as exc:
        print(f"amf-bot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
