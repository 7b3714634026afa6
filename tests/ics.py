"""Reading iCalendar files back (RFC 5545), as a calendar application would: unfold, split, unescape."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Component:
    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((value for key, _params, value in self.properties if key == name), None)

    def params(self, name: str) -> dict[str, str]:
        return next((params for key, params, _value in self.properties if key == name), {})

    def all(self, name: str) -> list[Component]:
        return [child for child in self.children if child.name == name]


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def parse_ics(content: bytes) -> Component:
    """The VCALENDAR of ``content``; fails on lines longer than 75 octets or without CRLF."""
    text = content.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "lines must end with CRLF"
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in raw), "lines must be folded at 75 octets"
    lines: list[str] = []
    for line in raw:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[Component] = []
    root = None
    for line in lines:
        head, _, value = line.partition(":")
        name, *parameters = head.split(";")
        params = dict(parameter.split("=", 1) for parameter in parameters)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            stack.append(component)
        elif name == "END":
            assert stack and stack[-1].name == value, f"END:{value} closes nothing"
            root = stack.pop()
        else:
            stack[-1].properties.append((name, params, unescape(value)))
    assert not stack and root is not None and root.name == "VCALENDAR"
    return root
