// The UI layer: the packaged .vsix installed into a fresh code-server, driven like a person would
// with Playwright in Debian's chromium, on a copy of examples/, in the default dark theme. Checks
// what a user sees: squiggles on the right lines, the Problems panel with rule ids and positions,
// quick fixes picked from the lightbulb and from Ctrl+. that edit the text, and F1 -> "Bulkhead:
// Audit Workspace": its progress notification, Problems rows for files that were never opened, and
// the report webview (totals, image inventory, layout and contrast, a location link that opens the
// file at its line). Screenshots go to test-output/e2e/ui/.
//   node test/e2e/ui.mjs [bulkhead-x.y.z.vsix]      (default: the one `npm run package` made)
// Waits are on DOM elements and states, never on sleeps. The only retries are where VS Code is
// known to drop input under load (the quick-fix menu not opening, keys typed into the command
// palette lost); each one is logged.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installVsix, launchChromium, startCodeServer, tempDirCleanup } from './harness/codeserver.mjs';
import { ROOT } from './harness/tools.mjs';

const TIMEOUT = 90_000; // per wait; generous for a loaded 2-core machine, a pass never needs it

// examples/api/Dockerfile, 1-based as the Problems panel shows them. Only these rules are asserted
// (rules added later may add rows; they must not break this test).
const EXPECTED_PROBLEMS = [
  { rule: 'workdir-relative', line: 12, col: 9 },
  { rule: 'add-instead-of-copy', line: 13, col: 1 },
  { rule: 'apt-install-recommends', line: 15, col: 23 },
  { rule: 'cmd-shell-form', line: 17, col: 1 },
];
// After the audit: one finding in each file that was never opened, 1-based, with its file row in
// the Problems panel (aria-label "N problems in file <name> of folder <folder>").
const AUDITED_PROBLEMS = [
  { rule: 'rbac-cluster-admin-binding', line: 52, col: 9, file: /in file api\.yaml of folder deploy$/ },
  { rule: 'container-socket-mounted', line: 13, col: 9, file: /in file compose\.yaml / },
  { rule: 'image-digest-missing', line: 8, col: 6, file: /in file Dockerfile of folder web$/ },
];
// The FROM image of examples/api/Dockerfile (both stages), as the report's image inventory lists it.
const FROM_IMAGE = { name: 'python:3.7-slim', uses: ['api/Dockerfile:2', 'api/Dockerfile:9'] };
// The inventory link the test clicks, and where the editor must then be.
const LINK = { path: 'deploy/api.yaml', line: 23, tab: 'api.yaml', status: 'Ln 23, Col 18', text: 'image: registry.example.com/example/api' };
const ADD_LINE = 'ADD . /app';
const APT_LINE = 'RUN apt-get update && apt-get install -y openssh-server';

