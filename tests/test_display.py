"""locale/display.py: stored text becomes plain, harmless text for widgets."""

from __future__ import annotations

import pytest
from textual.content import Content

from viver_tui.locale.display import filled, printable, shown


@pytest.mark.parametrize(
    "value",
    ["[/]", "Ola [/Hansen]", "[@click=app.quit]z[/]", "[bold]x[/]", "[link=https://x]y[/link]",
     "[ bold]x", "[B]x[/B]", "[$x]y", "a\\", "\\[b]x"],
)
def test_markup_in_values_stays_text(value: str) -> None:
    assert shown(value).plain == value
    assert shown(value).spans == []
    content = Content.from_rich_text(filled("Kunde: [b]{name}[/b] ({n})", name=value, n=3))
    assert content.plain == f"Kunde: {value} (3)"
    assert all("@click" not in str(span.style) for span in content.spans)


def test_control_characters_are_replaced_visibly() -> None:
    assert printable("Tøm\x1b[2Jskjerm") == "Tøm\ufffd[2Jskjerm"
    assert printable("T\x1b]0;x\x07 \x00\x7f\x9b") == "T\ufffd]0;x\ufffd \ufffd\ufffd\ufffd"
    assert printable("halv \ud800") == "halv \ufffd"
    assert printable("to\nlinjer") == "to\ufffdlinjer"
    assert printable("to\nlinjer", multiline=True) == "to\nlinjer"
    assert printable(None) == "" and printable(104233) == "104233"
    assert "\x1b" not in filled("{a}", a="\x1b[2J").plain


def test_the_templates_own_markup_styles_the_value() -> None:
    text = filled("Ordre [b]{number}[/b] · {customer}", number=104233, customer="[b]Kari[/b]")
    assert text.plain == "Ordre 104233 · [b]Kari[/b]"
    bold = [text.plain[s.start : s.end] for s in text.spans if "bold" in str(s.style)]
    assert bold == ["104233"]
    assert filled("{amount:>6}", amount="1,00").plain == "  1,00"
