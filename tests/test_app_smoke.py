"""The reader opens on the seed story."""

from comparators import load_story
from tui.app import make_app


async def test_reader_opens_on_the_seeds_and_lists_the_outlets():
    app = make_app(load_story([]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.query("Static"))
        for outlet in ("The Guardian", "AP", "The Herald", "Xinhua", "Tehran Times"):
            assert outlet in text
        await pilot.press("q")
    assert app.return_code == 0