export async function uiLayer({ vsix, outDir = join(ROOT, 'test-output/e2e/ui') } = {}) {
  const t0 = Date.now();
  const log = (...a) => console.log(`[ui +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const workDir = join(outDir, 'code-server');
  const userDataDir = join(workDir, 'user-data');
  const extensionsDir = join(workDir, 'extensions');
  log(installVsix(resolve(vsix), { userDataDir, extensionsDir }).trim().split('\n').pop());
  const workspace = mkdtempSync(join(tmpdir(), 'bhe2e-ws-ui-'));
  const removeWorkspace = tempDirCleanup(workspace);
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });

  const result = { passed: 0, failed: 0, retries: [], screenshots: [], ms: 0 };
  const consoleLines = [];
  let cs;
  let chromium;
  let page;
  const shot = async (name) => {
    const path = join(outDir, `${name}.png`);
    await page.screenshot({ path });
    result.screenshots.push(path);
    log(`screenshot ${path}`);
  };
  const retry = (what, attempt, error) => {
    const message = `${what}: attempt ${attempt} failed (${error.message.split('\n')[0]}), retrying`;
    result.retries.push(message);
    log(`RETRY ${message}`);
  };
  const check = (name, ok, detail = '') => {
    log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
    if (ok) result.passed++;
    else {
      result.failed++;
      throw new Error(`check failed: ${name}${detail ? `: ${detail}` : ''}`);
    }
  };

  try {
    // The default dark theme (workbench.preferredDarkColorTheme), as a user whose system is dark gets it.
    cs = await startCodeServer({ workDir, userDataDir, extensionsDir, settings: { 'window.autoDetectColorScheme': true } });
    log(`code-server on ${cs.url} (pid ${cs.pid}) in ${cs.startupMs} ms`);
    chromium = await launchChromium();
    page = await (await chromium.browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' })).newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    const editorLines = page.locator('.editor-instance .view-lines');

    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    log('workbench visible');

    // Explorer: expand api/, click its Dockerfile (the only Dockerfile row while web/ is collapsed).
    const explorerRow = (name) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
    await explorerRow('api').click();
    await explorerRow('Dockerfile').click();
    await editorLines.filter({ hasText: ADD_LINE }).waitFor();
    log('api/Dockerfile open in the editor');

    // Squiggles: warning squiggles under ADD on line 13 and under "app" on line 12.
    const addSquiggle = { text: ADD_LINE, kind: 'squiggly-warning' };
    check('a warning squiggle is drawn on line 13, ADD (add-instead-of-copy)', await holds(page.waitForFunction(squigglesOnLine, addSquiggle)));
    const addSquiggles = await page.evaluate(squigglesOnLine, addSquiggle);
    check('a warning squiggle is drawn on line 12, WORKDIR app (workdir-relative)', await holds(page.waitForFunction(squigglesOnLine, { text: 'WORKDIR app', kind: 'squiggly-warning' })));

    // Problems panel (Ctrl+Shift+M). It renders only the rows that fit, so each rule is looked up
    // through the panel's filter box, as a user would with many findings.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'bulkhead' }).first().waitFor();
    await shot('diagnostics'); // squiggles in the editor and the Problems panel below
    const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    writeFileSync(join(outDir, 'problems.txt'), `${rows.join('\n')}\n`);
    for (const p of EXPECTED_PROBLEMS) {
      const failure = await outcome(problemRow(page, p.rule, `[Ln ${p.line}, Col ${p.col}]`));
      check(`Problems panel lists ${p.rule} at [Ln ${p.line}, Col ${p.col}]`, failure === '', failure);
    }

    // Quick fix from the lightbulb: cursor on the ADD line, click the lightbulb, pick the fix.
    await placeCursor(page, ADD_LINE, 13);
    // The lightbulb is drawn in the gutter when the line has room (else as a content widget).
    const lightbulb = page
      .locator('.editor-instance :is(.glyph-margin-widgets [class*="codicon-gutter-lightbulb"], .lightBulbWidget .codicon)')
      .locator('visible=true')
      .first();
    const replaceFix = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace ADD with COPY' }).first();
    await lightbulb.waitFor();
    // The widget can be visible for a frame before it is laid out (top 0), so its place is polled.
    const addLine = editorLines.locator('.view-line').filter({ hasText: ADD_LINE });
    let bulbTop, lineTop;
    for (const deadline = Date.now() + 5_000; ; await page.waitForTimeout(100)) {
      bulbTop = await lightbulb.evaluate((e) => e.getBoundingClientRect().top);
      lineTop = await addLine.evaluate((e) => e.getBoundingClientRect().top);
      if (Math.abs(bulbTop - lineTop) < 4 || Date.now() > deadline) break;
    }
    check('the lightbulb shows on line 13', Math.abs(bulbTop - lineTop) < 4, `lightbulb top ${bulbTop}px, line top ${lineTop}px`);
    await withRetry('lightbulb menu', retry, async () => {
      await lightbulb.click();
      await waitForMenuItem(page, replaceFix, 'Replace ADD with COPY');
    }, async () => {
      await page.keyboard.press('Escape');
      await placeCursor(page, ADD_LINE, 13);
    });
    const menu = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
    check('the lightbulb menu offers the add-instead-of-copy fix and actions', /Replace ADD with COPY \| .*Ignore add-instead-of-copy here.* \| .*Show documentation for add-instead-of-copy/.test(menu), menu);
    await shot('quickfix-menu');
    await replaceFix.click();
    await editorLines.filter({ hasText: 'COPY . /app' }).waitFor();
    check('"Replace ADD with COPY" edited line 13', (await lineTexts(page)).includes('COPY . /app') && !(await lineTexts(page)).includes(ADD_LINE));
    // Fresh diagnostics for the edited text (the Problems panel drops the row), and no squiggle on
    // line 13 any more. Code actions need them: they are matched to the current lint result.
    const dropped = await outcome(noProblemRow(page, 'add-instead-of-copy'));
    check('the Problems panel dropped add-instead-of-copy', dropped === '', dropped);
    const left = await page.evaluate(squigglesOnLine, { text: 'COPY . /app', kind: 'squiggly-warning' });
    check('the add-instead-of-copy squiggle on line 13 is gone', left === addSquiggles - 1, `${addSquiggles} warning squiggles before, ${left} after`);

    // Quick fix from the keyboard: Ctrl+. on the apt-get line, "Add --no-install-recommends".
    await placeCursor(page, APT_LINE, 15);
    const aptFix = page.locator('.action-widget .monaco-list-row', { hasText: 'Add --no-install-recommends' }).first();
    await withRetry('Ctrl+. quick-fix menu', retry, async () => {
      await page.keyboard.press('Control+.');
      await waitForMenuItem(page, aptFix, 'Add --no-install-recommends');
    }, async () => {
      await page.keyboard.press('Escape');
      await placeCursor(page, APT_LINE, 15);
    });
    await aptFix.click();
    const fixedApt = 'RUN apt-get update && apt-get install --no-install-recommends -y openssh-server';
    await editorLines.filter({ hasText: fixedApt }).waitFor();
    check('"Add --no-install-recommends" edited line 15', (await lineTexts(page)).includes(fixedApt));
    const droppedApt = await outcome(noProblemRow(page, 'apt-install-recommends'));
    check('the Problems panel dropped apt-install-recommends', droppedApt === '', droppedApt);
    const kept = await outcome(problemRow(page, 'workdir-relative', '[Ln 12, Col 9]'));
    check('the Problems panel still lists workdir-relative at [Ln 12, Col 9]', kept === '', kept);
    await setProblemsFilter(page, '');

    // Nothing the extension did raised an error notification (error toasts stay until dismissed).
    const errorToasts = await page.locator('.notifications-toasts .notification-list-item').filter({ has: page.locator('.codicon-error') }).allInnerTexts();
    const ours = errorToasts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => /bulkhead/i.test(t));
    check('no error notification from the extension', ours.length === 0, ours.join(' | '));
    await shot('after-fixes');

    // F1 -> "Bulkhead: Audit Workspace" -> Enter. The progress toast can come and go between two
    // Playwright polls, so a MutationObserver records every text a toast shows.
    await page.evaluate(() => {
      window.bulkheadToasts = [];
      window.bulkheadToastObserver = new MutationObserver(() => {
        for (const m of document.querySelectorAll('.notifications-toasts .notification-list-item-message')) {
          if (!window.bulkheadToasts.includes(m.textContent)) window.bulkheadToasts.push(m.textContent);
        }
      });
      window.bulkheadToastObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const palette = page.locator('.quick-input-widget');
    const paletteInput = palette.locator('input');
    await withRetry('command palette', retry, async () => {
      await page.keyboard.press('F1');
      await paletteInput.waitFor();
      await page.keyboard.type('Bulkhead: Audit Workspace');
      const typed = await paletteInput.inputValue();
      if (typed !== '>Bulkhead: Audit Workspace') throw new Error(`the palette input reads ${JSON.stringify(typed)}`);
      await palette.locator('.monaco-list-row.focused', { hasText: 'Bulkhead: Audit Workspace' }).waitFor({ timeout: 15_000 });
    }, async () => {
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'hidden' });
    });
    await shot('palette');
    await page.keyboard.press('Enter');
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await report.locator('#totals').waitFor();
    const toasts = await page.evaluate(() => {
      window.bulkheadToastObserver.disconnect();
      return window.bulkheadToasts;
    });
    const expected = cliSummary(workspace);
    const progress = new RegExp(`^Bulkhead: Auditing \\d+ of ${expected.files} files$`);
    check(`a progress notification read "Bulkhead: Auditing N of ${expected.files} files"`, toasts.some((t) => progress.test(t)), `toasts: ${JSON.stringify(toasts)}`);
    log('the audit finished (its report is open)');

    // The Problems panel now also lists the findings of files that were never opened.
    for (const p of AUDITED_PROBLEMS) {
      const failure = await outcome(problemRow(page, p.rule, `[Ln ${p.line}, Col ${p.col}]`, p.file));
      check(`Problems panel lists ${p.rule} at [Ln ${p.line}, Col ${p.col}] under a file row matching ${p.file} (never opened)`, failure === '', failure);
    }
    await setProblemsFilter(page, 'privileged-container');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'privileged-container' }).first().waitFor();
    await shot('audit-problems');
    await setProblemsFilter(page, '');

    // The report, with the panel hidden so that it gets the whole editor area.
    await page.locator('.part.panel .action-label[aria-label^="Hide Panel"]').click();
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    const theme = await report.locator('body').getAttribute('class');
    check('the report is shown in the dark theme', theme === 'vscode-dark', theme);
    const cards = Object.fromEntries((await report.locator('#totals .card').allInnerTexts()).map((text) => {
      const [n, label] = text.trim().split(/\s+/);
      return [label, Number(n)];
    }));
    check('the report totals are those of the CLI on the same folder', JSON.stringify(cards) === JSON.stringify(expected), `report ${JSON.stringify(cards)}, CLI ${JSON.stringify(expected)}`);
    const fromImage = report.locator('#images tbody tr').filter({ has: report.locator('td:first-child code').getByText(FROM_IMAGE.name, { exact: true }) });
    const uses = (await fromImage.locator('a.loc').allInnerTexts()).map((t) => t.trim());
    check(`the image inventory lists ${FROM_IMAGE.name}, used in ${FROM_IMAGE.uses.join(' and ')}`, JSON.stringify(uses) === JSON.stringify(FROM_IMAGE.uses), JSON.stringify(uses));
    const layout = await report.locator('html').evaluate(reportLayout);
    check('the report fits its width (no horizontal overflow)', layout.overflow.length === 0, layout.overflow.join('; '));
    check('every text of the report has a contrast of at least 4.5:1', layout.lowContrast.length === 0, layout.lowContrast.slice(0, 5).join('; '));
    await shot('report');
    for (const [heading, name] of [['images-h', 'report-images'], ['findings-h', 'report-findings']]) {
      await report.locator(`#${heading}`).evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot(name);
    }

    // A location link opens its file at its line.
    await report.locator(`#images a.loc[data-path="${LINK.path}"][data-line="${LINK.line}"]`).click();
    await page.locator('.tabs-container .tab.active', { hasText: LINK.tab }).waitFor();
    await page.locator('.statusbar', { hasText: LINK.status }).waitFor();
    const shown = await editorLines.locator('.view-line').filter({ hasText: LINK.text }).count();
    check(`the link ${LINK.path}:${LINK.line} opened ${LINK.tab} at ${LINK.status}`, shown === 1, `${shown} editor lines read ${JSON.stringify(LINK.text)}`);
    await shot('report-link-opened');
  } catch (error) {
    if (!/^check failed/.test(error.message)) {
      result.failed++;
      log(`ERROR ${error.message.split('\n')[0]}`);
    }
    if (page) await shot('error').catch(() => {});
  } finally {
    writeFileSync(join(outDir, 'browser-console.log'), `${consoleLines.join('\n')}\n`);
    await chromium?.stop();
    await cs?.stop();
    removeWorkspace();
  }
  result.ms = Date.now() - t0;
  log(`${result.passed} passed, ${result.failed} failed, ${result.retries.length} retries; logs in ${outDir}`);
  return result;
}

