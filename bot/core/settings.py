"""The one settings object. Read once at the entry point (CLI, app) and passed down.

The fields stay flat (one environment variable each, prefix AMF_BOT_); the read-only views
`paths`, `reading`, `embedding`, `chroma`, `assistant`, `llm` and `web` group them by concern for the code.
The backend names are types: `EmbedderName` and `LLMProvider` are the only lists of names, and the
registries (`bot.embedders.registry.EMBEDDERS`, `bot.answering.llm.providers.PROVIDERS`) are keyed
by them (a unit test checks that every name has its entry and every entry its name).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]

EmbedderName = Literal["e5-small", "e5-small-torch", "minilm", "hash"]
LLMProvider = Literal["none", "ollama", "openai"]
StoreKind = Literal["local", "server"]
PdfParser = Literal["pdfium", "pymupdf4llm"]


@dataclass(frozen=True)
class PathSettings:
    knowledge_dir: Path
    index_dir: Path
    data_dir: Path
    cache_dir: Path


@dataclass(frozen=True)
class EmbeddingSettings:
    model: str
    batch_size: int
    torch_threads: int


@dataclass(frozen=True)
class ChromaSettings:
    store: StoreKind
    collection: str
    index_dir: Path
    host: str
    port: int
    ssl: bool
    auth_header: str
    token: str
    refresh_s: float


@dataclass(frozen=True)
class AssistantSettings:
    top_k: int
    max_question_chars: int
    max_history_items: int
    max_id_chars: int
    query_cache: int


@dataclass(frozen=True)
class LLMSettings:
    provider: LLMProvider
    model: str
    base_url: str
    api_key: str
    timeout_s: float
    temperature: float
    max_tokens: int
    max_chars: int


@dataclass(frozen=True)
class WebSettings:
    host: str
    port: int
    auth: str
    concurrency_limit: int
    max_request_bytes: int
    max_connections: int
    max_connections_per_client: int
    client_timeout_s: float


@dataclass(frozen=True)
class ReadingLimits:
    """How much one knowledge file may hold; a file over a limit is not indexed and is named with the reason.

    The defaults fit AMF's documents (reports of a few hundred pages) with a wide margin; they bound
    the memory and the time one file can take when indexing.
    """

    max_file_bytes: int = 100 * 2**20
    max_chars: int = 2_000_000  # about 600 pages of dense text
    max_paragraphs: int = 30_000
    max_pages: int = 2_000
    max_notice_chars: int = 4_000


DEFAULT_LIMITS = ReadingLimits()


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "amf-bot"


class Settings(BaseSettings):
    """Every option of the assistant; environment variables use the prefix AMF_BOT_."""

    model_config = SettingsConfigDict(env_prefix="AMF_BOT_", extra="ignore")

    knowledge_dir: Path = Field(REPO_ROOT / "knowledge", description="Folder of source documents (one sub-folder per document).")
    index_dir: Path = Field(REPO_ROOT / "index", description="Folder of the persistent Chroma index (local store).")
    data_dir: Path = Field(REPO_ROOT / "data", description="Folder for run-time data such as the feedback database.")
    cache_dir: Path = Field(default_factory=_default_cache_dir, description="Folder for materialized models, cached vectors and extracted text, and the unpacked language identifier, outside the repository.")
    collection: str = Field("amf_passages", description="Name of the Chroma collection.")
    pdf_parser: PdfParser = Field("pdfium", description="PDF text extraction: 'pdfium' (pypdfium2, BSD/Apache, default) or "
                            "'pymupdf4llm' (better on unusual layouts; AGPL-3; install the extra `.[pdf-hq]`).")
    max_file_mb: float = Field(DEFAULT_LIMITS.max_file_bytes / 2**20, gt=0, description="Largest knowledge file read, in MB "
                               "(checked before reading; a DOCX may not unpack to more either). Larger files are not indexed.")
    max_text_chars: int = Field(DEFAULT_LIMITS.max_chars, ge=1, description="Most characters of text one file may hold "
                                "(extraction stops there and the file is not indexed).")
    max_paragraphs: int = Field(DEFAULT_LIMITS.max_paragraphs, ge=1, description="Most paragraphs (list items, table rows, "
                                "headings) one file may hold; a DOCX is counted before it is parsed.")
    max_pdf_pages: int = Field(DEFAULT_LIMITS.max_pages, ge=1, description="Most pages of a PDF, counted before any text "
                               "is extracted.")
    max_notice_chars: int = Field(DEFAULT_LIMITS.max_notice_chars, ge=1, description="Longest copyright notice (sidecar, "
                                  "_defaults.json, document.json): every answer citing the file carries it, so a longer "
                                  "one is refused with the reason.")

    embedding_model: str = Field(
        "e5-small",
        description="Embedding model: a name of the embedder registry ('e5-small', the default, run by onnxruntime "
        "in int8; 'e5-small-torch', the same model in float32 on torch; 'minilm', 'hash'; described in "
        "bot/embedders/registry.py) or the path of a local sentence-transformers model folder (run on torch).",
    )
    embedding_batch_size: int = Field(32, ge=1, description="Passages per embedding batch when indexing.")
    torch_threads: int = Field(0, ge=0, description="CPU threads of the embedding model when indexing: torch threads, or "
                               "ONNX workers for 'e5-small', and the threads searching the calibration probes (0: automatic — one per "
                               "core, at most two for torch). A question always runs on one thread, which keeps latency "
                               "steady on a busy machine.")

    store: StoreKind = Field("local", description="Chroma client: 'local' (persistent folder index_dir) or 'server' (a `chroma run` server).")
    chroma_host: str = Field("127.0.0.1", description="Chroma server host (store=server).")
    chroma_port: int = Field(8000, description="Chroma server port (store=server).")
    chroma_ssl: bool = Field(False, description="Use HTTPS to reach the Chroma server.")
    chroma_auth_header: str = Field("", description="Optional HTTP header name carrying the Chroma token (for example 'Authorization').")
    chroma_token: str = Field("", description="Optional token for the Chroma server (sent in chroma_auth_header; 'Bearer ' is added for Authorization).")

    index_refresh_s: float = Field(5.0, ge=0, description="Seconds between checks of the store's content fingerprint; on a change the "
                                   "passages and the lexical index are reloaded (several app instances sharing one Chroma server; 0: every question).")

    index_lock_wait_s: float = Field(30.0, ge=0, description="Seconds `amf-bot index` waits for another indexer working on the "
                                     "same local index before giving up with a message naming it (non-zero exit).")

    query_cache: int = Field(2048, ge=0, description="Distinct questions whose vector is remembered (the example and "
                             "suggested questions come back often); 0: none (to measure the model itself).")
    top_k: int = Field(6, ge=1, le=20, description="Passages retrieved per question after fusion.")
    max_question_chars: int = Field(1000, ge=10, description="Longer questions are rejected (earlier questions sent as "
                                    "history too: longer ones are left out).")
    max_history_items: int = Field(10, ge=0, le=100, description="Earlier questions of a conversation read with a "
                                   "follow-up: only the most recent ones are kept.")
    max_id_chars: int = Field(200, ge=1, description="Longest request id echoed back (`ask --jsonl`); longer ids are rejected.")

    llm_provider: LLMProvider = Field("none", description="Answer backend: 'none' (extractive, default), 'ollama' or 'openai' (any OpenAI-compatible server).")
    llm_model: str = Field("", description="Model name for the LLM provider (for example 'llama3.1' or 'gpt-4o-mini').")
    llm_base_url: str = Field("", description="Base URL of the LLM server (Ollama: http://127.0.0.1:11434; OpenAI-compatible: http://host:port/v1).")
    llm_api_key: str = Field("", description="API key for the OpenAI-compatible server (any non-empty string for servers that need none).")
    llm_timeout_s: float = Field(30.0, gt=0, description="Seconds before an LLM call is abandoned (the extractive answer is given instead).")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature of the LLM.")
    llm_max_tokens: int = Field(0, ge=0, description="Most tokens the LLM may write for an answer (0: automatic, "
                                "from the number of passages given: about 80 per passage plus 100).")
    llm_max_chars: int = Field(0, ge=0, description="Most characters of an answer read from the LLM, whatever the server "
                               "does with the token cap: the reply is cut there and the connection closed (0: automatic, "
                               "8 per token of the answer's token cap).")

    validated_threshold: float = Field(0.0, ge=0, le=1, description="Similarity from which a question matches a validated "
                                       "answer's wording (0: the value calibrated for the embedder, see docs/staff.md).")
    question_log: bool = Field(True, description="Keep a log of visitors' questions and their outcome in data_dir/questions.sqlite3 "
                               "(no IP address or other personal data) for the staff page; false turns logging off.")
    question_log_days: int = Field(180, ge=1, description="Days a logged question and a vote (which keeps the question's "
                                   "text) are kept; older ones are purged and never exported, whether the log is on or off.")
    source_downloads: bool = Field(True, description="Let visitors download the original file of a cited passage "
                                   "(only files of knowledge_dir, by their indexed name, at /sources/file/…).")
    staff_auth: str = Field("", description="'user:password' of the staff page (/staff); without it the staff page is not served.")

    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(7860, description="Port the web app listens on.")
    auth: str = Field("", description="Optional 'user:password' login for the web app.")
    concurrency_limit: int = Field(2, ge=1, le=64, description="Questions the web app answers at the same time on "
                                   "each path: the chat and the Gradio API together (more wait in Gradio's queue), "
                                   "and the plain HTTP API (/api/ask, a pool of this many threads; more wait for a "
                                   "thread). On 2 cores the extractive answer is CPU-bound and more does not help "
                                   "(docs/benchmarks.md); with an LLM server, raise it.")
    max_request_bytes: int = Field(1_000_000, ge=10_000, description="Largest request body the web app reads; a larger "
                                   "one is refused (413) before it is read (the pages' own requests stay under 100 kB).")
    max_connections: int = Field(500, ge=10, description="Open connections the web app keeps at once; more are closed "
                                 "as they arrive (requests beyond it are answered 503).")
    max_connections_per_client: int = Field(50, ge=1, description="Open connections one client address may hold; more "
                                            "are closed as they arrive (raise it behind a reverse proxy, whose "
                                            "address all visitors share).")
    client_timeout_s: float = Field(10.0, gt=0, description="Seconds a client has to send a request's head, and its "
                                    "body; a connection that stays silent is closed (idle kept-alive ones after 5 s).")

    @field_validator("llm_provider", mode="before")
    @classmethod
    def _known_provider(cls, value: object) -> str:
        value = str(value).strip().lower()
        if value not in get_args(LLMProvider):
            raise ValueError(f"unknown LLM provider {value!r}; allowed: {', '.join(get_args(LLMProvider))}")
        return value

    @field_validator("pdf_parser", mode="before")
    @classmethod
    def _known_pdf_parser(cls, value: object) -> str:
        value = str(value).strip().lower()
        if value not in get_args(PdfParser):
            raise ValueError(f"unknown PDF parser {value!r}; allowed: {', '.join(get_args(PdfParser))}")
        return value

    @field_validator("embedding_model")
    @classmethod
    def _known_embedder(cls, value: str) -> str:
        if value in get_args(EmbedderName) or Path(value).expanduser().is_dir():
            return value
        raise ValueError(f"unknown embedding model {value!r}; allowed: {', '.join(get_args(EmbedderName))} "
                         "or the path of a local sentence-transformers folder")

    @field_validator("auth", "staff_auth")
    @classmethod
    def _auth_pair(cls, value: str) -> str:
        user, _, password = value.partition(":")
        if value and not (user.strip() and password):
            raise ValueError("auth must look like 'user:password', with a user name and a password")
        return value

    @model_validator(mode="after")
    def _server_address_needs_server_store(self) -> "Settings":
        # A Chroma address with the default local store would be silently ignored: say so instead.
        given = {"chroma_host", "chroma_port"} & self.model_fields_set
        if self.store == "local" and given:
            names = " and ".join(f"AMF_BOT_{name.upper()}" for name in sorted(given))
            raise ValueError(f"{names} set but AMF_BOT_STORE is 'local': set AMF_BOT_STORE=server to use "
                             "the Chroma server, or unset the address to use the local index")
        return self

    @property
    def paths(self) -> PathSettings:
        return PathSettings(self.knowledge_dir, self.index_dir, self.data_dir, self.cache_dir)

    @property
    def reading(self) -> ReadingLimits:
        return ReadingLimits(int(self.max_file_mb * 2**20), self.max_text_chars, self.max_paragraphs,
                             self.max_pdf_pages, self.max_notice_chars)

    @property
    def embedding(self) -> EmbeddingSettings:
        return EmbeddingSettings(self.embedding_model, self.embedding_batch_size, self.torch_threads)

    @property
    def chroma(self) -> ChromaSettings:
        return ChromaSettings(self.store, self.collection, self.index_dir, self.chroma_host, self.chroma_port,
                              self.chroma_ssl, self.chroma_auth_header, self.chroma_token, self.index_refresh_s)

    @property
    def assistant(self) -> AssistantSettings:
        return AssistantSettings(self.top_k, self.max_question_chars, self.max_history_items, self.max_id_chars,
                                 self.query_cache)

    @property
    def llm(self) -> LLMSettings:
        return LLMSettings(self.llm_provider, self.llm_model.strip(), self.llm_base_url, self.llm_api_key,
                           self.llm_timeout_s, self.llm_temperature, self.llm_max_tokens, self.llm_max_chars)

    @property
    def web(self) -> WebSettings:
        return WebSettings(self.host, self.port, self.auth, self.concurrency_limit, self.max_request_bytes,
                           self.max_connections, self.max_connections_per_client, self.client_timeout_s)


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and `overrides`), with invalid values reported as one clear error."""
    from pydantic import ValidationError

    from bot.core.errors import ConfigurationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors())
        raise ConfigurationError(f"invalid settings: {problems}") from None
