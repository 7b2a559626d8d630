"""Loading a story: a manifest, a folder or a list of files -> `Story`.

Every problem with the input becomes a `StoryError` naming the file (and the
manifest line when there is one); problems that still leave a usable story
(a guessed encoding, a single source) become `Story.warnings`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, NoReturn, get_args, get_type_hints

import yaml

from comparators.cleaning import clean
from comparators.dates import stated_date
from comparators.errors import SourceUnavailable, StoryError
from comparators.fetching import FetchedPage, FetchOptions, Progress, fetch_pages, is_url
from comparators.html_source import HTML_SUFFIXES, decode_html, extract_page
from comparators.model import Settings, Source, Story
from comparators.outlets import infer_origin, infer_outlet, unique_ids
from comparators.sanitize import strip_control
from comparators.segment import GRANULARITIES

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
MAX_FILE_BYTES = 20 * 1024 * 1024
MANIFEST_SUFFIXES = (".yaml", ".yml")
MANIFEST_NAMES = ("story.yaml", "story.yml")
MANIFEST_KEYS = ("title", "sources", "settings")
ENTRY_KEYS = ("file", "outlet", "origin", "title", "date", "url", "fetched")
SOURCE_SUFFIXES = (".txt", *HTML_SUFFIXES)

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The same safe loader as `yaml.safe_load`, in C when libyaml is there (5x faster).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_BYTES_PER_BREAK = 2000  # CJK paragraphs run long without a space
# Control characters no text file has many of (tab, newlines and form feed aside).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_OTHER_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)  # file://, ftp://...


def default_story_path() -> Path:
    """The seed story's manifest, opened when no story is named."""
    return SEEDS_DIR / "story.yaml"


def load_story(
    paths: Sequence[str | Path] = (),
    fetch: FetchOptions | None = None,
    progress: Progress | None = None,
) -> Story:
    """Load the story named by `paths`: one manifest, one folder (its story.yaml, else
    every *.txt and *.html in it), or article files, folders and http(s) URLs. The seed
    story when empty. URLs (and manifest entries with only a `url`) are fetched as
    `fetch` says, reporting each page to `progress`.

    Raises `StoryError` for input that cannot make a story; a web page that cannot be
    had is left out with a warning while two or more sources remain."""
    items = list(paths) or [default_story_path()]
    if len(items) == 1 and not is_url(items[0]):
        manifest = _manifest_of(Path(items[0]))
        if manifest:
            return _load_manifest(manifest, fetch, progress)
    files: list[Path] = []
    readers: list[Callable[[], _Draft]] = []  # read once every argument is checked
    for item in items:
        if is_url(item):
            readers.append(lambda url=str(item): _page_draft(pages[url], _Entry(url=url)))
            continue
        if isinstance(item, str) and _OTHER_URL.match(item):
            problem = "only http:// and https:// addresses are fetched (never file: or others)"
            raise StoryError(item, problem)
        path = Path(item)
        if path.suffix.lower() in MANIFEST_SUFFIXES and path.is_file():
            raise StoryError(path, "a story manifest must be given on its own, not with files")
        for file in _text_files(path):
            files.append(file)
            readers.append(lambda f=file: _read_source(f, _Entry(file=str(f))))
    _check_duplicates([(f, None) for f in files], None)
    urls = [str(p) for p in items if is_url(p)]
    _check_duplicate_urls(urls)
    pages = _fetch(urls, fetch, progress)
    parents = {f.parent.resolve() for f in files}
    if len(parents) == 1 and len(files) == len(readers):
        title = files[0].parent.resolve().name
    else:
        title = f"{len(readers)} articles"
    drafts, left_out = _read_all(readers)
    if not files and drafts and drafts[0].source.title:  # URLs only: the first page names it
        title = drafts[0].source.title
    return _assemble(title, drafts, Settings(), None, left_out)