/**
 * In the page: how many squiggles of `kind` (class, e.g. squiggly-warning) are drawn on the editor
 * line whose text is `text` (0 if no line has that text)? The line's text (view-lines) and its decorations
 * (view-overlays) are separate layers, matched by their `top`.
 */
function squigglesOnLine({ text, kind }) {
  const editor = document.querySelector('.editor-instance .monaco-editor');
  const line = editor && [...editor.querySelectorAll('.view-lines .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ') === text);
  if (!line) return 0;
  const overlay = [...editor.querySelectorAll('.view-overlays > div')].find((o) => o.style.top === line.style.top);
  return overlay ? overlay.querySelectorAll(`.${kind}`).length : 0;
}

/** Whether a Playwright wait succeeded (false on timeout), for checks that report instead of throw. */
const holds = (wait) => wait.then(() => true, () => false);

/** '' when the wait succeeded, else its error's first line (for a check's detail). */
const outcome = (wait) => wait.then(() => '', (e) => e.message.split('\n')[0]);

const problemsFilter = (page) => page.locator('.part.panel input[aria-label="Filter Problems"]');

/**
 * Filters the Problems panel by a rule id and waits for the row of that rule at `position`
 * ("[Ln L, Col C]"). A row reads: <message> bulkhead(<rule id>) [Ln L, Col C]. With `file` (a
 * RegExp), it also waits for a file row whose aria-label matches it.
 */
