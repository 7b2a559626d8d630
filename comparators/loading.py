"""Loading a story: a manifest, a folder or a list of files -> `Story`.

Every problem with the input becomes a `StoryError` naming the file (and the
manifest line when there is one); problems that still leave a usable story
(a guessed encoding, a single source) become `Story.warnings`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, get_args, get_type_hints

from comparators.cleaning import Cleaned, clean, forget_lines
from comparators.dates import given_date
from comparators.errors import SourceUnavailable, StoryError
from comparators.fetching import MAX_PAGE_BYTES, FetchedPage, FetchOptions, Progress, fetch_pages, is_url
from comparators.html_source import EXTRACTOR_RULE, HTML_SUFFIXES, decode_html, extract_page
from comparators.input_files import file_problem, os_problem, read_regular_file
from comparators.model import Paragraph, Removal, Settings, Source, Story
from comparators.outlets import infer_origin, infer_outlet, unique_ids
from comparators.sanitize import strip_control
from comparators.segment import GRANULARITIES
from comparators.workers import map_parts, worth_spreading

if TYPE_CHECKING:
    import yaml

# Comparing costs more than linear time in an article's length: past 2 MB (some 300,000
# words, thirty times the longest news article) `export` would take minutes and gigabytes.
MAX_FILE_BYTES = 2 * 1024 * 1024
# Every pair of sources is compared, and a quote found in every source lists all the
# others: 200 copies of one article already take 20-30 s and 800 MB to export.
MAX_SOURCES = 150
# A paragraph longer than this (a whole article on one line) is cut at sentence ends.
LONG_PARAGRAPH_CHARS = 5000
MANIFEST_SUFFIXES = (".yaml", ".yml")
MANIFEST_NAMES = ("story.yaml", "story.yml")
MANIFEST_KEYS = ("title", "sources", "settings")
ENTRY_KEYS = ("file", "outlet", "origin", "title", "author", "date", "url", "fetched", "removed_from_page")
# What a page's extractor left out, as `fetch -o` keeps it beside the extracted text.
REMOVAL_KEYS = ("line", "text", "reason")
SOURCE_SUFFIXES = (".txt", *HTML_SUFFIXES)

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_BYTES_PER_BREAK = 2000  # CJK paragraphs run long without a space
_MAX_BAD_UTF8_SHARE = 50  # one bad byte in 50 is damage; more is another encoding
UTF8_REPLACED = "utf-8 (bad bytes replaced)"
# Control characters no text file has many of (tab, newlines and form feed aside).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_OTHER_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)  # file://, ftp://...


def default_story_path() -> Path:
    """The seed story's manifest, opened when no story is named."""
    return seeds_folder(Path(__file__).resolve().parent) / "story.yaml"


def seeds_folder(package_dir: Path) -> Path:
    """Where the seed story is: inside the package in an installed wheel (pyproject.toml
    maps seeds/ to comparators/seeds), beside it in a checkout and its editable install."""
    inside = package_dir / "seeds"
    return inside if inside.is_dir() else package_dir.parent / "seeds"


