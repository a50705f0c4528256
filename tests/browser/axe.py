"""axe-core (vendored from the npm registry, test-only) injected into a Playwright page."""

from pathlib import Path

AXE_JS = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
# WCAG 2.0/2.1 A and AA rules (issue 17: the law asks for WCAG 2.1 AA).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}


def run_axe(page, include: list[str] | None = None) -> list[dict]:
    """The page's violations, of the whole document or of the `include` selectors:
    [{id, impact, help, nodes: [target, ...]}]."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate() runs in the page as a function body: not subject to the page's CSP.
        page.evaluate(AXE_JS + "\n;0")
    result = page.evaluate(
        "([tags, include]) => axe.run(include ? {include: include.map(s => [s])} : document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [TAGS, include])
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]}
            for v in result["violations"]]
