"""Self-contained HTML for eval reports and comparisons (``report_html``, ``comparison_html``): inline
CSS, no script, no external asset.

Article text and model output are untrusted: every value goes through Jinja2's autoescape.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined

from briefer.evals.compare import Comparison, pair_cells, show, signed
from briefer.evals.report import HEADER, Report, case_row, summary_lines, total_row
from briefer.evals.score import LABEL_FIELDS, CaseResult
from briefer.schema import Point

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1300px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #ccc}
h3{font-size:1em;margin:.8em 0 .3em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}tr.total td{font-weight:bold}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
.box{border:1px solid #ddd;padding:.5em 1em;border-radius:4px}
ul{margin:.2em 0;padding-left:1.2em}li{margin:.15em 0}.ok{color:#17612a}.miss{color:#a61b1b;font-weight:bold}
.bad{background:#fde8e8}.opt{color:#777}.q{color:#555;font-size:.9em}.unv{color:#a61b1b}
.how{color:#666;font-size:.9em}.err{background:#fde8e8;padding:.5em;border-radius:4px;white-space:pre-wrap}
.meta{color:#555}.better{color:#17612a}.worse{color:#a61b1b}code{background:#f4f4f4;padding:0 .2em}
"""

QUOTES = """
{% macro quotes(qs) %}{% if qs %}<ul class="q">
{% for q in qs %}
  <li class="{{ '' if q.verified else 'unv' }}">“{{ q.text }}”
    <small>({{ q.source }}{{ '' if q.verified else ', NOT verified' }})</small></li>
{% endfor %}
</ul>{% endif %}{% endmacro %}
"""

REPORT = QUOTES + """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>briefer eval: {{ r.path }}</title>
<style>{{ css }}</style></head><body>
<h1>briefer eval{% if r.name %}: {{ r.name }}{% endif %}</h1>
<p class="meta">cases: <code>{{ r.path }}</code> · {{ r.created }}
{% for k, v in r.settings.items() %} · {{ k }}=<code>{{ v }}</code>{% endfor %}</p>
<h2>Totals</h2>
<ul>{% for line in summary %}<li>{{ line }}</li>{% endfor %}</ul>
<table><tr>{% for h in header %}<th>{{ h }}</th>{% endfor %}</tr>
{% for c in cases %}
<tr><td><a href="#{{ c.anchor }}">{{ c.row[0] }}</a></td>{% for cell in c.row[1:] %}<td>{{ cell }}</td>
{% endfor %}</tr>
{% endfor %}
<tr class="total">{% for cell in total %}<td>{{ cell }}</td>{% endfor %}</tr></table>
{% for c in cases %}{% set x = c.result %}
<h2 id="{{ c.anchor }}">{{ x.case }}</h2>
<p class="meta">{% for a in x.articles %}<code>{{ a }}</code> {% endfor %}· focus {{ x.focus }}
 · {{ '%.1f' % x.seconds }}s · {{ x.calls }} call(s), {{ x.prompt_tokens }} prompt +
 {{ x.completion_tokens }} completion tokens
{% if x.cached_calls %} ({{ x.cached_calls }} cached){% endif %}</p>
{% if x.error %}<div class="err">{{ x.error }}</div>{% endif %}
{% if x.violations %}
<h3 class="miss">Must-not violations ({{ x.violations|length }})</h3><ul>
{% for v in x.violations %}
  <li class="bad"><b>{{ v.rule }}</b>: {{ v.field }}[{{ v.item }}] “{{ v.item_text }}”
    <span class="how">({{ v.why }})</span></li>
{% endfor %}</ul>
{% endif %}
{% if x.guessed_years %}
<h3 class="miss">Guessed years</h3><ul>{% for g in x.guessed_years %}<li>{{ g }}</li>{% endfor %}</ul>
{% endif %}
<div class="cols"><div class="box"><h3>Brief</h3>
{% set b = x.brief %}
{% if b %}
<p><b>{{ b.headline }}</b></p><p>{{ b.summary.text }}</p>{{ quotes(b.summary.quotes) }}
{% for f, items in c.brief_fields %}
<h3>{{ f }}</h3>
{% if items %}<ul>
{% for it, ir in items %}
  <li class="{{ 'bad' if ir and ir.counts_against else '' }}">{{ ir.text if ir else it.text }}
  {% if ir %}<small class="{{ 'ok' if ir.matched else 'opt' }}">{{
    'matches a label' if ir.matched else 'no label' }}{{ '' if ir.verified else ', unverified' }}</small>
  {% endif %}{{ quotes(it.quotes) }}</li>
{% endfor %}</ul>
{% else %}<p class="opt">(none)</p>{% endif %}
{% endfor %}
{% else %}<p class="miss">no brief</p>{% endif %}
</div>
<div class="box"><h3>Labels</h3>
{% for f, labels in c.labels %}
<h3>{{ f }} {{ c.scores[f] }}</h3><ul>
{% for l in labels %}
  <li><span class="{{ 'ok' if l.matched else ('miss' if l.required else 'opt') }}">{{
    '✓' if l.matched else '✗' }}</span> {{ l.label }}
  {% if not l.required %}<span class="opt">(optional)</span>{% endif %}<br>
  <span class="how">{% if l.matched and l.item is not none %}→ [{{ l.item }}] {{ l.item_text }}: {% endif %}
  {{ l.how }}{% if l.status %}; status {{ l.status }}{% if not l.status_ok %}
  <b class="miss">expected {{ l.expected_status|join('/') }}</b>{% endif %}{% endif %}
  {% if l.sources_ok is not none %}; sources {{ l.sources|join(', ') or 'none' }}{% if not l.sources_ok %}
  <b class="miss">expected {{ l.expected_sources|join(', ') }}</b>{% endif %}{% endif %}</span></li>
{% endfor %}</ul>
{% endfor %}
</div></div>
{% if x.judge %}
<h3>LLM judge (a second opinion, not scored)</h3>
<ul>{% for k, v in x.judge.items() %}<li>{{ k }}: {{ v }}</li>{% endfor %}</ul>
{% endif %}
{% endfor %}
</body></html>"""