def load_story(
    paths: Sequence[str | Path] = (),
    fetch: FetchOptions | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Story:
    """Load the story named by `paths`: one manifest, one folder (its story.yaml, else
    every *.txt and *.html in it), or article files, folders and http(s) URLs. The seed
    story when empty. URLs (and manifest entries with only a `url`) are fetched as
    `fetch` says, reporting each page to `progress`.

    Raises `StoryError` for input that cannot make a story; a web page that cannot be
    had is left out with a warning while two or more sources remain. `jobs` over 1
    reads a big story's files in that many processes at once (the same story)."""
    items = list(paths) or [default_story_path()]
    if len(items) == 1 and not is_url(items[0]):
        manifest = _manifest_of(Path(items[0]))
        if manifest:
            return _load_manifest(manifest, fetch, progress, jobs)
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
    if len(readers) > MAX_SOURCES:
        raise StoryError(paths[0] if len(paths) == 1 else None, _too_many(len(readers)))
    _check_duplicates([(f, None) for f in files], None)
    urls = [str(p) for p in items if is_url(p)]
    _check_duplicate_urls(urls)
    pages = _fetch(urls, fetch, progress)
    drafts, left_out = _read_all(readers, jobs, files)
    parents = {f.parent.resolve() for f in files}
    if len(parents) == 1 and len(files) == len(readers):
        title = files[0].parent.resolve().name
    else:
        title = f"{len(drafts)} articles"  # those in the story: a page left out is not counted
    if not files and drafts and drafts[0].source.title:  # URLs only: the first page names it
        title = drafts[0].source.title
    return _assemble(title, drafts, Settings(), None, left_out)


def read_text(path: Path) -> tuple[str, str, bytes]:
    """`(text, encoding, raw bytes)` of a text file, newlines normalised to "\\n".

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are read as such; anything
    else is decoded with the encoding charset-normalizer detects, except a file that is
    UTF-8 but for a few bad bytes: those are replaced (encoding `UTF8_REPLACED`).
    Raises `StoryError` for a missing, oversized, binary, undecodable or empty file and
    for anything that is not a regular file (a FIFO, a device, a symlink loop)."""
    raw = read_regular_file(path, MAX_FILE_BYTES)
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
    mostly_utf8 = _mostly_utf8(raw)
    if mostly_utf8 is not None:
        return mostly_utf8, UTF8_REPLACED
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


def _mostly_utf8(raw: bytes) -> str | None:
    """`raw` decoded as UTF-8 with its bad bytes replaced, when it is UTF-8 damaged in a
    few places: it holds valid multi-byte characters (a legacy 8-bit encoding almost
    never forms them) and at most one bad sequence in `_MAX_BAD_UTF8_SHARE` bytes."""
    text = raw.decode("utf-8", errors="replace")
    bad = replaced_count(text, raw)
    multibyte = sum(1 for char in text if char > "\x7f") - bad
    if multibyte >= 3 and bad * _MAX_BAD_UTF8_SHARE <= len(raw):
        return text
    return None


def replaced_count(text: str, raw: bytes) -> int:
    """How many invalid UTF-8 sequences of `raw` became U+FFFD in `text`."""
    return text.count("\ufffd") - raw.count("\ufffd".encode())


# ---------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class _Entry:
    """One manifest entry (or a bare file), checked."""

    file: str | None = None  # None: fetched from `url`
    outlet: str | None = None
    origin: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    fetched: str | None = None
    removed_from_page: tuple[Removal, ...] = ()  # the extractor's, for a page kept as text
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
    if encoding == UTF8_REPLACED:
        bad = replaced_count(text, raw)
        warning = f"{path}: read as UTF-8 with {bad} invalid byte sequence{'s' * (bad != 1)} replaced by \ufffd"
    elif encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        warning = f"{path}: not UTF-8; read as {encoding} (detected), check for odd characters"
    name = strip_control(path.stem)  # file names can hold escape sequences too
    cleaned = clean(text)
    source = _source(cleaned, entry, name, path=path, url=entry.url or cleaned.leading_url, raw=raw, encoding=encoding)
    return _Draft(source, name, warning)


def _source(
    cleaned: Cleaned,
    entry: _Entry,
    name: str,
    *,
    path: Path | None,
    url: str | None,
    raw: bytes,
    encoding: str,
    site_name: str | None = None,
    dropped: tuple[Removal, ...] = (),
    title: str | None = None,
    date: str | None = None,
    author: str | None = None,
    fetched: str | None = None,
) -> Source:
    """A source from its cleaned text: the manifest entry first, then what a web page's
    metadata says (`site_name`, `title`, `date`, `author`, what it `dropped`), then what
    the text says."""
    if entry.outlet:
        outlet, evidence = entry.outlet, "manifest"
    elif site_name:
        outlet, evidence = site_name, "page metadata (site name)"
    else:
        outlet, evidence = infer_outlet(cleaned, name)
    if not (entry.date or date):
        from comparators.dates import stated_date  # only for an article neither manifest nor page dates

        date = stated_date(cleaned)
    return Source(
        id="",
        outlet=outlet,
        path=path,
        paragraphs=_split_long(cleaned.paragraphs),
        removed=(entry.removed_from_page or dropped) + cleaned.removed,
        title=entry.title or title or cleaned.headline,
        date=entry.date or date,
        url=url,
        dateline=cleaned.dateline,
        origin=entry.origin or infer_origin(cleaned),
        outlet_evidence=evidence,
        encoding=encoding,
        content_hash=hashlib.sha256(raw).hexdigest(),
        author=entry.author or author,
        fetched=fetched or entry.fetched,
    )


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=\S)")


