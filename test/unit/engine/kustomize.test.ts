import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { lintKustomization } from '../../../server/src/engine/kustomize/lint';
import type { LintResult } from '../../../server/src/engine/lint';
import { SourceFile } from '../../../server/src/engine/source';
import { ROOT } from '../../rule-tester';

const DIR = join(ROOT, 'test/fixtures/kustomize').replace(/\\/g, '/');
const config = { ...defaultConfig(), profile: 'recommended' as const };

function read(path: string, replaced: Record<string, string> = {}): SourceFile | undefined {
  const rel = path.slice(DIR.length + 1);
  if (rel in replaced) return new SourceFile(path, replaced[rel]!);
  try {
    return new SourceFile(path, readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Findings of an overlay by file (relative to the fixture folder) as `rule line:col-line:col`. */
function overlay(name: string, replaced: Record<string, string> = {}): Map<string, { result: LintResult; lines: string[] }> {
  const r = lintKustomization({ kustomization: read(`${DIR}/${name}/kustomization.yaml`, replaced)!, read: (p) => read(p, replaced) }, { config });
  return new Map(
    r.files.map((f) => [
      f.source.path.slice(DIR.length + 1),
      {
        result: f,
        lines: f.findings.map((x) => {
          const s = f.source.lines.positionAt(x.span.start);
          const e = f.source.lines.positionAt(x.span.end);
          return `${x.ruleId} ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
        }),
      },
    ]),
  );
}

describe('Kustomize overlays', () => {
  it('a patch that makes the base Deployment privileged is flagged at the patch line', () => {
    const files = overlay('overlays/privileged');
    assert.deepEqual([...files.keys()], ['overlays/privileged/kustomization.yaml', 'overlays/privileged/privileged.yaml']);
    assert.deepEqual(files.get('overlays/privileged/kustomization.yaml')!.lines, []);
    assert.deepEqual(files.get('overlays/privileged/privileged.yaml')!.lines, ['privilege-escalation-allowed 11:25-11:29', 'privileged-container 11:25-11:29']);
    const privileged = files.get('overlays/privileged/privileged.yaml')!.result.findings[1]!;
    assert.equal(privileged.message.startsWith('Container "web" runs privileged'), true);
    // Its fix edits the patch file.
    const patch = files.get('overlays/privileged/privileged.yaml')!.result.source.text;
    assert.equal(applyEdits(patch, privileged.suggestions![0]!.edits), patch.replace('privileged: true', 'privileged: false'));
  });

  it('the base alone has nothing to report: its findings belong to its files, linted on their own', () => {
    const files = overlay('base');
    assert.deepEqual([...files.entries()].map(([k, v]) => [k, v.lines]), [['base/kustomization.yaml', []]]);
  });

  it('inline JSON 6902 patches, patch files and image overrides are reported where they are written', () => {
    const files = overlay('overlays/prod');
    assert.deepEqual(files.get('overlays/prod/kustomization.yaml')!.lines, ['host-namespace-shared 14:16-14:20', 'image-digest-missing 24:13-24:19', 'image-tag-latest 24:13-24:19']);
    assert.deepEqual(files.get('overlays/prod/add-capability.yaml')!.lines, ['capabilities-dangerous 3:11-3:20', 'privilege-escalation-allowed 3:11-3:20']);
    const latest = files.get('overlays/prod/kustomization.yaml')!.result.findings[2]!;
    assert.equal(latest.message, 'Image "ghcr.io/acme/web:latest" uses the mutable "latest" tag; pin a version tag or a digest.');
  });

  it('a finding the overlay introduces in a base object is reported at the patch entry, the base place related', () => {
    const files = overlay('overlays/loosened');
    assert.deepEqual(files.get('overlays/loosened/kustomization.yaml')!.lines, ['root-filesystem-writable 6:5-6:22']);
    assert.deepEqual(files.get('overlays/loosened/no-read-only.yaml')!.lines, []);
    const [moved] = files.get('overlays/loosened/kustomization.yaml')!.result.findings;
    assert.deepEqual(moved!.related!.map((r) => [r.file.path.slice(DIR.length + 1), r.file.lines.positionAt(r.span.start).line + 1, r.message]), [['base/deployment.yaml', 17, 'In the object as the base writes it']]);
  });

  it('a missing resource or a patch that does not apply is one info finding each; remote resources are skipped silently', () => {
    const files = overlay('overlays/broken');
    assert.deepEqual(files.get('overlays/broken/kustomization.yaml')!.lines, ['analysis-limit 5:5-5:17', 'analysis-limit 8:5-12:22']);
    assert.deepEqual(files.get('overlays/broken/kustomization.yaml')!.result.findings.map((f) => [f.severity, f.message]), [
      ['info', 'This Kustomization could not be built (resource "missing.yaml" not found); its objects were not analysed.'],
      ['info', 'This Kustomization could not be built (patch operation "replace /spec/template/spec/nodeName" does not apply to Deployment "web"); its objects were not analysed.'],
    ]);
  });

  it('resource files with several documents keep each document\'s place', () => {
    const base = readFileSync(`${DIR}/base/deployment.yaml`, 'utf8');
    const service = readFileSync(`${DIR}/base/service.yaml`, 'utf8');
    const worker = base.replace(/\bweb\b/g, 'worker');
    const patch = readFileSync(`${DIR}/overlays/privileged/privileged.yaml`, 'utf8').replace(/\bweb\b/g, 'worker');
    const files = overlay('overlays/privileged', { 'base/service.yaml': `${service}---\n${worker}`, 'overlays/privileged/privileged.yaml': patch });
    assert.deepEqual(files.get('overlays/privileged/kustomization.yaml')!.lines, []);
    assert.deepEqual(files.get('overlays/privileged/privileged.yaml')!.lines, ['privilege-escalation-allowed 11:25-11:29', 'privileged-container 11:25-11:29']);
    assert.equal(files.get('overlays/privileged/privileged.yaml')!.result.findings[1]!.message.startsWith('Container "worker" runs privileged'), true);
  });

  it('suppression comments in a patch file apply there', () => {
    const patch = readFileSync(`${DIR}/overlays/privileged/privileged.yaml`, 'utf8').replace('            privileged: true', '            # bulkhead-ignore privileged-container, privilege-escalation-allowed -- debugging sidecar\n            privileged: true');
    const files = overlay('overlays/privileged', { 'overlays/privileged/privileged.yaml': patch });
    assert.deepEqual(files.get('overlays/privileged/privileged.yaml')!.result.findings.map((f) => [f.ruleId, f.suppressed?.reason]), [
      ['privilege-escalation-allowed', 'debugging sidecar'],
      ['privileged-container', 'debugging sidecar'],
    ]);
  });
});
