"""Who published an article, whose copy it is, and when: read from the text when the
manifest does not say. Fixtures are made up here."""

from __future__ import annotations

import pytest

from comparators.cleaning import clean, split_dateline
from comparators.dates import given_date, read_date, stated_date, url_date
from comparators.loading import load_story
from comparators.outlets import infer_origin, infer_outlet

BODY = "Rescue teams worked through the night to reach villages cut off by the floods in the coastal towns."


def source_of(tmp_path, text: str):
    path = tmp_path / "017_article.txt"
    path.write_text(text, encoding="utf-8")
    return load_story([path]).sources[0]


@pytest.mark.parametrize(
    ("line", "dateline", "agency"),
    [
        ("LISBON, Portugal (AP) — Floods hit three towns overnight.", "LISBON, Portugal (AP) —", "AP"),
        ("PORTO, Portugal -- Floods hit three towns overnight.", "PORTO, Portugal --", None),
        ("LISBON, March 3. /TASS/. Floods hit three towns overnight.", "LISBON, March 3. /TASS/.", "TASS"),
        ("March 3, 2021 (The Coast Courier) Floods hit three towns overnight.", "March 3, 2021 (The Coast Courier)", "The Coast Courier"),
        ("CHENNAI, Tamil Nadu (PTI) - Floods hit three towns overnight.", "CHENNAI, Tamil Nadu (PTI) -", "PTI"),
    ],
)
def test_datelines_with_a_country_slashes_or_a_double_hyphen_are_recognised(line, dateline, agency):
    assert split_dateline(line)[:2] == (dateline, agency)


@pytest.mark.parametrize(
    "line",
    ["The mayor (right) said the water was receding.", "In Lisbon (Portugal) people said it was over."],
)
def test_a_bracketed_aside_is_no_dateline(line):
    assert split_dateline(line) is None


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        (f"Floods hit three coastal towns overnight, officials said on Wednesday.\n{BODY} (PTI)\n", "PTI"),
        (f"Floods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\nReuters\n", "Reuters"),
        (f"Floods hit three coastal towns overnight, officials said on Wednesday.\n{BODY} — AFP\n", "AFP"),
        (f"Source: Xinhua| 2021-03-03 10:08:11|Editor: wu\nFloods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\n", "Xinhua"),
        (f"This article was originally published by The Coast Courier and is reprinted with permission.\nFloods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\n", "The Coast Courier"),
    ],
)
def test_the_credited_wire_is_found_in_the_first_or_last_lines(text, origin):
    assert infer_origin(clean(text)) == origin


def test_a_paper_carrying_a_wire_story_has_both_an_outlet_and_an_origin(tmp_path):
    source = source_of(tmp_path, f"https://www.coast-courier.com/news/floods\nLISBON, Portugal (AP) — Floods hit three coastal towns overnight, officials said.\n{BODY}\n")
    assert (source.outlet, source.outlet_evidence, source.origin) == ("coast-courier.com", "URL domain", "AP")


def test_an_outlet_is_never_named_after_the_place_in_the_dateline():
    cleaned = clean(f"CHENNAI, Tamil Nadu -- Floods hit three coastal towns overnight, officials said.\n{BODY}\n(Tamil Nadu)\n")
    assert infer_outlet(cleaned, "017_article") == ("017_article", "file name")
    assert infer_origin(cleaned) is None


def test_a_sites_name_atop_the_page_names_the_outlet():
    cleaned = clean(f"The Coast Courier | News\nFloods hit three coastal towns\nAFP\nFloods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\n")
    assert infer_outlet(cleaned, "x") == ("The Coast Courier", "site name")
    assert infer_origin(cleaned) == "AFP"


