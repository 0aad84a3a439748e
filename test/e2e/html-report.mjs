// The HTML report layer: the CLI's exported report (`--format html`) on examples/, opened as a
// file:// page in Debian's headless chromium (playwright-core, no code-server). Checks what a
// reader of the exported file sees: the totals (equal to the CLI's JSON on the same folder), the
// findings-by-rule and by-kind bar charts, the top files, the image inventory rows (registry,
// repository, tag, pinned or not, where used), the findings table with its locations and its filter
// (the report's own script, allowed by the CSP nonce), no horizontal overflow and a contrast of at
// least 4.5:1 in the light and the dark colour scheme; no console error, no page error and no CSP
// violation; at scale (an image used 12 times, deep paths) uses fold into "+N more" and paths wrap.
// Screenshots: test-output/e2e/report-html{,-images,-findings}{,-dark}.png, report-html-scale.png.
//   node test/e2e/html-report.mjs      (dist/ must be built: `npm run build`)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, tempDirCleanup } from './harness/codeserver.mjs';
import { ROOT } from './harness/tools.mjs';
import { reportLayout } from './ui.mjs';

const CLI = join(ROOT, 'dist/cli.js');
const TIMEOUT = 30_000; // per wait; the page is local and small

// The images of examples/, as the inventory lists them: the reference as written, the registry and
// repository it resolves to, the tag, pinned or not, and where it is used. Not-pinned first.
const IMAGES = [
  { name: 'python:3.7-slim', resolved: 'docker.io/library/python', tag: '3.7-slim', pinned: false, uses: ['examples/api/Dockerfile:2', 'examples/api/Dockerfile:9'] },
  { name: 'example/api:latest', resolved: 'docker.io/example/api', tag: 'latest', pinned: false, uses: ['examples/compose.yaml:5'] },
  { name: 'gcr.io/distroless/nodejs22-debian12:nonroot', resolved: 'gcr.io/distroless/nodejs22-debian12', tag: 'nonroot', pinned: false, uses: ['examples/web/Dockerfile:8'] },
  { name: 'node:22-bookworm-slim', resolved: 'docker.io/library/node', tag: '22-bookworm-slim', pinned: false, uses: ['examples/web/Dockerfile:2'] },
  { name: 'postgres:16', resolved: 'docker.io/library/postgres', tag: '16', pinned: false, uses: ['examples/compose.yaml:24'] },
  { name: 'registry.example.com/example/api', resolved: 'registry.example.com/example/api', tag: '—', pinned: false, uses: ['examples/deploy/api.yaml:23'] },
  { name: 'ghcr.io/example/web:1.4.2', resolved: 'ghcr.io/example/web', tag: '1.4.2', pinned: true, uses: ['examples/deploy/web.yaml:20'] },
];
// Findings whose rows (and location links) must be in the findings table, 1-based.
const FINDINGS = [
  { rule: 'add-instead-of-copy', location: 'examples/api/Dockerfile:13:1' },
  { rule: 'rbac-cluster-admin-binding', location: 'examples/deploy/api.yaml:52:9' },
  { rule: 'container-socket-mounted', location: 'examples/compose.yaml:13:9' },
];

