"""Reading pages back: the few facts tests assert about HTML."""

from html.parser import HTMLParser


class PageFacts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.h1_count = 0
        self.inline_scripts = 0
        self.inline_styles = 0
        self.external_urls = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "h1":
            self.h1_count += 1
        if "style" in attributes or tag == "style":
            self.inline_styles += 1
        if tag == "script":
            self._in_script = "src" not in attributes and attributes.get("type") != "application/json"
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            if value.startswith(("http://", "https://", "//")) and tag in ("script", "link", "img"):
                self.external_urls.append(value)

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def page_facts(content: bytes | str) -> PageFacts:
    facts = PageFacts()
    facts.feed(content.decode() if isinstance(content, bytes) else content)
    return facts


class InputValues(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and "name" in attributes:
            self.values[attributes["name"]] = attributes.get("value")


def input_values(html: str) -> dict[str, str | None]:
    """The value of each <input> by name, unescaped (as the browser would submit it)."""
    parser = InputValues()
    parser.feed(html)
    return parser.values
