#!/usr/bin/env python3
"""Fill empty Polish msgstr entries from a JSON mapping {msgid: msgstr}.

Usage: .venv/bin/python scripts/po_fill.py translations.json
Applies to every locale/pl catalogue in the repository; prints what is still
missing. Plural entries take a list of forms (Polish has three).
"""

import json
import sys
from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent
mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
missing = set()
for po_path in sorted(root.glob("**/locale/pl/LC_MESSAGES/*.po")):
    if ".venv" in po_path.parts:
        continue
    po = polib.pofile(str(po_path))
    po.metadata["Plural-Forms"] = (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);")
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    changed = False
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            changed = True
        if entry.translated():
            continue
        value = mapping.get(entry.msgid)
        if value is None:
            missing.add(entry.msgid)
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value] * 3
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = value
        changed = True
    if changed or True:
        po.save()
for msgid in sorted(missing):
    print("MISSING:", msgid)