export async function htmlReportLayer({ outDir = join(ROOT, 'test-output/e2e') } = {}) {
  const t0 = Date.now();
  const log = (...a) => console.log(`[html-report +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  mkdirSync(outDir, { recursive: true });
  const result = { passed: 0, failed: 0, screenshots: [], ms: 0 };
  const check = (name, ok, detail = '') => {
    log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail && !ok ? ` (${detail})` : ''}`);
    if (ok) result.passed++;
    else result.failed++;
  };

  const tmp = mkdtempSync(join(tmpdir(), 'bhe2e-html-'));
  const removeTmp = tempDirCleanup(tmp);
  const reportFile = join(tmp, 'report.html');
  let chromium;
  const problems = []; // console errors, page errors, CSP violations
  try {
    execFileSync(process.execPath, [CLI, 'examples', '--format', 'html', '--output', reportFile, '--fail-on', 'never'], { cwd: ROOT, encoding: 'utf8' });
    const json = JSON.parse(execFileSync(process.execPath, [CLI, 'examples', '--format', 'json', '--fail-on', 'never'], { cwd: ROOT, encoding: 'utf8' }));
    const expected = expectedFromJson(json);
    log(`CLI wrote ${reportFile} (${readFileSync(reportFile).length} bytes)`);

    chromium = await launchChromium();
    for (const colorScheme of ['light', 'dark']) {
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      // Recorded from the first script on: a violation is also a console error, but only this says which directive.
      await context.addInitScript(() => {
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
      });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`[${colorScheme}] console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`[${colorScheme}] pageerror: ${e.message}`));
      await page.goto(pathToFileURL(reportFile).href);
      await page.locator('#findings tbody tr').first().waitFor();

      if (colorScheme === 'light') await checkContent(page, expected, check);
      const layout = await page.locator('html').evaluate(reportLayout);
      check(`${colorScheme}: the report fits 1280 px (no horizontal overflow)`, layout.overflow.length === 0, layout.overflow.join('; '));
      check(`${colorScheme}: every text has a contrast of at least 4.5:1`, layout.lowContrast.length === 0, layout.lowContrast.slice(0, 5).join('; '));
      const violations = await page.evaluate(() => window.cspViolations);
      check(`${colorScheme}: no Content-Security-Policy violation`, violations.length === 0, violations.join('; '));

      // Viewport-sized shots (a full-page one is 6000 px tall, unreadable once scaled down): the
      // top (totals, chart), then the image inventory and top files, then the findings table.
      const suffix = colorScheme === 'light' ? '' : '-dark';
      for (const [section, name] of [[null, 'report-html'], ['images-h', 'report-html-images'], ['findings-h', 'report-html-findings']]) {
        if (section) await page.locator(`#${section}`).evaluate((e) => e.scrollIntoView({ block: 'start' }));
        else await page.evaluate(() => window.scrollTo(0, 0)); // the filter test scrolled down
        const path = join(outDir, `${name}${suffix}.png`);
        await page.screenshot({ path });
        result.screenshots.push(path);
        log(`screenshot ${path}`);
      }
      await context.close();
    }
    await checkScale(chromium.browser, tmp, check, problems, outDir, result);
    check('no console error or warning and no page error', problems.length === 0, problems.slice(0, 5).join(' | '));
  } catch (error) {
    result.failed++;
    log(`ERROR ${error.message.split('\n')[0]}`);
  } finally {
    writeFileSync(join(outDir, 'report-html-console.log'), `${problems.join('\n')}\n`);
    await chromium?.stop();
    removeTmp();
  }
  result.ms = Date.now() - t0;
  log(`${result.passed} passed, ${result.failed} failed`);
  return result;
}

/** The report's figures, computed independently from the CLI's JSON output on the same folder. */
function expectedFromJson(json) {
  const totals = { errors: json.summary.error, warnings: json.summary.warning, info: json.summary.info, suppressed: json.summary.suppressed, files: json.summary.files, images: IMAGES.length };
  const live = (f) => f.findings.filter((x) => !x.suppressed);
  const rules = new Map();
  const kinds = new Map();
  for (const file of json.files) {
    const k = kinds.get(file.kind) ?? { findings: 0, files: 0 };
    k.files++;
    k.findings += live(file).length;
    kinds.set(file.kind, k);
    for (const x of live(file)) rules.set(x.ruleId, (rules.get(x.ruleId) ?? 0) + 1);
  }
  const topFiles = json.files
    .map((f) => ({ path: f.path, error: live(f).filter((x) => x.severity === 'error').length, warning: live(f).filter((x) => x.severity === 'warning').length, info: live(f).filter((x) => x.severity === 'info').length }))
    .filter((f) => f.error + f.warning + f.info > 0)
    .sort((a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info || a.path.localeCompare(b.path))
    .map((f) => `${f.path} ${f.error}/${f.warning}/${f.info}`);
  const LABEL = { dockerfile: 'Dockerfile', compose: 'Compose', k8s: 'Kubernetes' };
  return {
    totals,
    rules: [...rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, n]) => `${rule} ${n}`),
    kinds: [...kinds].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0])).map(([kind, k]) => `${LABEL[kind] ?? kind} ${k.findings} ${k.files}`),
    topFiles: topFiles.slice(0, 10),
    findings: json.files.reduce((n, f) => n + live(f).length, 0),
  };
}