def read_text(path: Path) -> tuple[str, str, bytes]:
    """`(text, encoding, raw bytes)` of a text file, newlines normalised to "\\n".

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are read as such; anything
    else is decoded with the encoding charset-normalizer detects. Raises `StoryError`
    for a missing, oversized, binary, undecodable or empty file."""
    try:
        if path.is_dir():
            raise StoryError(path, "is a folder, not a text file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoryError(path, f"file is {size / 2**20:.1f} MB, over the 20 MB limit")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoryError(path, "no such file") from None
    except OSError as error:
        raise StoryError(path, f"cannot read: {error.strerror or error}") from None
    text, encoding = _decode(raw, path)
    if len(_BINARY_CONTROLS.findall(text)) > max(3, len(text) // 100):
        raise StoryError(path, "binary file (control characters), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip(" \t\n\f\v\u00a0\u200b\ufeff\u3000"):
        raise StoryError(path, "empty file" if not text else "file contains only whitespace")
    return text, encoding, raw


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError:
                problem = f"undecodable bytes: starts like {codec} but is not"
                raise StoryError(path, problem) from None
    if b"\x00" in raw:
        raise StoryError(path, "binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only needed for the rare non-UTF-8 file

    # Prose in any legacy encoding has ASCII spaces or newlines; byte noise has none,
    # though some multi-byte codec will always "decode" it.
    if len(re.findall(rb"[ \n]", raw)) * _MAX_BYTES_PER_BREAK < len(raw):
        raise StoryError(path, "undecodable bytes: not UTF-8 and no text encoding fits")
    matches = list(from_bytes(raw))
    if not matches:
        raise StoryError(path, "undecodable bytes: not UTF-8 and no text encoding fits")
    # Ties are common on short texts; Windows-1252 is then the likeliest by far.
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, m.encoding != "cp1252"))
    return str(best), best.encoding


# ---------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class _Entry:
    """One manifest entry (or a bare file), checked."""

    file: str | None = None  # None: fetched from `url`
    outlet: str | None = None
    origin: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    fetched: str | None = None
    line: int | None = None  # in the manifest


@dataclass(frozen=True, slots=True)
class _Draft:
    source: Source  # id still empty
    fallback_name: str
    warning: str | None


def _read_source(path: Path, entry: _Entry) -> _Draft:
    if path.suffix.lower() in HTML_SUFFIXES:
        return _page_draft(path, entry)
    text, encoding, raw = read_text(path)
    warning = None
    if encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        warning = f"{path}: not UTF-8; read as {encoding} (detected), check for odd characters"
    cleaned = clean(text)
    if entry.outlet:
        outlet, evidence = entry.outlet, "manifest"
    else:
        outlet, evidence = infer_outlet(cleaned, path.stem)
    source = Source(
        id="",
        outlet=outlet,
        path=path,
        paragraphs=cleaned.paragraphs,
        removed=cleaned.removed,
        title=entry.title or cleaned.headline,
        date=entry.date or stated_date(cleaned),
        url=entry.url or cleaned.leading_url,
        dateline=cleaned.dateline,
        origin=entry.origin or infer_origin(cleaned),
        outlet_evidence=evidence,
        encoding=encoding,
        content_hash=hashlib.sha256(raw).hexdigest(),
        fetched=entry.fetched,
    )
    return _Draft(source, path.stem, warning)


def _assemble(
    title: str,
    drafts: list[_Draft],
    settings: Settings,
    manifest: Path | None,
    left_out: Sequence[SourceUnavailable] = (),
) -> Story:
    if left_out and len(drafts) < 2:
        problems = "; ".join(str(p) for p in left_out)
        kept = f"only {len(drafts)} source remains" if drafts else "no source remains"
        raise StoryError(None, f"{problems} ({kept}; a story needs two)")
    warnings = [f"{problem}; left out of the story" for problem in left_out]
    warnings += [d.warning for d in drafts if d.warning]
    ids = unique_ids([d.source.outlet for d in drafts], [d.fallback_name for d in drafts])
    sources = tuple(replace(d.source, id=i) for d, i in zip(drafts, ids, strict=True))
    for source in sources:
        if not source.paragraphs:
            warnings.append(f"{source.path}: cleaning removed every line; the source has no text")
    if len(sources) == 1:
        warnings.append(f"only one source ({sources[0].path}): nothing to compare")
    # The title comes from the manifest or a folder name: as untrusted as the articles.
    return Story(strip_control(title), sources, settings, manifest, tuple(warnings))


def _manifest_of(path: Path) -> Path | None:
    """The manifest `path` names, itself or inside a folder, or None."""
    if path.suffix.lower() in MANIFEST_SUFFIXES:
        if not path.exists():
            raise StoryError(path, "no such file")
        return path
    if path.is_dir():
        for name in MANIFEST_NAMES:
            if (path / name).is_file():
                return path / name
    return None


def _text_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file() and not p.name.startswith(".")
        )
        if not files:
            raise StoryError(path, "folder has no story.yaml and no .txt files or .html pages")
        return files
    if not path.exists():
        raise StoryError(path, "no such file or folder")
    return [path]


def _check_duplicates(paths: list[tuple[Path, int | None]], manifest: Path | None) -> None:
    """Refuse a file named twice (by any path): it would be compared with itself."""
    seen: set[Path] = set()
    for path, line in paths:
        key = path.resolve()
        if key in seen:
            if manifest:
                raise StoryError(manifest, f"line {line}: {path} is listed twice in the story")
            raise StoryError(path, "given twice in the same story")
        seen.add(key)


# ---------------------------------------------------------------- manifest


def _load_manifest(path: Path, fetch: FetchOptions | None, progress: Progress | None) -> Story:
    text, _, _ = read_text(path)
    node, data = _parse_yaml(text, path)
    where = _Where(path, node)
    if not isinstance(data, dict):
        where.fail((), "a manifest is a mapping with 'title' and a 'sources' list")
    where.check_keys((), data, MANIFEST_KEYS, "key")
    title = data.get("title")
    if title is not None and not isinstance(title, (str, int, float)):
        where.fail(("title",), "'title' must be text")
    sources = data.get("sources")
    if sources is None:
        where.fail((), "no 'sources' list")
    if not isinstance(sources, list) or not sources:
        where.fail(("sources",), "'sources' must be a non-empty list of files")
    entries = [_entry(where, i, raw) for i, raw in enumerate(sources)]
    files = [(path.parent / e.file, e.line) for e in entries if e.file]
    _check_duplicates(files, path)
    for index, entry in enumerate(entries):
        file = path.parent / entry.file if entry.file else None
        if file is not None and not file.is_file():
            problem = "is a folder, not a text file" if file.is_dir() else "no such file"
            where.fail(("sources", index), f"{file}: {problem}")
    urls: list[str] = []
    for index, entry in enumerate(entries):
        if not entry.file and entry.url:
            if entry.url in urls:
                where.fail(("sources", index), f"{entry.url} is listed twice in the story")
            urls.append(entry.url)
    settings = _settings(where, data.get("settings"))
    pages = _fetch(urls, fetch, progress)
    drafts, left_out = _read_all(
        [
            (lambda e=e: _read_source(path.parent / e.file, e))
            if e.file
            else (lambda e=e: _page_draft(pages[e.url], e))
            for e in entries
        ]
    )
    story = _assemble(str(title) if title else path.parent.resolve().name, drafts, settings, path, left_out)
    if settings.pivot is not None and settings.pivot not in {s.id for s in story.sources}:
        ids = ", ".join(s.id for s in story.sources)
        problem = f"settings.pivot {settings.pivot!r} is not a source id ({ids})"
        where.fail(("settings", "pivot"), problem)
    return story


def _parse_yaml(text: str, path: Path) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for line numbers) and the plain data, read safely."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        unsupported = isinstance(error, yaml.constructor.ConstructorError)  # e.g. a python tag
        kind = "unsupported YAML" if unsupported else "YAML syntax error"
        problem = f"{kind} at line {mark.line + 1}" if mark else kind
        problem += f": {error.problem or error.context}"
        if error.context and error.context_mark and error.problem:  # where the broken part began
            problem += f" ({error.context} at line {error.context_mark.line + 1})"
        raise StoryError(path, problem) from None
    except yaml.YAMLError as error:
        raise StoryError(path, f"YAML error: {error}") from None
    finally:
        loader.dispose()
    return node, data


