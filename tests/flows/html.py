"""Reading rendered pages like a browser with JavaScript off: ids, links, what each input holds."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag in {"a", "textarea", "option", "dt", "dd", "h1", "h2", "label", "legend", "output"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


class Page:
    """The elements of one HTML response."""

    def __init__(self, response) -> None:
        self.html = response.get_data(as_text=True)
        collector = _Collector()
        collector.feed(self.html)
        self.elements = collector.elements

    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]

    def find(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def error_summary_links(self) -> list[str]:
        """Return the hrefs of the links inside the error summary, in order."""
        inside, links = False, []
        for element in self.elements:
            if element.attrs.get("id") == "error-summary":
                inside = True
            elif inside and element.tag == "h1":
                break
            elif inside and element.tag == "a":
                links.append(element.attrs.get("href", ""))
        return links

    def value(self, name: str) -> str | list[str] | None:
        """Return what the input `name` would post: text, the checked choice(s), or None."""
        found = [e for e in self.elements if e.attrs.get("name") == name]
        if not found:
            return None
        first = found[0]
        if first.tag == "textarea":
            return first.text.removeprefix("\n")
        kind = first.attrs.get("type", "text")
        if kind in {"radio", "checkbox"}:
            checked = [e.attrs.get("value", "on") for e in found if "checked" in e.attrs]
            if kind == "radio" or len(found) == 1:
                return checked[0] if checked else ""
            return checked
        if first.tag == "select":
            index = self.elements.index(first)
            for option in self.elements[index + 1 :]:
                if option.tag != "option":
                    break
                if "selected" in option.attrs:  # an option without a value posts its text
                    return option.attrs.get("value", option.text.strip())
            return ""
        return first.attrs.get("value", "")

    def form_data(self) -> dict[str, str | list[str]]:
        """Return what the page's form posts as it stands (buttons left out), as a browser would."""
        data: dict[str, str | list[str]] = {}
        for element in self.elements:
            name = element.attrs.get("name")
            if not name or element.tag not in {"input", "textarea", "select"} or name in data:
                continue
            if element.attrs.get("type") in {"submit", "button"}:
                continue
            value = self.value(name)
            if value not in ("", [], None) or element.attrs.get("type") not in {"radio", "checkbox"}:
                data[name] = value  # type: ignore[assignment]
        return data

    def summary(self) -> list[tuple[str, str, str]]:
        """Return the check page's rows as (label, shown answer, change link)."""
        rows: list[tuple[str, str, str]] = []
        label = answer = ""
        for element in self.elements:
            if element.tag == "dt":
                label = element.text.strip()
            elif element.tag == "dd" and "change" not in element.attrs.get("class", ""):
                answer = element.text.strip()
            elif element.tag == "a" and label and element.text.strip().startswith("変更"):
                rows.append((label, answer, element.attrs["href"]))
                label = answer = ""
        return rows
