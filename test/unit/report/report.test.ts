import assert from 'node:assert/strict';
import type { FileReport } from '../../../server/src/report/file-report';
import { renderHtml } from '../../../server/src/report/html';
import { renderMarkdown } from '../../../server/src/report/markdown';
import { buildReport } from '../../../server/src/report/model';

// At corpus scale one base image is used hundreds of times and paths are long: the report rows must
// stay readable (a folded "+N more" list, paths that may break after a slash).
const DEEP = 'k8s/kubeflow__manifests/applications/pipeline/upstream/third-party/argo/base/workflow-controller-deployment.yaml';

function pauseUsedIn(count: number): FileReport[] {
  return Array.from({ length: count }, (_, n) => ({
    path: n === 0 ? DEEP : `k8s/app${n}/pod.yaml`,
    kind: 'k8s' as const,
    findings: [],
    images: [
      {
        key: 'registry.k8s.io/pause:3.9',
        registry: 'registry.k8s.io',
        repository: 'pause',
        tag: '3.9',
        digest: undefined,
        unresolved: false,
        use: 'container',
        context: 'containers[0]',
        range: { start: { line: 7, column: 16 }, end: { line: 7, column: 41 } },
        trusted: undefined,
      },
    ],
  }));
}

const model = (count: number) => buildReport(pauseUsedIn(count), '/home/lead/work/monorepo', new Date('2026-11-24T00:00:00Z'));
const usesCell = (html: string): string => /<tbody><tr><td><code>registry.k8s.io\/<wbr>pause:<wbr>3.9<\/code>.*?<\/td><\/tr>/s.exec(html)![0].split('<td>').at(-1)!;

describe('report exports at scale', () => {
  it('HTML lists the first 5 uses of an image and folds the rest into "+N more"', () => {
    const cell = usesCell(renderHtml(model(8), { webview: false, nonce: 'n' }));
    const [shown, folded] = cell.split('<details>');
    assert.equal(shown!.match(/<a class="loc"/g)!.length, 5);
    assert.match(folded!, /^<summary>\+3 more<\/summary><ul class="uses">/);
    assert.equal(folded!.match(/<a class="loc"/g)!.length, 3);
    assert.match(folded!, /data-path="k8s\/app7\/pod.yaml" data-line="7" data-column="16">k8s\/<wbr>app7\/<wbr>pod.yaml:7<\/a>/);
  });

  it('HTML has no fold for 5 uses or fewer', () => {
    const cell = usesCell(renderHtml(model(5), { webview: true, nonce: 'n' }));
    assert.equal(cell.match(/<a class="loc"/g)!.length, 5);
    assert.ok(!cell.includes('<details>'));
  });

  it('HTML paths may break after each slash, and only there', () => {
    const html = renderHtml(model(1), { webview: false, nonce: 'n' });
    assert.ok(html.includes('>k8s/<wbr>kubeflow__manifests/<wbr>applications/<wbr>pipeline/<wbr>upstream/<wbr>third-party/<wbr>argo/<wbr>base/<wbr>workflow-controller-deployment.yaml:7</a>'));
    assert.ok(html.includes('<p class="meta">/<wbr>home/<wbr>lead/<wbr>work/<wbr>monorepo · 2026-11-24 00:00:00 UTC'));
  });

  it('Markdown lists the first 10 uses of an image, then how many more', () => {
    const row = renderMarkdown(model(12)).split('\n').find((l) => l.startsWith('| `registry.k8s.io/pause:3.9`'))!;
    const cells = row.split(' | ').at(-1)!.replace(/ \|$/, '').split('<br>');
    assert.equal(cells.length, 11);
    assert.equal(cells[0], `${DEEP}:7 (containers[0])`);
    assert.equal(cells[9], 'k8s/app9/pod.yaml:7 (containers[0])');
    assert.equal(cells[10], '… and 2 more');
  });
});
