"""Reading what a page says to assistive technology: the error summary of a failed save, a
field's invalid state and the message it points to, tables' captions, accessible names."""

from lxml import html as lxml_html

SUMMARY = "//*[@data-error-summary]"


def dom(response):
    return lxml_html.fromstring(response.content.decode())


def by_id(doc, element_id: str):
    found = doc.xpath("//*[@id=$id]", id=element_id)
    assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
    return found[0]


def text(element) -> str:
    return " ".join(element.text_content().split())


def title(doc) -> str:
    return text(doc.find(".//title"))


def error_summary(doc, count: int) -> dict[str, str]:
    """The page's one error summary, checked: an alert that can take the focus, titled
    "<count> 处需修改", each link going to an element of the page. Returns each item's text
    and where it links ("" for an item without a link)."""
    boxes = doc.xpath(SUMMARY)
    assert len(boxes) == 1, f"{len(boxes)} error summaries"
    box = boxes[0]
    assert box.get("role") == "alert"
    assert box.get("tabindex") == "-1"
    assert text(by_id(doc, box.get("aria-labelledby"))) == f"{count} 处需修改"
    items = {}
    for item in box.xpath(".//li"):
        links = item.xpath(".//a")
        href = links[0].get("href") if links else ""
        if href:
            assert href.startswith("#")
            by_id(doc, href[1:])
        items[text(item)] = href
    assert len(items) == count
    return items


def invalid_field(doc, field_id: str) -> str:
    """A field shown invalid (class and aria-invalid) whose aria-describedby names its
    message; returns the text it is described by."""
    field = by_id(doc, field_id)
    assert "is-invalid" in field.get("class", "").split(), field_id
    assert field.get("aria-invalid") == "true", field_id
    described = (field.get("aria-describedby") or "").split()
    assert described, f"{field_id} is described by nothing"
    return " ".join(text(by_id(doc, element_id)) for element_id in described)


def accessible_name(element) -> str:
    """aria-label, else the text (enough for the links and buttons of the tables)."""
    return element.get("aria-label") or text(element)