async function problemRow(page, rule, position, file) {
  await setProblemsFilter(page, rule);
  const escaped = position.replace(/[[\]]/g, '\\$&');
  const rows = page.locator('.markers-panel .monaco-list-row');
  try {
    await rows.filter({ hasText: new RegExp(`bulkhead\\W*${rule}\\W*${escaped}`) }).first().waitFor();
    if (file) await page.waitForFunction((source) => [...document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="1"]')].some((r) => new RegExp(source).test(r.getAttribute('aria-label'))), file.source);
  } catch (error) {
    throw new Error(`${error.message.split('\n')[0]}; ${await problemsState(page)}`);
  }
}

/**
 * Sets the Problems panel filter; with '' waits until the panel shows every row again. Not typed:
 * Playwright's fill() focuses the box and then types into whatever has the focus, and the workbench
 * moves the focus now and then in between (the text was lost 5 times in 12 loaded runs). The box's
 * own input event applies the filter as typing does.
 */
async function setProblemsFilter(page, text) {
  await problemsFilter(page).evaluate((input, value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  if (text === '') await page.locator('.part.panel .viewpane-filter-badge', { hasText: 'Showing' }).waitFor({ state: 'hidden' });
}

/** The report's totals as the CLI counts them in the same folder (same engine, files read from disk). */
function cliSummary(folder) {
  const markdown = execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), folder, '--format', 'markdown', '--fail-on', 'never'], { encoding: 'utf8' });
  const m = /\*\*(\d+) errors, (\d+) warnings, (\d+) info\*\* in (\d+) files \((\d+) suppressed\); (\d+) images referenced\./.exec(markdown);
  if (!m) throw new Error(`no summary line in the CLI's Markdown report: ${markdown.slice(0, 300)}`);
  const [errors, warnings, info, files, suppressed, images] = m.slice(1).map(Number);
  return { errors, warnings, info, suppressed, files, images };
}

