"""Every msgid used in templates and Python has a Polish translation (issue 12).

A pure-Python extraction (no gettext at run time): the translate/blocktranslate tags of
every template and the gettext family calls of every module under backend/, compared with
all Polish .po catalogues the project loads. Django's own catalogue covers its built-in
strings, so a msgid Django already translates counts as translated.
"""

import ast
import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)

TRANSLATE = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)"""
    r"""(?:\s+context\s+(?P<cq>["'])(?P<ctx>.*?)(?P=cq))?[^%]*%}""", re.S)
BLOCK = re.compile(r"{%\s*blocktrans(?:late)?(?P<args>[^%]*)%}(?P<body>.*?)"
                   r"{%\s*endblocktrans(?:late)?\s*%}", re.S)
VAR = re.compile(r"{{\s*(\w+)\s*}}")
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
           "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def _block_msgids(args: str, body: str):
    ctx = re.search(r"""context\s+(["'])(.*?)\1""", args)
    ctx = ctx.group(2) if ctx else ""
    if "trimmed" in args:
        body = " ".join(line.strip() for line in body.strip().splitlines())
    singular = re.split(r"{%\s*plural\s*%}", body)[0]
    yield ctx, VAR.sub(lambda m: f"%({m.group(1)})s", singular)


def template_msgids():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for m in TRANSLATE.finditer(text):
            yield path, m.group("ctx") or "", m.group("msgid")
        for m in BLOCK.finditer(text):
            for ctx, msgid in _block_msgids(m.group("args"), m.group("body")):
                yield path, ctx, msgid


def python_msgids():
    for path in sorted((ROOT / "backend").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in GETTEXT or not node.args:
                continue
            args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str)
                    else None for a in node.args]
            ctx, msgid = (args[0], args[1] if len(args) > 1 else None) \
                if name.startswith(("pgettext", "npgettext")) else ("", args[0])
            if msgid is not None and ctx is not None:
                yield path, ctx, msgid


def catalogue() -> set[tuple[str, str]]:
    done = set()
    roots = [ROOT / "backend", ROOT / "templates", ROOT / "locale"]
    for root in roots:
        for po_path in root.rglob("pl/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(po_path)):
                if entry.translated() and not entry.obsolete:
                    done.add((entry.msgctxt or "", entry.msgid))
    return done


def _django_translates(ctx: str, msgid: str) -> bool:
    with translation.override("pl"):
        text = translation.pgettext(ctx, msgid) if ctx else translation.gettext(msgid)
    return text != msgid


def test_every_msgid_in_templates_and_code_has_a_polish_translation():
    done = catalogue()
    missing = sorted({
        f"{path.relative_to(ROOT)}: {(ctx + ' | ') if ctx else ''}{msgid!r}"
        for source in (template_msgids(), python_msgids())
        for path, ctx, msgid in source
        if msgid.strip() and (ctx, msgid) not in done and not _django_translates(ctx, msgid)})
    assert not missing, "untranslated msgids:\n" + "\n".join(missing)


def test_the_extraction_finds_known_msgids():
    found = {(ctx, msgid) for _p, ctx, msgid in template_msgids()}
    assert ("", "Needs attention") in found
    assert ("", "Hello, %(name)s") in found
    code = {(ctx, msgid) for _p, ctx, msgid in python_msgids()}
    assert ("enrolment", "confirmed") in code and ("", "drive waiting for a stage change") in code
