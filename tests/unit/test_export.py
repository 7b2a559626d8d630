"""The JSON export: its documented shape, its determinism and `synopsis export`."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from comparators.export import _INVISIBLE, _MAYBE_INVISIBLE, SCHEMA_VERSION, to_json, to_json_bytes, to_json_dict
from comparators.model import Quote, QuoteGroup, QuoteLink, QuoteMatch, QuoteStatus
from tui.cli.main import main

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "comparators" / "schema.json").read_text())


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
    assert exported["schema_version"] == SCHEMA_VERSION == 3


def test_the_validator_notices_a_broken_export(exported):
    broken = json.loads(json.dumps(exported))
    broken["groups"][0]["kind"] = "mostly"
    del broken["sources"][0]["paragraphs"]
    assert len(list(violations(broken, SCHEMA))) == 2


def test_the_export_has_the_bytes_of_the_standard_json_encoder(seed_comparison):
    odd = "tab\tnul\x00 del\x7f nel\x85 line\u2028 rlo\u202e emoji\U0001f600 quote\" slash\\ é"
    comparison = replace(seed_comparison, story=replace(seed_comparison.story, title=odd))
    standard = json.dumps(to_json_dict(comparison), ensure_ascii=False, indent=2) + "\n"
    assert to_json(comparison) == re.sub(r"[\x7f-\x9f\u202e]", lambda m: json.dumps(m[0])[1:-1], standard)
    assert "rlo\\u202e" in to_json(comparison)


def test_the_bytes_export_is_the_text_export_encoded(seed_comparison):
    odd = "rlo\u202e zwsp\u200b tag\U000e0041 nel\x85 plain é ’"
    comparison = replace(seed_comparison, story=replace(seed_comparison.story, title=odd))
    assert to_json_bytes(comparison) == to_json(comparison).encode()
    assert to_json_bytes(seed_comparison) == to_json(seed_comparison).encode()


def test_every_character_escaped_in_the_export_is_found_among_its_utf8_bytes():
    escaped = [chr(point) for point in range(0x110000) if not 0xD800 <= point < 0xE000 and _INVISIBLE.match(chr(point))]
    assert len(escaped) > 150
    assert all(_MAYBE_INVISIBLE.search(f"a{ch}b".encode()) for ch in escaped)


def test_the_same_comparison_exports_the_same_bytes(seed_comparison):
    assert to_json(seed_comparison) == to_json(seed_comparison)
    assert to_json(seed_comparison).endswith("}\n")


def rebuilds(group, member):
    reference = "\n\n".join(m["text"] for m in group["members"] if m["source"] == group["reference"])
    return (
        "".join(t for op, t in member["diff"] if op <= 0) == reference
        and "".join(t for op, t in member["diff"] if op >= 0) == member["text"]
    )


def test_by_default_only_groups_holding_the_pivot_carry_diffs_against_it(exported):
    with_diffs = 0
    for group in exported["groups"]:
        for member in group["members"]:
            if group["reference"] != exported["pivot"] or member["source"] == exported["pivot"]:
                assert "diff" not in member
            else:
                assert rebuilds(group, member)
                with_diffs += 1
    assert with_diffs >= 40  # the seeds: 50 members beside the pivot in its groups


def test_with_all_diffs_every_member_rebuilds_the_reference_and_itself(seed_comparison):
    exported = json.loads(to_json(seed_comparison, diffs="all"))
    assert list(violations(exported, SCHEMA)) == []
    for group in exported["groups"]:
        for member in group["members"]:
            if member["source"] == group["reference"]:
                assert member["diff"] == [[0, member["text"]]]
            else:
                assert rebuilds(group, member)


def test_the_compact_export_is_smaller_and_keeps_every_passage(seed_comparison, exported):
    everything = to_json(seed_comparison, diffs="all")
    assert len(to_json(seed_comparison)) < len(everything)
    full = json.loads(everything)
    assert [[m["text"] for m in g["members"]] for g in exported["groups"]] == [
        [m["text"] for m in g["members"]] for g in full["groups"]
    ]


def test_an_unknown_diffs_choice_is_refused(seed_comparison):
    with pytest.raises(ValueError, match="diffs must be one of pivot, all"):
        to_json(seed_comparison, diffs="some")


def test_sources_keep_their_paragraphs_and_paths_relative_to_the_manifest(exported, seed_story):
    first = exported["sources"][0]
    assert first["path"] == seed_story.sources[0].path.name
    assert [p["text"] for p in first["paragraphs"]] == [p.text for p in seed_story.sources[0].paragraphs]
    assert len(exported["reuse"]) == len(seed_story.sources) * (len(seed_story.sources) - 1)


def test_quotes_are_exported_with_their_group_listed_once(seed_comparison):
    quote = Quote(
        id="ap:q1", source="ap", paragraph=26, start=0, end=15, text="paramount right now",
        speaker="Vladimir Komoyedov", status=QuoteStatus.SHARED, group="qg1",
        matches=(QuoteMatch(quote="the-herald:q3", source="the-herald", kind="shared", similarity=0.98765),),
    )
    group = QuoteGroup("qg1", (("ap:q1",), ("the-herald:q3",)), (QuoteLink(0, 1, "shared", 0.98765),))
    data = to_json_dict(replace(seed_comparison, quotes=(quote,), quote_groups=(group,)))
    assert data["quotes"] == [
        {
            "id": "ap:q1", "source": "ap", "paragraph": 26, "text": "paramount right now",
            "speaker": "Vladimir Komoyedov", "status": "shared", "group": "qg1",
        }
    ]
    assert data["quote_groups"] == [
        {"id": "qg1", "wordings": [["ap:q1"], ["the-herald:q3"]],
         "links": [{"a": 0, "b": 1, "kind": "shared", "similarity": 0.9877}]}
    ]


def test_every_exported_quote_names_a_group_that_lists_it(exported):
    listed = {q: g["id"] for g in exported["quote_groups"] for wording in g["wordings"] for q in wording}
    assert {q["id"]: q["group"] for q in exported["quotes"]} == listed
    herald_copy = next(g for g in exported["quote_groups"] if ["ap:q9", "the-herald:q5"] in g["wordings"])
    assert {"a": 1, "b": 1, "kind": "shared", "similarity": 1.0} in herald_copy["links"]


def test_export_writes_json_to_stdout_by_default(capsys):
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == 3


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


def test_a_narrowed_export_keeps_the_quote_groups_of_the_sources_kept(seed_comparison):
    from comparators.reports import render_report

    data = json.loads(render_report(seed_comparison, "json", sources=["ap", "the-herald"]))
    source_of = {q["id"]: q["source"] for q in data["quotes"]}
    assert {q for g in data["quote_groups"] for w in g["wordings"] for q in w} == set(source_of)
    for group in data["quote_groups"]:
        for link in group["links"]:
            quotes = group["wordings"][link["a"]] + group["wordings"][link["b"]]
            assert len({source_of[q] for q in quotes}) == 2
    shared = {q["id"] for q in data["quotes"] if q["status"] == "shared"}
    assert "ap:q9" in shared and "the-herald:q5" in shared


def test_export_diffs_all_gives_every_member_of_every_group_its_diff(capsys):
    assert main(["export"]) == 0
    compact = json.loads(capsys.readouterr().out)
    assert main(["export", "--diffs", "all"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert all("diff" in m for g in full["groups"] for m in g["members"])
    assert sum("diff" in m for g in compact["groups"] for m in g["members"]) < sum(
        len(g["members"]) for g in compact["groups"]
    )
