#!/usr/bin/env python3
# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Proves that reformatting the addons' XML (npm run format) changed no meaning.

Usage: python3 .ci/check_xml_format.py [REV]   (default: HEAD)

Compares every XML file of addons/ that differs between REV and the working
tree as the parser reads it (prettier re-indents; it must not change what Odoo,
OWL or a browser sees). Fails, listing each place, when:

- an element, attribute value, comment or text with content differs;
- whitespace-only text changed where it is significant: anywhere inside
  <pre>/<textarea>/t-whitespace/xml:space="preserve" elements or in a plain
  field value; in OWL templates (static/ and back-end view archs, which the web
  client compiles to OWL) when a single-line space appears or disappears (OWL
  drops whitespace that holds a line break and keeps a lone space); in server
  QWeb and HTML (templates, mail bodies, html fields) when whitespace appears or
  disappears inside a line of text, not at the start or end of a block;
- the translatable terms Odoo extracts from a view, template or html field
  (odoo.tools.translate.xml_translate) differ, which would orphan translations.
"""

import subprocess
import sys

from lxml import etree

BLOCKS = set(
    "address article aside blockquote body dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main "
    "nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
# Where whitespace is the content itself.
PRESERVING = {"pre", "textarea", "script", "style"}
# Elements of a data file that only structure it (whitespace between them is
# ignored by Odoo's loader).
DATA_STRUCTURE = {"odoo", "openerp", "data", "record", "function", "menuitem", "delete"}
OUTPUTS = ("t-esc", "t-out", "t-raw", "t-field", "t-call")


def ws_kind(text):
    """'none', 'space' (one line), 'newline', or None for text with content."""
    if not text:
        return "none"
    if text.strip():
        return None
    return "newline" if "\n" in text else "space"


def preserving(element):
    for node in element.iterancestors():
        if node.tag in PRESERVING or "t-whitespace" in node.attrib:
            return True
        space = node.get("{http://www.w3.org/XML/1998/namespace}space")
        if space == "preserve" and node.tag != "templates":
            return True
    return element.tag in PRESERVING


def context(element, in_static):
    """How whitespace is read at `element` (the element holding the text): data/owl/html/exact."""
    if in_static:
        return "owl"
    for node in [element, *element.iterancestors()]:
        if node.tag == "template":
            return "html"
        if node.tag == "field":
            if node.get("name") == "arch":
                qweb = any(
                    f.get("name") == "type" and (f.text or "").strip() == "qweb"
                    for f in node.getparent()
                )
                return "html" if qweb or len(node) and node[0].tag == "t" else "owl"
            if node.get("type") in ("html", "xml") or node.get("name") == "body_html":
                return "html"
            # A plain value: its text is the value.
            return "exact"
    return "data" if element.tag in DATA_STRUCTURE else "exact"


def atomic(node):
    """Whether an inline `node` renders as one piece (an output, an icon, an image)."""
    if any(attr in node.attrib for attr in OUTPUTS):
        return True
    empty = not len(node) and not (node.text or "").strip()
    return empty and node.tag not in {"t", "span", "a", "bdi"}


def flow(node):
    """The inline content of `node` in reading order: ("text", text, place),
    ("content",) for a rendered piece and ("break",) for a nested block, where
    place (holder, index) is node.text (index 0) or the tail of child index-1."""
    yield ("text", node.text, (node, 0))
    for index, child in enumerate(node):
        if isinstance(child.tag, str):
            if child.tag in BLOCKS or child.tag == "br":
                yield ("break",)
            elif atomic(child):
                yield ("content",)
            else:
                yield from flow(child)
        yield ("text", child.tail, (node, index + 1))


def collapses(holder, index):
    """Whether whitespace at place (holder, index) leaves the rendering alone in
    HTML: it starts or ends a line of its block (nothing rendered before it, or
    after it), or touches other whitespace that it collapses with."""
    block = holder
    while block.tag not in BLOCKS | {"template", "field"} and block.getparent() is not None:
        block = block.getparent()
    line, before = [], None
    for item in flow(block):
        if item[0] == "break":
            if before is not None:
                break
            line = []
        elif item[0] == "text" and item[2] == (holder, index):
            before, line = line, []
        elif item[0] == "content" or item[1]:
            line.append(item)
    if before is None:
        # Inside an output element (t-call body, t-out default): not judged here.
        return False
    after = line
    if not any(i[0] == "content" or i[1].strip() for i in before) or not any(
        i[0] == "content" or i[1].strip() for i in after
    ):
        return True
    previous, following = before[-1], after[0]
    return (previous[0] == "text" and previous[1][-1].isspace()) or (
        following[0] == "text" and following[1][0].isspace()
    )


def significant(old, new, holder, index, in_static):
    """Whether whitespace-only `old` becoming `new` before child `index` of `holder` matters."""
    if preserving(holder):
        return True
    kind_old, kind_new = ws_kind(old), ws_kind(new)
    if kind_old == kind_new:
        return False
    where = context(holder, in_static)
    if where == "data":
        return False
    if where == "owl":
        return "space" in (kind_old, kind_new)
    if where == "html":
        if "none" not in (kind_old, kind_new):
            return False
        return not collapses(holder, index)
    return True


def describe(element):
    return element.getroottree().getpath(element)


def compare(a, b, in_static, problems):
    if type(a) is not type(b) or a.tag != b.tag:
        problems.append(f"{describe(a.getparent())}: {a.tag} became {b.tag}")
        return
    if not isinstance(a.tag, str):
        if a.text != b.text:
            problems.append(f"{describe(a.getparent())}: comment changed")
        return
    if dict(a.attrib) != dict(b.attrib):
        problems.append(f"{describe(a)}: attributes changed")
    if len(a) != len(b):
        problems.append(f"{describe(a)}: {len(a)} children became {len(b)}")
        return
    texts = [(a.text, b.text, 0)] + [
        (x.tail, y.tail, i + 1) for i, (x, y) in enumerate(zip(a, b, strict=True))
    ]
    for old, new, index in texts:
        old, new = old or "", new or ""
        if old == new:
            continue
        if old.strip() or new.strip():
            problems.append(f"{describe(a)}: text {old!r} became {new!r}")
        elif significant(old, new, a, index, in_static):
            problems.append(
                f"{describe(a)}: whitespace {old!r} became {new!r} before child {index + 1}"
            )
    for x, y in zip(a, b, strict=True):
        compare(x, y, in_static, problems)


def terms(root):
    """The translatable terms of every view arch, template and html field of a file."""
    from odoo.tools.translate import xml_translate

    found = []
    for node in root.iter("template", "field"):
        if node.tag == "field" and not (node.get("name") == "arch" or node.get("type") == "html"):
            continue
        xml_translate(found.append, etree.tostring(node, encoding="unicode"))
    return found


def check_file(path, rev):
    parser = etree.XMLParser(strip_cdata=True, resolve_entities=False)
    git_show = ["git", "show", f"{rev}:{path}"]
    before = subprocess.run(git_show, capture_output=True, check=True).stdout
    with open(path, "rb") as handle:
        after = handle.read()
    old, new = etree.fromstring(before, parser), etree.fromstring(after, parser)
    problems = []
    compare(old, new, "/static/" in path, problems)
    if "/static/" not in path and terms(old) != terms(new):
        problems.append("translatable terms changed")
    return problems


def main():
    rev = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    git_diff = ["git", "diff", "--name-only", rev, "--", "addons/*.xml"]
    changed = subprocess.run(git_diff, capture_output=True, text=True, check=True).stdout.split()
    failed = 0
    for path in changed:
        for problem in check_file(path, rev):
            failed += 1
            print(f"{path}: {problem}")
    print(f"{len(changed)} XML files compared with {rev}: {failed} changes of meaning")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