async function checkContent(page, expected, check) {
  const title = await page.title();
  check('the page title is "Bulkhead audit report"', title === 'Bulkhead audit report', title);

  // Totals: six cards "N label".
  const cards = Object.fromEntries((await page.locator('#totals .card').allInnerTexts()).map((text) => {
    const [n, label] = text.trim().split(/\s+/);
    return [label, Number(n)];
  }));
  check('the totals are those of the CLI\'s JSON on the same folder', JSON.stringify(cards) === JSON.stringify(expected.totals), `report ${JSON.stringify(cards)}, expected ${JSON.stringify(expected.totals)}`);

  // Findings by rule: one bar per rule, as long as its count relative to the largest one.
  const byRule = await page.locator('#by-rule tbody tr').evaluateAll((rows) => rows.map((r) => ({
    text: `${r.querySelector('th').textContent.trim()} ${r.querySelector('.count').textContent.trim()}`,
    bar: r.querySelector('svg.bar').getBoundingClientRect().width,
    rect: r.querySelector('svg.bar rect').getBoundingClientRect().width,
  })));
  check('the findings-by-rule chart has one row per rule, with the counts of the CLI', JSON.stringify(byRule.map((r) => r.text)) === JSON.stringify(expected.rules), `${JSON.stringify(byRule.map((r) => r.text))} vs ${JSON.stringify(expected.rules)}`);
  const top = byRule[0];
  const maxCount = Number(expected.rules[0].split(' ')[1]);
  const badBars = byRule.filter((r) => {
    const share = Number(r.text.split(' ')[1]) / maxCount;
    return !(r.bar > 50) || Math.abs(r.rect / r.bar - share) > 0.02;
  });
  check('each bar is drawn, as long as its count relative to the largest', top && top.rect > 50 && badBars.length === 0, JSON.stringify(badBars.slice(0, 3)));
  const byKind = (await page.locator('#by-kind tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim()).join(' '))));
  check('the findings-by-kind chart lists each file kind with its findings and files', JSON.stringify(byKind) === JSON.stringify(expected.kinds), `${JSON.stringify(byKind)} vs ${JSON.stringify(expected.kinds)}`);

  // Top files: path, errors/warnings/info, worst first.
  const topFiles = await page.locator('#top-files tbody tr').evaluateAll((rows) => rows.map((r) => {
    const c = [...r.querySelectorAll('td')].map((td) => td.textContent.trim());
    return `${c[0]} ${c[2]}/${c[3]}/${c[4]}`;
  }));
  check('the top files are the CLI\'s files with findings, worst first', JSON.stringify(topFiles) === JSON.stringify(expected.topFiles), `${JSON.stringify(topFiles)} vs ${JSON.stringify(expected.topFiles)}`);

  // Image inventory: one row per image of examples/.
  const images = await page.locator('#images tbody tr').evaluateAll((rows) => rows.map((r) => {
    const c = r.querySelectorAll('td');
    return {
      name: c[0].querySelector('code').textContent,
      resolved: c[0].querySelector('div.muted').textContent,
      tag: c[1].textContent,
      pinned: c[2].querySelector('.ok')?.textContent === 'pinned' ? true : c[2].querySelector('.bad')?.textContent === 'not pinned' ? false : null,
      uses: [...c[4].querySelectorAll('a.loc')].map((a) => a.textContent),
    };
  }));
  check('the image inventory lists each image of examples/: reference, registry/repository, tag, pinned or not, uses', JSON.stringify(images) === JSON.stringify(IMAGES), JSON.stringify(images));
  const digest = await page.locator('#images tbody tr', { hasText: 'ghcr.io/example/web' }).locator('code[title^="sha256:"]').getAttribute('title');
  check('the pinned image shows its digest', digest === 'sha256:0f3c4d8e5b1a2c7d9e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', digest);

  // Findings table: every finding, with its location as a vscode://file link.
  const rows = page.locator('#findings tbody tr');
  const count = await rows.count();
  check(`the findings table has one row per finding (${expected.findings})`, count === expected.findings, `${count} rows`);
  for (const f of FINDINGS) {
    const link = rows.filter({ hasText: f.rule }).locator('a.loc', { hasText: new RegExp(`^${f.location}$`) });
    const n = await link.count();
    const href = n === 1 ? await link.getAttribute('href') : '';
    const [path, line, column] = f.location.split(':');
    const want = `vscode://file/${encodeURI(`${ROOT}/${path}`)}:${line}:${column}`;
    check(`the findings table has ${f.rule} at ${f.location}, linked to ${want}`, n === 1 && href === want, `${n} links, href ${href}`);
  }

  // The filter (the page's own script, allowed only through the CSP nonce) hides the other rows.
  await page.locator('#filter').fill('rbac-cluster-admin-binding');
  const shown = await rows.locator('visible=true').allInnerTexts();
  check('typing in the filter leaves only the matching finding', shown.length === 1 && shown[0].includes('rbac-cluster-admin-binding'), `${shown.length} rows shown`);
  await page.locator('#filter').fill('');
  const all = await rows.locator('visible=true').count();
  check('clearing the filter shows every finding again', all === expected.findings, `${all} rows shown`);
}

// At corpus scale one image is used hundreds of times and paths are deep: the row lists the first
// uses and folds the rest into "+N more" (a summary the keyboard reaches), and paths wrap.
const SCALE_USES = 12;
const DEEP_DIR = 'platform/kubeflow__manifests/applications/pipeline/upstream/third-party/argo/base/installs/multi-user/cluster-scoped-resources';

async function checkScale(browser, tmp, check, problems, outDir, result) {
  const workspace = join(tmp, 'scale');
  for (let n = 1; n <= SCALE_USES; n++) {
    mkdirSync(join(workspace, DEEP_DIR, `app-${n}`), { recursive: true });
    // A long tag without a break opportunity (a corpus image is tagged with a 64-hex digest) must wrap too.
    const tagged = n === 1 ? `    - name: tgi\n      image: us-docker.pkg.dev/release/tgi:c530b10099eeedad9d384ffc7419f355d93289b2e615143256186406ee04e275\n` : '';
    writeFileSync(join(workspace, DEEP_DIR, `app-${n}`, 'workflow-controller-deployment.yaml'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app-${n}\nspec:\n  containers:\n    - name: pause\n      image: registry.k8s.io/pause:3.9\n${tagged}`);
  }
  const reportFile = join(tmp, 'scale.html');
  execFileSync(process.execPath, [CLI, '.', '--format', 'html', '--output', reportFile, '--fail-on', 'never'], { cwd: workspace, encoding: 'utf8' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`[scale] console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`[scale] pageerror: ${e.message}`));
  await page.goto(pathToFileURL(reportFile).href);
  const row = page.locator('#images tbody tr', { hasText: 'registry.k8s.io/pause' });
  const layout = await page.locator('html').evaluate(reportLayout);
  check(`deep paths and a long tag: the report fits 1280 px (no horizontal overflow)`, layout.overflow.length === 0, layout.overflow.join('; '));
  const visible = await row.locator('a.loc:visible').count();
  const summary = (await row.locator('summary').innerText()).trim();
  const height = (await row.boundingBox())?.height ?? Infinity;
  check(`an image used ${SCALE_USES} times lists 5 uses and "+${SCALE_USES - 5} more", in a row under 600 px`, visible === 5 && summary === `+${SCALE_USES - 5} more` && height < 600, `${visible} links, summary "${summary}", ${height} px`);
  await page.locator('#images-h').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  const path = join(outDir, 'report-html-scale.png');
  await page.screenshot({ path });
  result.screenshots.push(path);
  await row.locator('summary').focus();
  await page.keyboard.press('Enter');
  const expanded = await row.locator('a.loc:visible').count();
  check(`Enter on the focused "+${SCALE_USES - 5} more" shows all ${SCALE_USES} uses`, expanded === SCALE_USES, `${expanded} links`);
  await context.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await htmlReportLayer();
  process.exit(result.failed === 0 && result.passed > 0 ? 0 : 1);
}