def test_a_press_archive_line_names_the_paper():
    cleaned = clean(f"Floods hit coast\nThe Coast Courier - 2021-03-03 - FRONT PAGE - Ann Writer\nFloods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\n")
    assert infer_outlet(cleaned, "x") == ("The Coast Courier", "site name")


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("Published: Mar 3, 2021, 4:25 pm", "2021-03-03"),
        ("Wednesday, 3 March 2021", "2021-03-03"),
        ("Source: Xinhua| 2021-03-03 10:08:11|Editor: wu", "2021-03-03"),
    ],
)
def test_a_date_stated_above_the_article_becomes_the_sources_date(tmp_path, head, date):
    source = source_of(tmp_path, f"{head}\nFloods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\n")
    assert source.date == date


def test_a_date_in_the_dateline_with_its_year_counts_and_one_without_does_not():
    assert stated_date(clean(f"March 3, 2021 (The Coast Courier) Floods hit three coastal towns overnight.\n{BODY}\n")) == "2021-03-03"
    assert stated_date(clean(f"LISBON, March 3 (Reuters) - Floods hit three coastal towns overnight.\n{BODY}\n")) is None


def test_the_date_in_an_articles_address_is_the_last_resort():
    assert url_date("https://example.com/2021/03/03/floods-hit-coast/") == "2021-03-03"
    assert url_date("https://example.com/2021/13/45/floods/") is None
    assert stated_date(clean(f"https://example.com/2021/03/03/floods-hit-coast/\nFloods hit three coastal towns overnight, officials said.\n{BODY}\n")) == "2021-03-03"


def test_a_manifests_date_written_out_is_kept_as_yyyy_mm_dd(tmp_path):
    (tmp_path / "a.txt").write_text(f"Floods hit three coastal towns overnight, officials said.\n{BODY}\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text("sources:\n  - file: a.txt\n    date: March 4, 2021\n", encoding="utf-8")
    assert load_story([tmp_path / "story.yaml"]).sources[0].date == "2021-03-04"


def test_the_manifests_date_and_origin_win(tmp_path):
    (tmp_path / "a.txt").write_text(f"Wednesday, 3 March 2021\nLISBON (AP) — Floods hit three coastal towns overnight, officials said.\n{BODY}\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text("sources:\n  - file: a.txt\n    date: 2021-03-04\n    origin: Coast Wire\n", encoding="utf-8")
    source = load_story([tmp_path / "story.yaml"]).sources[0]
    assert (source.date, source.origin) == ("2021-03-04", "Coast Wire")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published Aug. 17, 2016", "2016-08-17"),  # read as nothing before
        ("Updated: Sept. 5, 2019 10:00 a.m.", "2019-09-05"),  # read as 2019-05-01 before
        ("WASHINGTON (AP) — Mar. 3, 2021", "2021-03-03"),
    ],
)
def test_a_month_abbreviated_with_a_full_stop_is_read(line, date):
    assert read_date(line) == date


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("2016-08-16", "2016-08-16"),
        ("2016-08-16T09:30:00", "2016-08-16T09:30:00"),  # ISO is kept as written
        ("March 3, 2024", "2024-03-03"),
        ("3 Mar. 2024", "2024-03-03"),
        ("Tuesday, 3 March 2024 09:30 GMT", "2024-03-03"),
        ("2016-02-30", None),
        ("12/03/2020", None),  # the 12th of March or the 3rd of December
        ("March 2024", None),
        ("yesterday", None),
    ],
)
def test_a_date_a_user_gives_is_kept_as_yyyy_mm_dd_or_refused(given, kept):
    assert given_date(given) == kept


def test_a_relative_word_is_no_date():
    assert read_date("He said on Sunday that the water was falling now") is None


def test_a_date_standing_alone_below_the_article_counts_but_a_last_update_does_not():
    text = f"Floods hit three coastal towns overnight, officials said on Wednesday.\n{BODY}\n"
    assert stated_date(clean(text + "Wednesday 03 March 2021\n")) == "2021-03-03"
    assert stated_date(clean(text + "Last Update: Friday, 5 March 2021 10:48 GMT\n")) is None
