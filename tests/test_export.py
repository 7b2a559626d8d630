"""The JSON export: its documented shape, its determinism and `synopsis export`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from comparators.export import SCHEMA_VERSION, to_json, to_json_dict
from comparators.model import Quote, QuoteMatch, QuoteStatus
from tui.cli.main import main

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "comparators" / "schema.json").read_text())


def violations(value, schema, path="$"):
    """The JSON Schema keywords schema.json uses, checked; yields one line per breach."""
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    kinds = {"object": dict, "array": list, "string": str, "number": (int, float), "integer": int, "boolean": bool}
    if "type" in schema:
        allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(value is None if t == "null" else isinstance(value, kinds[t]) and not (isinstance(value, bool) and t != "boolean") for t in allowed):
            yield f"{path}: {value!r} is not {allowed}"
            return
    if "const" in schema and value != schema["const"]:
        yield f"{path}: {value!r} != {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            yield f"{path}: {value} out of range"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                yield f"{path}: missing {key!r}"
        for key, item in value.items():
            sub = schema.get("properties", {}).get(key, schema.get("additionalProperties"))
            if isinstance(sub, dict):
                yield from violations(item, sub, f"{path}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            yield f"{path}: {len(value)} items"
        for i, item in enumerate(value):
            prefix = schema.get("prefixItems", [])
            sub = prefix[i] if i < len(prefix) else schema.get("items")
            if sub:
                yield from violations(item, sub, f"{path}[{i}]")


@pytest.fixture(scope="module")
def exported(seed_comparison):
    return json.loads(to_json(seed_comparison))


def test_the_export_matches_the_documented_schema(exported):
    assert list(violations(exported, SCHEMA)) == []
    assert exported["schema_version"] == SCHEMA_VERSION == 2


def test_the_validator_notices_a_broken_export(exported):
    broken = json.loads(json.dumps(exported))
    broken["groups"][0]["kind"] = "mostly"
    del broken["sources"][0]["paragraphs"]
    assert len(list(violations(broken, SCHEMA))) == 2


def test_the_same_comparison_exports_the_same_bytes(seed_comparison):
    assert to_json(seed_comparison) == to_json(seed_comparison)
    assert to_json(seed_comparison).endswith("}\n")


def test_each_members_diff_rebuilds_the_reference_and_the_member(exported):
    for group in exported["groups"]:
        reference = "\n\n".join(m["text"] for m in group["members"] if m["source"] == group["reference"])
        for member in group["members"]:
            if member["source"] == group["reference"]:
                assert member["diff"] == [[0, member["text"]]]
                continue
            assert "".join(t for op, t in member["diff"] if op <= 0) == reference
            assert "".join(t for op, t in member["diff"] if op >= 0) == member["text"]


def test_sources_keep_their_paragraphs_and_paths_relative_to_the_manifest(exported, seed_story):
    first = exported["sources"][0]
    assert first["path"] == seed_story.sources[0].path.name
    assert [p["text"] for p in first["paragraphs"]] == [p.text for p in seed_story.sources[0].paragraphs]
    assert len(exported["reuse"]) == len(seed_story.sources) * (len(seed_story.sources) - 1)


def test_quotes_are_exported_with_their_matches(seed_comparison):
    quote = Quote(
        id="ap:q1", source="ap", paragraph=26, start=0, end=15, text="paramount right now",
        speaker="Vladimir Komoyedov", status=QuoteStatus.SHARED,
        matches=(QuoteMatch(quote="the-herald:q3", source="the-herald", kind="shared", similarity=0.98765),),
    )
    data = to_json_dict(replace(seed_comparison, quotes=(quote,)))
    assert data["quotes"] == [
        {
            "id": "ap:q1", "source": "ap", "paragraph": 26, "text": "paramount right now",
            "speaker": "Vladimir Komoyedov", "status": "shared",
            "matches": [{"quote": "the-herald:q3", "source": "the-herald", "kind": "shared", "similarity": 0.9877}],
        }
    ]


def test_export_writes_json_to_stdout_by_default(capsys):
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == 2


def test_export_to_a_file_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "story.json"
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    written = target.read_text(encoding="utf-8")
    assert json.loads(written)["groups"]
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", "-o", str(target)]) == 2
    assert "already exists; add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main(["export", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == written
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]  # no temporary file left


def test_export_refuses_an_unknown_comparator(capsys):
    assert main(["export", "--comparator", "telepathy"]) == 2
    assert "--comparator: unknown comparator 'telepathy'" in capsys.readouterr().err
