import assert from 'node:assert/strict';
import { LspClient, type Diagnostic } from './lsp-client';

const BIG = 'file:///work/deploy/all.yaml';
const DOCKERFILE = 'file:///work/app/Dockerfile';
/** Documents of the big manifest; every 500th uses the `latest` tag. */
const DOCUMENTS = 5000;
const LATEST_EVERY = 500;

/** About 2.2 MB of Deployments, under the 5 MiB maxFileSize: seconds of analysis. */
function bigManifest(): { text: string; latestLines: number[] } {
  const parts: string[] = [];
  const latestLines: number[] = [];
  let line = 0;
  for (let i = 0; i < DOCUMENTS; i++) {
    const tag = i % LATEST_EVERY === 0 ? 'latest' : '1.27';
    if (tag === 'latest') latestLines.push(line + 15);
    parts.push(
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: shop\n  labels: {app: web-${i}, tier: frontend, team: storefront}\nspec:\n  replicas: 2\n` +
        `  selector: {matchLabels: {app: web-${i}}}\n  template:\n    metadata: {labels: {app: web-${i}}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:${tag}\n` +
        `        ports: [{containerPort: 8080, name: http}]\n        env:\n        - {name: MODE, value: production}\n        - {name: LOG_LEVEL, value: info}\n`,
    );
    line += 20;
  }
  return { text: parts.join(''), latestLines };
}

const SMALL = 'FROM ubuntu\nADD app.py /app/\n';
const LATEST = 'Image "nginx:latest" uses the mutable "latest" tag; pin a version tag or a digest.';
const focus = (items: Diagnostic[]) => items.filter((d) => d.code === 'image-tag-latest' || d.code === 'add-instead-of-copy');

/**
 * The language server analyses a big document in slices and answers other documents and
 * requests in between. Nothing here measures time: the small document's answers must come back
 * while the big one's is still outstanding, which a server that analyses in one go cannot do.
 */
describe('language server: a big document does not hold up the others', function () {
  this.timeout(120000);
  let client: LspClient;
  const { text, latestLines } = bigManifest();

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterEach(() => client.stop());

  it('answers a small Dockerfile and its code actions while a 2.2 MB manifest is analysed, then the manifest', async () => {
    assert.ok(text.length > 2_000_000 && text.length < 5 * 1024 * 1024, `${text.length} chars`);
    await client.open(BIG, 'yaml', text);
    let bigAnswered = false;
    const big = client.diagnostics(BIG).finally(() => (bigAnswered = true));
    // What the server will say about the first `latest`, to ask for its code actions right away.
    const at = text.indexOf('nginx:latest') + 'nginx:'.length;
    const range = { start: { line: latestLines[0]!, character: 21 }, end: { line: latestLines[0]!, character: 27 } };
    const firstLatest: Diagnostic = { range, severity: 2, code: 'image-tag-latest', source: 'bulkhead', message: LATEST, data: { ruleId: 'image-tag-latest', key: `image-tag-latest:latest:${at}:${at + 6}` } };
    const bigActions = client.codeActions(BIG, [firstLatest]);

    await client.open(DOCKERFILE, 'dockerfile', SMALL);
    const small = focus((await client.diagnostics(DOCKERFILE)).items);
    assert.deepEqual(small.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]), [
      ['image-tag-latest', 0, 5, 0, 11, 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.'],
      ['add-instead-of-copy', 1, 0, 1, 3, 'Use COPY instead of ADD for local files: ADD also extracts archives and fetches URLs, which hides what enters the image.'],
    ]);
    const actions = await client.codeActions(DOCKERFILE, [small[1]!]);
    assert.equal(actions[0]!.title, 'Replace ADD with COPY');
    assert.equal(bigAnswered, false, 'the Dockerfile was answered while the manifest was still being analysed');

    // An edit nobody has asked diagnostics for yet: the analysis goes on, but edits computed on
    // the old text would not fit the new one, so its code actions are none.
    const edited = text.replace('replicas: 2', 'replicas: 3');
    await client.change(BIG, 2, edited);
    assert.deepEqual(await bigActions, []);
    const tagged = (await big).items.filter((d) => d.code === 'image-tag-latest');
    assert.deepEqual(tagged.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]), latestLines.map((l) => [l, 21, 27]));
    assert.deepEqual(tagged[0], { ...firstLatest, codeDescription: tagged[0]!.codeDescription });

    // The new version (analysed incrementally) has the same findings, and code actions again.
    const again = (await client.diagnostics(BIG)).items.filter((d) => d.code === 'image-tag-latest');
    assert.deepEqual(again, tagged);
    assert.ok((await client.codeActions(BIG, [again[0]!])).some((a) => a.title === 'Ignore image-tag-latest here (add a suppression comment)'));
    assert.equal(client.stderr, '');
  });

  it('a newer version supersedes the analysis in progress: the old request is cancelled for a retrigger, the new one answered', async () => {
    await client.open(BIG, 'yaml', text);
    const stale = client.diagnostics(BIG).then(
      () => 'answered',
      (error: { code: number; data: unknown }) => ({ code: error.code, data: error.data }),
    );
    // Once the Dockerfile is answered, the manifest's analysis has started (requests are taken in order).
    await client.open(DOCKERFILE, 'dockerfile', SMALL);
    await client.diagnostics(DOCKERFILE);
    const edited = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: "nginx:latest"}\n';
    await client.change(BIG, 2, edited);
    const fresh = await client.diagnostics(BIG);
    assert.deepEqual(await stale, { code: -32802, data: { retriggerRequest: true } });
    assert.deepEqual(fresh.items.filter((d) => d.code === 'image-tag-latest').map((d) => [d.range.start.line, d.range.start.character]), [[5, 21]]);
  });
});