def _split_long(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """Paragraphs over `LONG_PARAGRAPH_CHARS` cut at sentence ends (or, failing those,
    at spaces) into passages of about that length, each keeping the paragraph's line."""
    if all(len(p.text) <= LONG_PARAGRAPH_CHARS for p in paragraphs):
        return paragraphs
    pieces: list[tuple[str, int]] = []
    for paragraph in paragraphs:
        text, at = paragraph.text, 0
        while len(text) - at > LONG_PARAGRAPH_CHARS:
            window = text[at : at + LONG_PARAGRAPH_CHARS]
            cuts = [m.end() for m in _SENTENCE_END.finditer(window)] or [window.rfind(" ") + 1]
            cut = cuts[-1] if cuts[-1] > 0 else LONG_PARAGRAPH_CHARS
            pieces.append((window[:cut].rstrip(), paragraph.line))
            at += cut
        pieces.append((text[at:], paragraph.line))
    return tuple(Paragraph(index, text, line) for index, (text, line) in enumerate(pieces) if text)


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
    first_with_text: dict[tuple[str, ...], Source] = {}
    for source in sources:
        if not source.paragraphs:
            warnings.append(f"{_named(source)}: cleaning removed every line; the source has no text")
            continue
        # A copy is legitimate coverage (a verbatim reprint), but more often the same
        # article saved twice: say so rather than let it pass as an outlet's agreement.
        first = first_with_text.setdefault(tuple(p.text for p in source.paragraphs), source)
        if first is not source:
            warnings.append(f"{_named(source)}: the same text as {_named(first)} (a copy of one article?)")
    if len(sources) == 1:
        warnings.append(f"only one source ({_named(sources[0])}): nothing to compare")
    # The title comes from the manifest or a folder name: as untrusted as the articles.
    return Story(strip_control(title), sources, settings, manifest, tuple(warnings))


def _named(source: Source) -> str:
    """A source as warnings name it: its file, or the page it was fetched from (no file)."""
    return str(source.path) if source.path is not None else source.url or source.id


def _manifest_of(path: Path) -> Path | None:
    """The manifest `path` names, itself or inside a folder, or None."""
    if path.suffix.lower() in MANIFEST_SUFFIXES:
        if not path.exists():
            raise StoryError(path, "no such file")
        return path
    if path.is_dir():
        for name in MANIFEST_NAMES:
            try:
                if (path / name).is_file():
                    return path / name
            except OSError as error:  # a folder that cannot be searched
                raise StoryError(path, f"cannot read the folder: {os_problem(error)}") from None
    return None


def articles_in(folder: Path) -> list[Path]:
    """The articles of a folder without a manifest: its text files and saved web pages,
    by name, hidden files left out. Raises `OSError` for a folder that cannot be read."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def _text_files(path: Path) -> list[Path]:
    if path.is_dir():
        try:
            files = articles_in(path)
        except OSError as error:
            raise StoryError(path, f"cannot read the folder: {os_problem(error)}") from None
        if not files:
            raise StoryError(path, "folder has no story.yaml and no .txt files or .html pages")
        return files
    if not os.path.lexists(path):  # a symlink loop "exists": reading it says what it is
        raise StoryError(path, "no such file or folder")
    return [path]


def _too_many(count: int) -> str:
    return f"{count} sources, over the limit of {MAX_SOURCES} sources in one story"


def _check_duplicates(paths: list[tuple[Path, int | None]], manifest: Path | None) -> None:
    """Refuse a file named twice (by any path): it would be compared with itself."""
    seen: set[Path] = set()
    for path, line in paths:
        key = Path(os.path.realpath(path))  # unlike Path.resolve, never raises on a loop
        if key in seen:
            if manifest:
                raise StoryError(manifest, f"line {line}: {path} is listed twice in the story")
            raise StoryError(path, "given twice in the same story")
        seen.add(key)


# ---------------------------------------------------------------- manifest


def _load_manifest(path: Path, fetch: FetchOptions | None, progress: Progress | None, jobs: int = 1) -> Story:
    text, _, _ = read_text(path)
    node, data = _parse_yaml(text, path)
    where = _Where(path, node)
    if not isinstance(data, dict):
        where.fail((), "a manifest is a mapping with 'title' and a 'sources' list")
    if "marks" in data and "version" in data:  # what the reader writes beside a story
        raise StoryError(path, "a review file (marks and notes), not a story: give the story's "
                         "story.yaml, folder or files, and this file with --review")
    where.check_keys((), data, MANIFEST_KEYS, "key")
    title = data.get("title")
    if title is not None and not isinstance(title, (str, int, float)):
        where.fail(("title",), "'title' must be text")
    sources = data.get("sources")
    if sources is None:
        where.fail((), "no 'sources' list")
    if not isinstance(sources, list) or not sources:
        where.fail(("sources",), "'sources' must be a non-empty list of files")
    if len(sources) > MAX_SOURCES:
        where.fail(("sources",), _too_many(len(sources)))
    entries = [_entry(where, i, raw) for i, raw in enumerate(sources)]
    files = [(path.parent / e.file, e.line) for e in entries if e.file]
    _check_duplicates(files, path)
    for index, entry in enumerate(entries):
        file = path.parent / entry.file if entry.file else None
        problem = file is not None and (_outside(path, file) or file_problem(file))
        if problem:
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
        ],
        jobs,
        [file for file, _ in files],
    )
    named = strip_control(str(title)).strip() if title is not None else ""  # "   " names nothing
    story = _assemble(named or path.parent.resolve().name, drafts, settings, path, left_out)
    if settings.pivot is not None and settings.pivot not in {s.id for s in story.sources}:
        ids = ", ".join(s.id for s in story.sources)
        problem = f"settings.pivot {settings.pivot!r} is not a source id ({ids})"
        where.fail(("settings", "pivot"), problem)
    return story


def _outside(manifest: Path, file: Path) -> str | None:
    """Refuse a file outside the manifest's folder (by `..`, an absolute path or a
    symlink): a manifest from elsewhere must not put /etc/passwd into a report."""
    folder = os.path.realpath(manifest.parent)
    if os.path.commonpath([folder, os.path.realpath(file)]) != folder:
        return "outside the manifest's folder; a story's files must be in its folder or below"
    return None


def _parse_yaml(text: str, path: Path) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for line numbers) and the plain data, read safely."""
    import yaml  # here: a story without a manifest (article files, a folder of them) never loads it

    # The same safe loader as `yaml.safe_load`, in C when libyaml is there (5x faster).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    node = None
    try:
        node = loader.get_single_node()
        repeated = _repeated_key(node)
        if repeated is not None:
            key, first_line = repeated
            problem = f"line {key.start_mark.line + 1}: key {key.value!r} given twice (first at line {first_line})"
            raise StoryError(path, problem)
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
    except yaml.reader.ReaderError as error:  # a control character: its position, as a line
        line = text.count("\n", 0, error.position) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "character"
        raise StoryError(path, f"line {line}: control {character} is not allowed in YAML") from None
    except yaml.YAMLError as error:
        raise StoryError(path, f"YAML error: {error}") from None
    except ValueError as error:  # a well-formed value that cannot be, e.g. 2016-02-30
        bad = _unconstructable(loader, node)
        what = f"line {bad.start_mark.line + 1}: {bad.value!r}" if bad else "a value"
        raise StoryError(path, f"{what} is not a possible value: {error}") from None
    finally:
        loader.dispose()
    return node, data


