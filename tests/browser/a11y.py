"""axe-core (WCAG 2.0/2.1 A and AA rules) run inside the page under test.

axe-core is a pinned npm dev dependency (package.json, package-lock.json; `make test` runs `npm ci`).
Its script is read from node_modules and injected into the page as inline text: nothing is fetched
by the browser and the app never serves it.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200)})),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """Every WCAG 2.x A/AA violation axe finds on the page as it is now (one entry per rule)."""
    assert AXE_JS.is_file(), f"{AXE_JS} is missing: `make test` installs it (npm ci)"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(RUN_JS, WCAG_TAGS)


def count(violations: list[dict]) -> int:
    """Failing elements over all rules (what "N violations" counts)."""
    return sum(len(v["nodes"]) for v in violations)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n['target']}: {n['summary'].splitlines()[-1] if n['summary'] else ''}" for n in v["nodes"][:8]]
    return "\n".join(lines)