class _Where:
    """Fails with the manifest's name and the line of a key, for clear errors."""

    def __init__(self, path: Path, node: yaml.Node | None) -> None:
        self.path = path
        self.node = node

    def line(self, keys: tuple[str | int, ...]) -> int | None:
        node = self.node
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if key < len(node.value) else None
            else:
                node = None
            if node is None:
                break
        return node.start_mark.line + 1 if node is not None else None

    def fail(self, keys: tuple[str | int, ...], problem: str) -> NoReturn:
        line = self.line(keys)
        raise StoryError(self.path, f"line {line}: {problem}" if line else problem)

    def check_keys(self, keys: tuple, mapping: dict, allowed: Sequence[str], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail((*keys, key), f"unknown {what} {key!r} (known: {known})")


def _entry(where: _Where, index: int, raw: Any) -> _Entry:
    keys = ("sources", index)
    label = f"sources[{index + 1}]"
    if isinstance(raw, str):
        raw = {"file": raw}
    if not isinstance(raw, dict):
        where.fail(keys, f"{label} must be a mapping with a 'file' key")
    where.check_keys(keys, raw, ENTRY_KEYS, f"key in {label}")
    if raw.get("file") is None and isinstance(raw.get("url"), str) and is_url(raw["url"].strip()):
        raw = {**raw, "file": None}  # a page to fetch
    elif not isinstance(raw.get("file"), str) or not raw["file"].strip():
        where.fail(keys, f"{label} has no 'file' (nor an http(s) 'url' to fetch)")
    values: dict[str, str | None] = {}
    for key in ("outlet", "origin", "title", "date", "url", "fetched"):
        value = raw.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (list, dict)):
            where.fail((*keys, key), f"{label}.{key} must be text")
        values[key] = (strip_control(str(value)).strip() or None) if value is not None else None
    file = raw["file"].strip() if raw["file"] else None
    return _Entry(file=file, line=where.line(keys), **values)