def _repeated_key(root: yaml.Node | None) -> tuple[yaml.ScalarNode, int] | None:
    """The first key given twice in one mapping of `root`, with the line of its first
    use: YAML's loader silently keeps the last, so a second `sources:` would drop the
    files of the first."""
    import yaml

    stack = [root] if root is not None else []
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            first_lines: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first_lines:
                        return key, first_lines[key.value]
                    first_lines[key.value] = key.start_mark.line + 1
                stack.append(value)
    return None


def _unconstructable(loader: Any, root: yaml.Node | None) -> yaml.ScalarNode | None:
    """The first scalar in `root` that its tag cannot construct (2016-02-30)."""
    import yaml

    stack = [root] if root is not None else []
    loader.recursive_objects = {}  # left over from the failed construction
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                return node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return None


class _Where:
    """Fails with the manifest's name and the line of a key, for clear errors."""

    def __init__(self, path: Path, node: yaml.Node | None) -> None:
        self.path = path
        self.node = node

    def line(self, keys: tuple[str | int, ...]) -> int | None:
        import yaml

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
    elif "\0" in raw["file"]:
        where.fail(keys, f"{label}: the file name contains a NUL byte")
    values: dict[str, str | None] = {}
    for key in ("outlet", "origin", "title", "author", "date", "url", "fetched"):
        value = raw.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (list, dict)):
            where.fail((*keys, key), f"{label}.{key} must be text")
        values[key] = (strip_control(str(value)).strip() or None) if value is not None else None
    if values["date"] is not None:
        # Dates are sorted and compared as text (a report's date range, a figure that
        # grows with the dates): "12/03/2020" or "yesterday" would come out wrong.
        if (date := given_date(values["date"])) is None:
            where.fail((*keys, "date"), f"{label}.date {values['date']!r} is not a date; write it as YYYY-MM-DD")
        values["date"] = date
    file = raw["file"].strip() if raw["file"] else None
    removed = _removed_from_page(where, (*keys, "removed_from_page"), raw.get("removed_from_page"))
    return _Entry(file=file, removed_from_page=removed, line=where.line(keys), **values)