COMPARISON = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>briefer eval comparison</title>
<style>{{ css }}</style></head><body>
<h1>briefer eval: {{ c.name_a }} vs {{ c.name_b }}</h1>
<p class="meta">cases: <code>{{ c.a.path }}</code></p>
{% for side in [c.a, c.b] %}
<p class="meta"><b>{{ side.name }}</b>
{% for k, v in side.settings.items() %} · {{ k }}=<code>{{ v }}</code>{% endfor %}</p>
{% endfor %}
<h2>Totals</h2>
<table><tr><th>metric</th><th>{{ c.name_a }}</th><th>{{ c.name_b }}</th><th>delta</th></tr>
{% for m in metrics %}
<tr><td>{{ m.metric }}</td><td>{{ m.a }}</td><td>{{ m.b }}</td>
<td class="{{ m.verdict }}">{{ m.delta }}</td></tr>
{% endfor %}</table>
<h2>Per case</h2>
<table><tr>{% for h in case_header %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in case_rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</table>
<h2>Labels found by one side only</h2>
{% if c.label_changes %}<ul>
{% for x in c.label_changes %}
  <li>{{ x.case }} · {{ x.field }}: {{ x.label }} <b>(only {{ x.found_by }})</b></li>
{% endfor %}</ul>
{% else %}<p>none</p>{% endif %}
{% for side in [c.a, c.b] %}
<h2>{{ side.name }}: errors and violations</h2><ul>
{% for x in side.cases %}
{% if x.error %}<li class="err">{{ x.case }}: {{ x.error }}</li>{% endif %}
{% for v in x.violations %}
  <li class="bad">{{ x.case }}: <b>{{ v.rule }}</b> — {{ v.field }}[{{ v.item }}] “{{ v.item_text }}”</li>
{% endfor %}
{% endfor %}</ul>
{% endfor %}
</body></html>"""


def _render(source: str, **context: Any) -> str:
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source).render(css=CSS, **context)


def _case_view(i: int, x: CaseResult) -> dict[str, Any]:
    by_item = {(ir.field, ir.item): ir for ir in x.items}
    brief_fields: list[tuple[str, list[tuple[Any, Any]]]] = []
    if x.brief is not None:
        for f in ("who", "where", "when", "focus_role"):
            brief_fields.append((f, [(it, by_item.get((f, j))) for j, it in enumerate(getattr(x.brief, f))]))
        for f in ("key_points", "open_questions"):
            brief_fields.append((f, [(it, None) for it in getattr(x.brief, f)]))
        brief_fields.append(("discrepancies", [(Point(text=d.about, quotes=d.quotes), None)
                                               for d in x.brief.discrepancies]))
    labels = [(f, [lab for lab in x.labels if lab.field == f]) for f in LABEL_FIELDS]
    scores = {f: (f"{s.matched}/{s.labels}" if s.labels else "") for f, s in x.fields.items()}
    scores["discrepancies"] = (f"{x.discrepancies_found}/{x.discrepancies_expected}"
                               if x.discrepancies_expected else "")
    return {"anchor": f"case-{i}", "result": x, "row": case_row(x), "brief_fields": brief_fields,
            "labels": [(f, ls) for f, ls in labels if ls], "scores": scores}


def report_html(r: Report) -> str:
    """The report as one self-contained page."""
    return _render(REPORT, r=r, header=HEADER, summary=summary_lines(r.totals), total=total_row(r.totals),
                   cases=[_case_view(i, x) for i, x in enumerate(r.cases)])


def comparison_html(c: Comparison) -> str:
    """The comparison of two runs as one self-contained page."""
    metrics = [{"metric": m.metric, "a": show(m.a), "b": show(m.b), "delta": signed(m.delta),
                "verdict": m.verdict} for m in c.metrics]
    bcases = {x.case: x for x in c.b.cases}
    a, b = c.name_a, c.name_b
    header = ["case", f"found {a}", f"found {b}", f"must-not {a}", f"must-not {b}", f"time {a}", f"time {b}"]
    rows = [[x.case, *pair_cells(x, bcases.get(x.case))] for x in c.a.cases]
    return _render(COMPARISON, c=c, metrics=metrics, case_header=header, case_rows=rows)