def _settings(where: _Where, raw: Any) -> Settings:
    """The manifest's `settings:` block as typed `Settings`."""
    if raw is None:
        return Settings()
    if not isinstance(raw, dict):
        where.fail(("settings",), "'settings' must be a mapping")
    hints = get_type_hints(Settings)
    names = [f.name for f in fields(Settings)]
    where.check_keys(("settings",), raw, names, "setting")
    values = {}
    for key, value in raw.items():
        allowed = get_args(hints[key]) or (hints[key],)
        checked = _typed(value, allowed)
        if checked is _WRONG:
            kinds = " or ".join(_KIND_NAMES.get(t, getattr(t, "__name__", str(t))) for t in allowed)
            where.fail(("settings", key), f"setting {key!r} must be {kinds}, not {value!r}")
        values[key] = checked
    if values.get("threshold") is not None and not 0 <= values["threshold"] <= 1:
        where.fail(("settings", "threshold"), "setting 'threshold' must be between 0 and 1")
    if "granularity" in values and values["granularity"] not in GRANULARITIES:
        known = ", ".join(GRANULARITIES)
        where.fail(("settings", "granularity"), f"setting 'granularity' must be one of: {known}")
    return Settings(**values)


_WRONG = object()
_KIND_NAMES = {float: "a number", int: "a whole number", str: "text", bool: "true or false", type(None): "empty"}


def _typed(value: Any, allowed: tuple) -> Any:
    """`value` converted to one of the `allowed` types, or `_WRONG`."""
    if value is None:
        return None if type(None) in allowed else _WRONG
    if isinstance(value, bool):
        return value if bool in allowed else _WRONG
    if float in allowed and isinstance(value, (int, float)):
        return float(value)
    for kind in (int, str):
        if kind in allowed and isinstance(value, kind):
            return value
    simple = {type(None), bool, float, int, str}
    return value if not set(allowed) <= simple else _WRONG


# ---------------------------------------------------------------- web pages


def _fetch(
    urls: list[str], fetch: FetchOptions | None, progress: Progress | None
) -> dict[str, FetchedPage | SourceUnavailable]:
    return dict(zip(urls, fetch_pages(urls, fetch, progress), strict=True)) if urls else {}


def _read_all(
    readers: Sequence[Callable[[], _Draft]],
) -> tuple[list[_Draft], list[SourceUnavailable]]:
    """Every source read; a page that cannot be had is set aside, not fatal (yet)."""
    drafts, left_out = [], []
    for read in readers:
        try:
            drafts.append(read())
        except SourceUnavailable as problem:
            left_out.append(problem)
    return drafts, left_out


def _check_duplicate_urls(urls: list[str]) -> None:
    seen: set[str] = set()
    for url in urls:
        if url in seen:
            raise StoryError(url, "given twice in the same story")
        seen.add(url)


def _page_draft(page: Path | FetchedPage | SourceUnavailable, entry: _Entry) -> _Draft:
    """A web page's article as a source: an .html file, a fetched page, or the reason
    the page could not be fetched (raised)."""
    if isinstance(page, SourceUnavailable):
        raise page
    if isinstance(page, Path):
        try:
            _, _, raw = read_text(page)
        except StoryError as problem:  # one page lost, like a failed fetch
            raise SourceUnavailable(problem.path, problem.problem) from None
        html, encoding = decode_html(raw)
        path, url, where, fetched = page, entry.url, str(page), entry.fetched
    else:
        html, encoding = decode_html(page.body, page.content_type)
        raw, path, url, where, fetched = page.body, None, page.url, page.url, page.fetched_at
    extracted = extract_page(html, where, url=url, encoding=encoding)
    cleaned = clean(extracted.text)
    fallback = path.stem if path else _host(url)
    if entry.outlet:
        outlet, evidence = entry.outlet, "manifest"
    elif extracted.site_name:
        outlet, evidence = extracted.site_name, "page metadata (site name)"
    else:
        outlet, evidence = infer_outlet(cleaned, fallback)
    source = Source(
        id="",
        outlet=outlet,
        path=path,
        paragraphs=cleaned.paragraphs,
        removed=extracted.dropped + cleaned.removed,
        title=entry.title or extracted.title,
        date=entry.date or extracted.date,
        url=url,
        dateline=cleaned.dateline,
        outlet_evidence=evidence,
        encoding=encoding,
        content_hash=hashlib.sha256(raw).hexdigest(),
        author=extracted.author,
        fetched=fetched,
    )
    return _Draft(source, fallback, None)


def _host(url: str | None) -> str:
    host = re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].split(":")[0]
    return host.removeprefix("www.") or "page"
