import type { InventoryImage, ReportModel } from './model';

/**
 * The audit report as one self-contained HTML page: no remote resources, a strict CSP with a
 * nonce for its own style and script, VS Code theme colours when shown in a webview and
 * light/dark defaults when opened as a file. In the webview (`webview: true`) links post a
 * message to the extension; in an exported file they are `vscode://file/...` links.
 * Types only from the model: the client bundles this file without the engine.
 */
export function renderHtml(model: ReportModel, options: { webview: boolean; nonce: string; cspSource?: string }): string {
  const { nonce } = options;
  const t = model.totals;
  const maxRule = Math.max(1, ...model.byRule.map((r) => r.count));
  const maxKind = Math.max(1, ...model.byKind.map((k) => k.findings));
  const link = (path: string, line: number, column: number, label: string): string => {
    const href = options.webview ? '#' : `vscode://file/${encodeURI(`${model.root.replace(/\/$/, '')}/${path}`)}:${line}:${column}`;
    return `<a class="loc" href="${esc(href)}" data-path="${esc(path)}" data-line="${line}" data-column="${column}">${breakable(label, /\//g)}</a>`;
  };
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bulkhead audit report</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <h1>Bulkhead audit report</h1>
  <p class="meta">${breakable(model.root, /\//g)} · ${esc(model.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))} · bulkhead ${esc(model.tool.version)}</p>
</header>
<main>
<section aria-labelledby="totals-h">
  <h2 id="totals-h">Totals</h2>
  <ul class="cards" id="totals">
    <li class="card error"><span class="n">${t.error}</span> errors</li>
    <li class="card warning"><span class="n">${t.warning}</span> warnings</li>
    <li class="card info"><span class="n">${t.info}</span> info</li>
    <li class="card"><span class="n">${t.suppressed}</span> suppressed</li>
    <li class="card"><span class="n">${t.files}</span> files</li>
    <li class="card"><span class="n">${model.images.length}</span> images</li>
  </ul>
</section>
<section aria-labelledby="rules-h">
  <h2 id="rules-h">Findings by rule</h2>
  ${model.byRule.length === 0 ? '<p>No findings.</p>' : `<table class="bars" id="by-rule">
    <thead><tr><th scope="col">Rule</th><th scope="col">Findings</th></tr></thead>
    <tbody>${model.byRule.map((r) => `<tr><th scope="row"><a href="${esc(r.docsUrl)}" title="${esc(r.title)}">${esc(r.ruleId)}</a></th><td>${bar((100 * r.count) / maxRule, r.worst)}<span class="count">${r.count}</span></td></tr>`).join('')}</tbody>
  </table>`}
</section>
<section aria-labelledby="kinds-h">
  <h2 id="kinds-h">Findings by file kind</h2>
  <table class="bars" id="by-kind">
    <thead><tr><th scope="col">Kind</th><th scope="col">Findings</th><th scope="col">Files</th></tr></thead>
    <tbody>${model.byKind.map((k) => `<tr><th scope="row">${esc(KIND_LABEL[k.kind] ?? k.kind)}</th><td>${bar((100 * k.findings) / maxKind, '')}<span class="count">${k.findings}</span></td><td>${k.files}</td></tr>`).join('')}</tbody>
  </table>
</section>
<section aria-labelledby="images-h">
  <h2 id="images-h">Image inventory</h2>
  ${model.images.length === 0 ? '<p>No images referenced.</p>' : `<div class="scroll"><table id="images">
    <thead><tr><th scope="col">Image</th><th scope="col">Tag</th><th scope="col">Digest</th><th scope="col">Trusted</th><th scope="col">Used in</th></tr></thead>
    <tbody>${model.images.map((i) => imageRow(i, link)).join('')}</tbody>
  </table></div>`}
</section>
<section aria-labelledby="top-h">
  <h2 id="top-h">Top files</h2>
  ${model.topFiles.length === 0 ? '<p>No findings.</p>' : `<table id="top-files">
    <thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th></tr></thead>
    <tbody>${model.topFiles.map((f) => `<tr><td>${link(f.path, 1, 1, f.path)}</td><td>${esc(KIND_LABEL[f.kind] ?? f.kind)}</td><td>${f.error}</td><td>${f.warning}</td><td>${f.info}</td></tr>`).join('')}</tbody>
  </table>`}
</section>
<section aria-labelledby="findings-h">
  <h2 id="findings-h">Findings</h2>
  <label for="filter">Filter</label> <input id="filter" type="search" placeholder="rule, file or text" aria-controls="findings">
  <table id="findings">
    <thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th><th scope="col">Location</th></tr></thead>
    <tbody>${model.findings.map((f) => `<tr class="${f.severity}"><td><span class="sev ${f.severity}">${f.severity}</span></td><td>${esc(f.ruleId)}</td><td>${esc(f.message)}</td><td>${link(f.path, f.line, f.column, `${f.path}:${f.line}:${f.column}`)}</td></tr>`).join('')}</tbody>
  </table>
  ${model.findingsOmitted > 0 ? `<p class="meta">${model.findingsOmitted} more findings are in the SARIF and JSON exports.</p>` : ''}
</section>
</main>
<script nonce="${nonce}">${script(options.webview)}</script>
</body>
</html>
`;
}

/** An SVG bar: presentation attributes, not inline styles, so the strict CSP holds. */
function bar(percent: number, severity: string): string {
  return `<svg class="bar ${severity}" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width="${Math.max(1, percent).toFixed(1)}" height="10"></rect></svg>`;
}

const KIND_LABEL: Record<string, string> = { dockerfile: 'Dockerfile', compose: 'Compose', k8s: 'Kubernetes', other: 'Other' };

/** Image references, digests and paths break only after their separators (not in the middle of a name). */
const breakable = (text: string, separators = /[/:@]/g): string => esc(text).replace(separators, '$&<wbr>');

/** Uses of one image listed in its row; the rest fold into "+N more" (one base image can be used hundreds of times). */
const USES_SHOWN = 5;

function imageRow(i: InventoryImage, link: (path: string, line: number, column: number, label: string) => string): string {
  const trusted = i.trusted === undefined ? '<span class="muted" title="no trustedRegistries configured">—</span>' : i.trusted ? '<span class="ok">yes</span>' : '<span class="bad">no</span>';
  const digest = i.digest ? `<span class="ok">pinned</span> <code class="muted" title="${esc(i.digest)}">${breakable(`${i.digest.slice(0, 19)}…`)}</code>` : '<span class="bad">not pinned</span>';
  const use = (u: InventoryImage['uses'][number]): string => `<li>${link(u.path, u.line, u.column, `${u.path}:${u.line}`)} <span class="muted">${esc(u.context)}</span></li>`;
  const more = i.uses.length - USES_SHOWN;
  const uses = `<ul class="uses">${i.uses.slice(0, USES_SHOWN).map(use).join('')}</ul>${more > 0 ? `<details><summary>+${more} more</summary><ul class="uses">${i.uses.slice(USES_SHOWN).map(use).join('')}</ul></details>` : ''}`;
  const name = i.digest ? i.key.slice(0, i.key.lastIndexOf('@')) : i.key;
  // Below the reference as written: the registry and repository it resolves to.
  return `<tr><td><code>${breakable(name)}</code>${i.unresolved ? ' <span class="muted">(variables)</span>' : ''}<div class="muted">${breakable(`${i.registry}/${i.repository}`)}</div></td><td>${esc(i.tag ?? '—')}</td><td>${digest}</td><td>${trusted}</td><td>${uses}</td></tr>`;
}

function script(webview: boolean): string {
  return `(function () {
  var vscode = ${webview ? 'acquireVsCodeApi()' : 'null'};
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.loc');
    if (!a || !vscode) return;
    e.preventDefault();
    vscode.postMessage({ type: 'open', path: a.dataset.path, line: Number(a.dataset.line), column: Number(a.dataset.column) });
  });
  var filter = document.getElementById('filter');
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    document.querySelectorAll('#findings tbody tr').forEach(function (tr) { tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0; });
  });
})();`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Outside VS Code (an exported file) the fallback colours apply, one set per colour scheme, each
// with a contrast of at least 4.5:1 on the page background (test/e2e/html-report.mjs checks it).
const STYLE = `
:root { color-scheme: light dark; --fg: var(--vscode-foreground, CanvasText); --bg: var(--vscode-editor-background, Canvas);
  --muted: var(--vscode-descriptionForeground, #616161); --border: var(--vscode-panel-border, rgba(128,128,128,.35));
  --link: var(--vscode-textLink-foreground, LinkText); --error: var(--vscode-errorForeground, #c62828);
  --warning: var(--vscode-editorWarning-foreground, #955f00); --info: var(--vscode-editorInfo-foreground, #1565c0);
  --ok: var(--vscode-testing-iconPassed, #2e7d32); --bar: var(--vscode-charts-blue, #3f7fbf);
  --font: var(--vscode-font-family, system-ui, sans-serif); }
@media (prefers-color-scheme: dark) {
  :root { --muted: var(--vscode-descriptionForeground, #a8a8a8); --error: var(--vscode-errorForeground, #f28b82);
    --warning: var(--vscode-editorWarning-foreground, #ffb74d); --info: var(--vscode-editorInfo-foreground, #8ab4f8);
    --ok: var(--vscode-testing-iconPassed, #81c995); }
}
body { font-family: var(--font); color: var(--fg); background: var(--bg); margin: 0 auto; padding: 1rem 1.5rem; max-width: 80rem; line-height: 1.4; }
h1 { font-size: 1.4rem; margin: .2rem 0; } h2 { font-size: 1.1rem; margin-top: 1.6rem; border-bottom: 1px solid var(--border); padding-bottom: .2rem; }
.meta, .muted { color: var(--muted); }
a { color: var(--link); } a:focus-visible, input:focus-visible { outline: 2px solid var(--vscode-focusBorder, Highlight); outline-offset: 1px; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; list-style: none; padding: 0; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: .5rem .9rem; min-width: 6rem; }
.card .n { display: block; font-size: 1.5rem; font-weight: 600; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); } .card.info .n { color: var(--info); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: .92rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
table.bars td:first-of-type { width: 60%; }
.bar { display: inline-block; height: .8rem; width: 70%; vertical-align: middle; margin-right: .4rem; fill: var(--bar); }
.bar.error { fill: var(--error); } .bar.warning { fill: var(--warning); } .bar.info { fill: var(--info); }
.sev { font-weight: 600; } .sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.ok { color: var(--ok); } .bad { color: var(--error); }
ul.uses { margin: 0; padding-left: 1rem; } summary { cursor: pointer; padding-left: 1rem; }
a.loc, .meta, #images td { overflow-wrap: anywhere; } /* long paths, image names and tags must not widen the page */
.scroll { overflow-x: auto; }
td code { box-decoration-break: clone; }
#findings td:nth-child(3) { overflow-wrap: anywhere; } /* messages quote long image references */
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
input[type=search] { font: inherit; color: var(--fg); background: var(--vscode-input-background, Field); border: 1px solid var(--border); padding: .2rem .4rem; }
`;
