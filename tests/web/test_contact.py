"""The footer's phone number: one unbreakable tel: link, whatever the screen width."""

from __future__ import annotations

from pathlib import Path

import pytest

from formbuilder.web.contact import phone_links

CSS = Path(__file__).parents[2] / "static" / "css" / "app.css"


@pytest.mark.parametrize(
    ("contact", "link"),
    [
        ("市民課　電話 000-000-0000（平日）", '<a class="tel" href="tel:0000000000">000-000-0000</a>'),
        ("電話：03-1234-5678", '<a class="tel" href="tel:0312345678">03-1234-5678</a>'),
        ("ＴＥＬ ０１２０－１２３－４５６", '<a class="tel" href="tel:0120123456">０１２０－１２３－４５６</a>'),
        ("携帯 090-1234-5678", '<a class="tel" href="tel:09012345678">090-1234-5678</a>'),
    ],
)
def test_a_phone_number_becomes_one_tel_link(contact, link):
    assert link in phone_links(contact)


def test_other_numbers_stay_text_and_everything_is_escaped():
    shown = phone_links("<b>8時30分〜17時15分</b> 〒100-0001")
    assert "tel:" not in shown and "&lt;b&gt;" in shown


def test_the_footer_number_does_not_wrap(client):
    html = client.get("/").get_data(as_text=True)
    footer = html[html.index('<footer class="site">') :]
    assert '<a class="tel" href="tel:' in footer
    assert "footer.site a.tel { white-space: nowrap; }" in CSS.read_text(encoding="utf-8")
