"""An installed wheel is a whole synopsis: its packages, and the seed story it opens when
no story is named (the checkout keeps that story in the top-level seeds/)."""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from setuptools import find_packages

import comparators
from comparators.loading import seeds_folder
from comparators.review_store import review_path_for

ROOT = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_the_wheel_lists_every_package_and_the_seed_story():
    found = find_packages(ROOT, include=["comparators*", "tui*"])
    assert sorted(SETUPTOOLS["packages"]) == sorted([*found, "comparators.seeds"])
    assert SETUPTOOLS["package-dir"] == {"comparators.seeds": "seeds"}
    patterns = SETUPTOOLS["package-data"]["comparators.seeds"]
    # a review the reader wrote beside the seeds (gitignored) is the user's, not the story's
    files = [path.name for path in (ROOT / "seeds").iterdir() if ".review.yaml" not in path.name]
    assert "story.yaml" in files
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in patterns) for name in files)


def test_the_seed_story_is_found_inside_the_package_first(tmp_path):
    package = tmp_path / "site" / "comparators"
    (tmp_path / "site" / "seeds").mkdir(parents=True)
    package.mkdir()
    assert seeds_folder(package) == tmp_path / "site" / "seeds"  # a checkout
    (package / "seeds").mkdir()
    assert seeds_folder(package) == package / "seeds"  # an installed wheel


def test_a_review_of_the_packaged_seed_story_goes_to_the_state_folder(seed_story, tmp_path):
    inside = replace(seed_story, manifest=Path(comparators.__file__).resolve().parent / "seeds" / "story.yaml")
    assert review_path_for(inside, state_dir=tmp_path).parent == tmp_path
    beside = replace(seed_story, manifest=tmp_path / "story" / "story.yaml")
    assert review_path_for(beside, state_dir=tmp_path) == tmp_path / "story" / "story.review.yaml"


@pytest.mark.slow
def test_a_built_wheel_opens_the_seed_story(tmp_path):
    """Built from a copy (a build writes build/ and *.egg-info into its folder), unpacked,
    and run with nothing else of the checkout on the path."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project)
    for name in ("comparators", "tui", "seeds"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.review.yaml*"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(project)],
        capture_output=True, text=True, timeout=240,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("synopsis-*.whl")
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    assert (installed / "comparators" / "seeds" / "story.yaml").is_file()
    assert (installed / "comparators" / "py.typed").is_file()  # a typed library (PEP 561)

    environment = {**os.environ, "PYTHONPATH": str(installed), "SYNOPSIS_NO_CACHE": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", "export", "-o", "seeds.json"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    exported = json.loads((tmp_path / "seeds.json").read_text("utf-8"))
    assert len(exported["sources"]) == 5