/**
 * In the report's frame: what is wider than the page (horizontal overflow), and the texts whose
 * contrast with their background is under 4.5:1 (WCAG AA), colours composited as drawn.
 */
export function reportLayout(root) {
  const overflow = [...root.querySelectorAll('body, section, table')]
    .filter((e) => e.scrollWidth > root.clientWidth)
    .map((e) => `${e.tagName.toLowerCase()}#${e.id}: ${e.scrollWidth}px in ${root.clientWidth}px`);
  const rgba = (css) => {
    const [r, g, b, a = 1] = (css.match(/[\d.]+/g) ?? [0, 0, 0, 0]).map(Number); // rgb(r, g, b) or rgba(r, g, b, a)
    return [r, g, b, a];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
  const background = (e) => {
    const layers = [];
    for (let n = e; n; n = n.parentElement) layers.unshift(rgba(getComputedStyle(n).backgroundColor));
    return layers.reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (c) => c.slice(0, 3)
    .map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const lowContrast = [];
  for (const e of root.querySelectorAll('body *')) {
    const ownText = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText || e.getClientRects().length === 0) continue;
    const bg = background(e);
    const [hi, lo] = [luminance(over(rgba(getComputedStyle(e).color), bg)), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) lowContrast.push(`<${e.tagName.toLowerCase()} class="${e.className}"> "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return { overflow, lowContrast };
}

/** Filters the Problems panel by a rule id and waits until it shows no row for it. */
async function noProblemRow(page, rule) {
  await setProblemsFilter(page, rule);
  await page.locator('.markers-panel', { hasText: 'No results found with provided filter criteria' }).waitFor().catch(async (error) => {
    throw new Error(`${error.message.split('\n')[0]}; ${await problemsState(page)}`);
  });
}

/** What the Problems panel shows, for failure messages: filter text, its badge, the rows. */
async function problemsState(page) {
  const filter = await problemsFilter(page).inputValue().catch(() => '?');
  const badge = await page.locator('.part.panel .viewpane-filter-badge').innerText().catch(() => '');
  const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  return `filter ${JSON.stringify(filter)}, badge ${JSON.stringify(badge)}, rows ${JSON.stringify(rows)}`;
}

async function lineTexts(page) {
  return page.locator('.editor-instance .view-lines .view-line').evaluateAll((lines) => lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')));
}

/** Clicks at the start of the editor line with this text and waits for the status bar to show it. */
async function placeCursor(page, text, lineNumber) {
  const line = page.locator('.editor-instance .view-lines .view-line').filter({ hasText: text }).first();
  await line.click({ position: { x: 2, y: 5 } });
  await page.locator('.statusbar', { hasText: `Ln ${lineNumber}, Col 1` }).waitFor();
}

/** Waits for a quick-fix menu entry; on timeout, says what the menu showed instead. */
async function waitForMenuItem(page, item, title) {
  try {
    await item.waitFor({ timeout: 15_000 });
  } catch {
    const shown = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
    throw new Error(`no "${title}" in the quick-fix menu within 15 s; menu entries: ${JSON.stringify(shown)}`);
  }
}

/** Runs `attempt` up to 3 times; `reset` runs before each retry. Each retry is reported. */
async function withRetry(what, report, attempt, reset) {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n === 3) throw new Error(`${what}: ${error.message.split('\n')[0]} (after ${n} attempts)`);
      report(what, n, error);
      await reset();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const result = await uiLayer({ vsix: process.argv[2] ?? join(ROOT, `bulkhead-${version}.vsix`) });
  process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
}
