import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rule-tester';
import { applyLspEdits, LspClient, type Diagnostic } from './lsp-client';

const HELM = join(ROOT, 'test/fixtures/helm');
const KUSTOMIZE = join(ROOT, 'test/fixtures/kustomize');
const uri = (path: string): string => pathToFileURL(path).href;
const TEMPLATE = join(HELM, 'web/templates/deployment.yaml');
const VALUES = join(HELM, 'web/values.yaml');

/** `code line:character` with 0-based positions, as LSP sends them. */
const brief = (items: readonly Diagnostic[]): string[] => items.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

const VALUES_FINDINGS = [
  'container-runs-as-root 16:0-16:18',
  'seccomp-profile-missing 16:0-16:18',
  'capabilities-not-dropped 18:0-18:15',
  'privilege-escalation-allowed 18:0-18:15',
  'root-filesystem-writable 18:0-18:15',
  'cpu-limit-missing 30:0-30:9',
  'cpu-request-missing 30:0-30:9',
  'memory-limit-missing 30:0-30:9',
  'memory-request-missing 30:0-30:9',
];

describe('language server: Helm charts and Kustomize overlays', function () {
  this.timeout(30000);
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    await client.initialize(uri(ROOT));
  });
  afterEach(() => client.stop());

  /** The last diagnostics pushed for a uri (waiting for one to arrive). */
  async function pushed(target: string, count = 1): Promise<Diagnostic[]> {
    const all = (): { uri: string; diagnostics: Diagnostic[] }[] =>
      client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => n.params as { uri: string; diagnostics: Diagnostic[] }).filter((p) => p.uri === target);
    await waitFor(() => all().length >= count);
    return all()[all().length - 1]!.diagnostics;
  }

  it('opening a template analyses the chart: findings on the template, and pushed for values.yaml; editing values.yaml removes them', async () => {
    await client.open(uri(TEMPLATE), 'yaml', readFileSync(TEMPLATE, 'utf8'));
    const template = await client.diagnostics(uri(TEMPLATE));
    assert.deepEqual(brief(template.items), ['base-image-eol 29:17-29:101', 'image-digest-missing 29:17-29:101']);
    assert.deepEqual(brief(await pushed(uri(VALUES))), VALUES_FINDINGS);

    // Opened, values.yaml gets the same findings by pull (the pushed ones are cleared).
    const text = readFileSync(VALUES, 'utf8');
    await client.open(uri(VALUES), 'yaml', text);
    const values = await client.diagnostics(uri(VALUES));
    assert.deepEqual(brief(values.items), VALUES_FINDINGS);
    assert.deepEqual(await pushed(uri(VALUES), 2), []);
    const first = values.items[0]!;
    assert.equal(first.message, 'Container "web" may run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser.');
    assert.deepEqual((first as Diagnostic & { relatedInformation: unknown[] }).relatedInformation, [
      { location: { uri: uri(TEMPLATE), range: { start: { line: 26, character: 16 }, end: { line: 26, character: 33 } } }, message: 'Rendered into deployment.yaml here' },
    ]);

    // The quick-fix edits values.yaml.
    const writable = values.items.find((d) => d.code === 'root-filesystem-writable')!;
    const actions = await client.codeActions(uri(VALUES), [writable]);
    const fix = actions.find((a) => a.title.startsWith('Set readOnlyRootFilesystem'))!;
    assert.deepEqual(Object.keys(fix.edit!.changes), [uri(VALUES)]);
    const fixed = applyLspEdits(text, fix.edit!.changes[uri(VALUES)]!);
    assert.equal(fixed, text.replace('\nsecurityContext: {}', '\nsecurityContext: {readOnlyRootFilesystem: true}'));

    const hardened = text
      .replace('podSecurityContext: {}', 'podSecurityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  seccompProfile:\n    type: RuntimeDefault')
      .replace('securityContext: {}', 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: [ALL]')
      .replace('resources: {}', 'resources:\n  limits: {cpu: 500m, memory: 256Mi}\n  requests: {cpu: 250m, memory: 128Mi}');
    await client.change(uri(VALUES), 2, hardened);
    assert.deepEqual((await client.diagnostics(uri(VALUES))).items, []);
    assert.deepEqual(brief((await client.diagnostics(uri(TEMPLATE))).items), ['base-image-eol 29:17-29:101', 'image-digest-missing 29:17-29:101']);
  });

  it('closing values.yaml while the template is open pushes its findings again; closing the template clears them', async () => {
    await client.open(uri(TEMPLATE), 'yaml', readFileSync(TEMPLATE, 'utf8'));
    await client.diagnostics(uri(TEMPLATE));
    await client.open(uri(VALUES), 'yaml', readFileSync(VALUES, 'utf8'));
    await client.diagnostics(uri(VALUES));
    assert.deepEqual(await pushed(uri(VALUES), 2), []);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(VALUES) } });
    assert.deepEqual(brief(await pushed(uri(VALUES), 3)), VALUES_FINDINGS);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(TEMPLATE) } });
    assert.deepEqual(await pushed(uri(VALUES), 4), []);
  });

  it('closing an edited values.yaml without saving pushes the findings of the text on disk, not of the dropped edit', async () => {
    await client.open(uri(TEMPLATE), 'yaml', readFileSync(TEMPLATE, 'utf8'));
    await client.diagnostics(uri(TEMPLATE));
    const text = readFileSync(VALUES, 'utf8');
    await client.open(uri(VALUES), 'yaml', text);
    assert.deepEqual(brief((await client.diagnostics(uri(VALUES))).items), VALUES_FINDINGS);
    assert.deepEqual(await pushed(uri(VALUES), 2), []);
    await client.change(uri(VALUES), 2, text.replace('resources: {}', 'resources:\n  limits: {cpu: 500m, memory: 256Mi}\n  requests: {cpu: 250m, memory: 128Mi}'));
    assert.deepEqual(brief((await client.diagnostics(uri(VALUES))).items), VALUES_FINDINGS.filter((f) => !f.includes(' 30:')));
    // The client reverts (or discards) the edit and closes the document: the file on disk counts again.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(VALUES) } });
    assert.deepEqual(brief(await pushed(uri(VALUES), 3)), VALUES_FINDINGS);
  });

  it('a change in values.yaml that moves findings into an open template asks the client to pull again', async () => {
    await client.open(uri(TEMPLATE), 'yaml', readFileSync(TEMPLATE, 'utf8'));
    const text = readFileSync(VALUES, 'utf8');
    await client.open(uri(VALUES), 'yaml', text);
    await client.diagnostics(uri(TEMPLATE));
    await client.diagnostics(uri(VALUES));
    const before = client.refreshes.length;
    await client.change(uri(VALUES), 2, text.replace('  tag: ""', '  tag: latest'));
    await client.diagnostics(uri(VALUES));
    await waitFor(() => client.refreshes.length > before);
    assert.deepEqual(brief((await client.diagnostics(uri(TEMPLATE))).items), ['image-digest-missing 29:17-29:101', 'image-tag-latest 29:17-29:101']);
  });

  it('the workspace audit reports each file of a chart, values.yaml included', async () => {
    const files: { path: string; kind: string; diagnostics: Diagnostic[] }[] = [];
    client.connection.onNotification('bulkhead/auditFiles', (b: { files: typeof files }) => void files.push(...b.files));
    const result = (await client.connection.sendRequest('bulkhead/audit', { auditId: 1, folders: [{ uri: uri(join(HELM, 'web')), exclude: [] }] })) as {
      files: number;
      cancelled: boolean;
      report: { images: { key: string; uses: { path: string; line: number; context: string }[] }[] };
    };
    assert.deepEqual(result.cancelled, false);
    assert.deepEqual(files.map((f) => [f.path, f.kind, f.diagnostics.length]).sort(), [
      ['templates/deployment.yaml', 'k8s', 2],
      ['templates/ingress.yaml', 'k8s', 0],
      ['templates/service.yaml', 'k8s', 0],
      ['templates/serviceaccount.yaml', 'k8s', 0],
      ['templates/tests/test-connection.yaml', 'k8s', 11],
      ['values.yaml', 'k8s', 9],
    ]);
    assert.deepEqual(brief(files.find((f) => f.path === 'values.yaml')!.diagnostics), VALUES_FINDINGS);
    assert.equal(result.files, 6);
    // The chart's images are in the inventory, at the template line that writes them.
    assert.deepEqual(result.report.images.map((i) => [i.key, i.uses.map((u) => `${u.path}:${u.line} ${u.context}`)]).sort(), [
      ['busybox:1.36', ['templates/tests/test-connection.yaml:10 Pod/{{ include "web.fullname" . }}-test-connection container wget']],
      ['nginx:1.27.3', ['templates/deployment.yaml:30 Deployment/{{ include "web.fullname" . }} container web']],
    ]);
  });

  it('a Kustomize patch that makes the base privileged is flagged at the patch line', async () => {
    const patch = join(KUSTOMIZE, 'overlays/privileged/privileged.yaml');
    await client.open(uri(patch), 'yaml', readFileSync(patch, 'utf8'));
    const report = await client.diagnostics(uri(patch));
    assert.deepEqual(brief(report.items), ['privilege-escalation-allowed 10:24-10:28', 'privileged-container 10:24-10:28']);
    const actions = await client.codeActions(uri(patch), [report.items[1]!]);
    assert.deepEqual(actions.find((a) => a.title === 'Set privileged: false')!.edit!.changes[uri(patch)], [{ range: { start: { line: 10, character: 24 }, end: { line: 10, character: 28 } }, newText: 'false' }]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
