"""Every ServiceError code used in backend/ is in the one table (common/errors.ERROR_MESSAGES),
so API clients can rely on a stable, documented list (pretix's error_messages)."""

import ast
from pathlib import Path

from backend.common.errors import ERROR_MESSAGES, ServiceError

ROOT = Path(__file__).resolve().parents[2] / "backend"


def _error_classes(trees) -> dict[str, str | None]:
    """Class name -> default_code for every ServiceError subclass defined in backend/."""
    found = {"ServiceError": ServiceError.default_code}
    changed = True
    while changed:
        changed = False
        for tree in trees:
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef) or node.name in found:
                    continue
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & set(found):
                    code = next((s.value.value for s in node.body if isinstance(s, ast.Assign)
                                 and getattr(s.targets[0], "id", "") == "default_code"
                                 and isinstance(s.value, ast.Constant)), None)
                    found[node.name] = code or found[next(iter(bases & set(found)))]
                    changed = True
    return found


def used_codes() -> set[str]:
    trees = [ast.parse(p.read_text()) for p in ROOT.rglob("*.py") if "migrations" not in p.parts]
    classes = _error_classes(trees)
    codes = {c for c in classes.values() if c}
    for tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in classes:
                continue
            args = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "code")]
            codes |= {a.value for a in args if isinstance(a, ast.Constant)
                      and isinstance(a.value, str)}
    return codes


def test_every_code_is_in_the_table():
    missing = used_codes() - set(ERROR_MESSAGES)
    assert not missing, f"add to common/errors.ERROR_MESSAGES: {sorted(missing)}"


def test_a_code_alone_gives_its_message():
    err = ServiceError(code="closed")
    assert err.code == "closed" and err.message == str(ERROR_MESSAGES["closed"])