def _removed_from_page(where: _Where, keys: tuple, raw: Any) -> tuple[Removal, ...]:
    """An entry's `removed_from_page` list (each item a `line`, its `text` and the
    `reason`) as the extractor's removals."""
    if raw is None:
        return ()
    label = f"sources[{keys[1] + 1}].removed_from_page"
    if not isinstance(raw, list):
        where.fail(keys, f"{label} must be a list of removals (line, text, reason)")
    removals = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            where.fail((*keys, index), f"{label}[{index + 1}] must be a mapping with line, text and reason")
        where.check_keys((*keys, index), item, REMOVAL_KEYS, f"key in {label}[{index + 1}]")
        line, text, reason = (item.get(key) for key in REMOVAL_KEYS)
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            where.fail((*keys, index), f"{label}[{index + 1}].line must be a line number (1 or more)")
        if not isinstance(text, str) or not isinstance(reason, str):
            where.fail((*keys, index), f"{label}[{index + 1}] needs a text and a reason")
        removals.append(Removal(strip_control(text), EXTRACTOR_RULE, strip_control(reason), line))
    return tuple(removals)


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
    readers: Sequence[Callable[[], _Draft]], jobs: int = 1, files: Sequence[Path] = ()
) -> tuple[list[_Draft], list[SourceUnavailable]]:
    """Every source read; a page that cannot be had is set aside, not fatal (yet).
    A big story's `files` are read in `jobs` processes at once, each a run of the
    readers in order (the same drafts, and the same first error)."""
    parts = jobs if worth_spreading(_bytes_of(files) // BYTES_PER_PARAGRAPH, jobs) else 1
    bounds = [len(readers) * part // parts for part in range(parts + 1)]

    def read_part(part: int) -> list[_Draft | SourceUnavailable]:
        read: list[_Draft | SourceUnavailable] = []
        for reader in readers[bounds[part] : bounds[part + 1]]:
            try:
                read.append(reader())
            except SourceUnavailable as problem:
                read.append(problem)
        return read

    found = [item for part in map_parts(read_part, parts, jobs) for item in part]
    forget_lines()  # lines repeat across one story's sources, rarely across stories
    return [d for d in found if isinstance(d, _Draft)], [p for p in found if isinstance(p, SourceUnavailable)]


# A paragraph of news copy takes some 300 bytes: the files' size says how many passages a
# story will have before it is read (`worth_spreading` counts passages).
BYTES_PER_PARAGRAPH = 300


def _bytes_of(files: Sequence[Path]) -> int:
    total = 0
    for file in files:
        try:
            total += os.stat(file).st_size
        except OSError:  # reported when the file is read
            pass
    return total


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
        try:  # a saved page is as large as a fetched one may be, scripts and all
            raw = read_regular_file(page, MAX_PAGE_BYTES)
        except StoryError as problem:  # one page lost, like a failed fetch
            raise SourceUnavailable(problem.path, problem.problem) from None
        html, encoding = decode_html(raw)
        path, url, where, fetched = page, entry.url, str(page), entry.fetched
    else:
        html, encoding = decode_html(page.body, page.content_type)
        raw, path, url, where, fetched = page.body, None, page.url, page.url, page.fetched_at
    extracted = extract_page(html, where, url=url, encoding=encoding)
    fallback = strip_control(path.stem if path else _host(url))  # names can hold escapes too
    source = _source(
        clean(extracted.text), entry, fallback, path=path, url=url, raw=raw, encoding=encoding,
        site_name=extracted.site_name, dropped=extracted.dropped, title=extracted.title,
        date=extracted.date, author=extracted.author, fetched=fetched,
    )
    return _Draft(source, fallback, None)


def _host(url: str | None) -> str:
    host = re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].split(":")[0]
    return host.removeprefix("www.") or "page"
