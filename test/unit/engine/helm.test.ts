import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { lint, type LintResult } from '../../../server/src/engine/lint';
import type { Finding } from '../../../server/src/engine/rule';
import { SourceFile } from '../../../server/src/engine/source';
import { diskFiles, withOpenDocuments, type ProjectFiles } from '../../../server/src/project/files';
import { analyzeChart } from '../../../server/src/project/helm';
import { fixUnit } from '../../../server/src/project/units';
import { isScalar } from '../../../server/src/engine/model/yaml';
import { defineRule } from '../../../server/src/engine/rule';
import { dedent, ROOT } from '../../rule-tester';

const WEB = join(ROOT, 'test/fixtures/helm/web').replace(/\\/g, '/');
const config = { ...defaultConfig(), profile: 'recommended' as const };

/** The web chart with some files replaced (path relative to the chart → text). */
function web(replaced: Record<string, string> = {}): ProjectFiles {
  return withOpenDocuments((p) => (p.startsWith(`${WEB}/`) ? replaced[p.slice(WEB.length + 1)] : undefined), diskFiles);
}

/** An in-memory chart: Chart.yaml plus the given files. */
function chart(files: Record<string, string>): { root: string; files: ProjectFiles } {
  const all: Record<string, string> = { 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: "1.0.0"\n', ...files };
  const root = '/charts/demo';
  const at = (p: string): string | undefined => (p.startsWith(`${root}/`) ? all[p.slice(root.length + 1)] : undefined);
  return {
    root,
    files: {
      exists: (p) => at(p) !== undefined,
      isDirectory: () => false,
      read: at,
      entries: () => undefined,
      list: (dir) => Object.keys(all).map((k) => `${root}/${k}`).filter((p) => p.startsWith(`${dir}/`)).sort(),
    },
  };
}

function byFile(files: ProjectFiles, root = WEB): Map<string, LintResult> {
  return new Map(analyzeChart(root, files, { config }).files.map((r) => [r.source.path.slice(root.length + 1), r]));
}

/** `rule line:col-line:col` with 1-based lines and columns, suppressed findings marked. */
function where(r: LintResult | undefined, f: Finding): string {
  const s = r!.source.lines.positionAt(f.span.start);
  const e = r!.source.lines.positionAt(f.span.end);
  return `${f.ruleId} ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}${f.suppressed ? ' (suppressed)' : ''}`;
}

function summary(r: LintResult | undefined): string[] {
  return (r?.findings ?? []).map((f) => where(r, f));
}

function relatedOf(f: Finding): string[] {
  return (f.related ?? []).map((x) => {
    const p = x.file.lines.positionAt(x.span.start);
    return `${x.file.path.slice(x.file.path.lastIndexOf('/templates/') >= 0 ? x.file.path.lastIndexOf('/templates/') + 1 : x.file.path.lastIndexOf('/') + 1)}:${p.line + 1}:${p.character + 1} ${x.message}`;
  });
}

const CONTAINER_RULES_IN_VALUES = [
  'container-runs-as-root 17:1-17:19',
  'seccomp-profile-missing 17:1-17:19',
  'capabilities-not-dropped 19:1-19:16',
  'privilege-escalation-allowed 19:1-19:16',
  'root-filesystem-writable 19:1-19:16',
  'cpu-limit-missing 31:1-31:10',
  'cpu-request-missing 31:1-31:10',
  'memory-limit-missing 31:1-31:10',
  'memory-request-missing 31:1-31:10',
];

describe('Helm charts', () => {
  it('a chart whose values.yaml leaves securityContext and resources empty gets the plain manifest\'s container findings, in values.yaml', () => {
    const results = byFile(web());
    assert.deepEqual([...results.keys()], ['templates/deployment.yaml', 'templates/ingress.yaml', 'templates/service.yaml', 'templates/serviceaccount.yaml', 'templates/tests/test-connection.yaml', 'values.yaml']);
    assert.deepEqual(summary(results.get('values.yaml')), CONTAINER_RULES_IN_VALUES);
    assert.deepEqual(summary(results.get('templates/deployment.yaml')), ['base-image-eol 30:18-30:102', 'image-digest-missing 30:18-30:102']);
    for (const empty of ['templates/ingress.yaml', 'templates/service.yaml', 'templates/serviceaccount.yaml']) assert.deepEqual(summary(results.get(empty)), [], empty);

    // The same container findings as the literal manifest `helm template` would give.
    const plainPath = join(ROOT, 'test/fixtures/helm/web-rendered.yaml');
    const plain = lint(new SourceFile(plainPath, readFileSync(plainPath, 'utf8')), { config }).findings;
    const container = (fs: readonly Finding[]): string[] => fs.filter((f) => f.message.includes('Container "web"') || f.message.includes('Image "nginx:1.27.3"')).map((f) => `${f.ruleId}: ${f.message}`).sort();
    const chartFindings = [...results.values()].flatMap((r) => r.findings);
    assert.deepEqual(container(chartFindings), container(plain));

    const [root] = results.get('values.yaml')!.findings;
    assert.equal(root!.message, 'Container "web" may run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser.');
    assert.deepEqual(relatedOf(root!), ['templates/deployment.yaml:27:17 Rendered into deployment.yaml here']);
    const image = results.get('templates/deployment.yaml')!.findings[1]!;
    assert.deepEqual(relatedOf(image), ['values.yaml:5:15 Value from values.yaml']);
  });

  it('setting securityContext and resources in values.yaml removes the findings', () => {
    const values = readFileSync(join(WEB, 'values.yaml'), 'utf8')
      .replace('podSecurityContext: {}', 'podSecurityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  seccompProfile:\n    type: RuntimeDefault')
      .replace('securityContext: {}', 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: [ALL]')
      .replace('resources: {}', 'resources:\n  limits: {cpu: 500m, memory: 256Mi}\n  requests: {cpu: 250m, memory: 128Mi}');
    const results = byFile(web({ 'values.yaml': values }));
    assert.deepEqual(summary(results.get('values.yaml')), []);
    assert.deepEqual(summary(results.get('templates/deployment.yaml')), ['base-image-eol 30:18-30:102', 'image-digest-missing 30:18-30:102']);
  });

  it('quick-fixes of findings moved to values.yaml edit values.yaml, in its own indentation', () => {
    const results = byFile(web());
    const values = results.get('values.yaml')!;
    const writable = values.findings.find((f) => f.ruleId === 'root-filesystem-writable')!;
    assert.deepEqual(writable.suggestions!.map((s) => s.title), ['Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)', 'Harden container']);
    const fixed = applyEdits(values.source.text, writable.suggestions![0]!.edits);
    assert.match(fixed, /\nsecurityContext: \{readOnlyRootFilesystem: true\}\n/);
    assert.deepEqual(summary(byFile(web({ 'values.yaml': fixed })).get('values.yaml')).filter((s) => s.startsWith('root-filesystem-writable')), []);

    // A block map in values.yaml: keys are added at its indentation, not the template's.
    const block = values.source.text.replace('securityContext: {}', 'securityContext:\n  runAsUser: 10001');
    const again = byFile(web({ 'values.yaml': block })).get('values.yaml')!;
    const caps = again.findings.find((f) => f.ruleId === 'capabilities-not-dropped')!;
    assert.equal(where(again, caps), 'capabilities-not-dropped 19:1-19:16');
    const dropped = applyEdits(block, caps.suggestions![0]!.edits);
    assert.match(dropped, /\nsecurityContext:\n {2}runAsUser: 10001\n {2}capabilities:\n {4}drop:\n {6}- ALL\n/);
    assert.deepEqual(summary(byFile(web({ 'values.yaml': dropped })).get('values.yaml')).filter((s) => s.startsWith('capabilities-not-dropped')), []);
  });

  it('a block the template leaves out while its value is empty (with / if) moves the finding to that value, and the fix fills it in', () => {
    const deployment = dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: demo
      spec:
        template:
          spec:
            automountServiceAccountToken: false
            {{- with .Values.podSecurityContext }}
            securityContext:
              {{- toYaml . | nindent 8 }}
            {{- end }}
            containers:
              - name: app
                image: ghcr.io/acme/app:1.0.0
                {{- if .Values.securityContext }}
                securityContext:
                  {{- toYaml .Values.securityContext | nindent 12 }}
                {{- end }}
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
                  requests: {cpu: 250m, memory: 128Mi}
                livenessProbe: {httpGet: {path: /, port: 80}}
    `;
    const values = 'podSecurityContext: {}\nsecurityContext:\n';
    const { root, files } = chart({ 'values.yaml': values, 'templates/deployment.yaml': deployment });
    const results = byFile(files, root);
    assert.deepEqual(summary(results.get('templates/deployment.yaml')), ['image-digest-missing 15:18-15:40']);
    const r = results.get('values.yaml')!;
    assert.deepEqual(summary(r), [
      'container-runs-as-root 1:1-1:19',
      'seccomp-profile-missing 1:1-1:19',
      'capabilities-not-dropped 2:1-2:16',
      'privilege-escalation-allowed 2:1-2:16',
      'root-filesystem-writable 2:1-2:16',
    ]);
    const root0 = r.findings[0]!;
    assert.deepEqual(relatedOf(root0), ['templates/deployment.yaml:14:17 Rendered into deployment.yaml here', 'templates/deployment.yaml:9:7 Left out by the template while podSecurityContext is empty']);
    // Only the suggestion that writes this value is kept (Harden container writes the container's).
    assert.deepEqual(root0.suggestions!.map((x) => x.title), ['Set runAsNonRoot: true and runAsUser: 10001 for the pod (check that the image can run as UID 10001)']);
    assert.equal(applyEdits(values, root0.suggestions![0]!.edits), 'podSecurityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\nsecurityContext:\n');
    const writable = r.findings.find((x) => x.ruleId === 'root-filesystem-writable')!;
    const filled = applyEdits(values, writable.suggestions![0]!.edits);
    assert.equal(filled, 'podSecurityContext: {}\nsecurityContext:\n  readOnlyRootFilesystem: true\n');
    const again = byFile(withOpenDocuments((p) => (p.endsWith('/values.yaml') ? filled : undefined), files), root);
    assert.deepEqual(summary(again.get('values.yaml')).filter((x) => x.startsWith('root-filesystem-writable')), []);
  });

  it('a value set in values.yaml is reported there, related to the template line that renders it', () => {
    const values = readFileSync(join(WEB, 'values.yaml'), 'utf8').replace('securityContext: {}', 'securityContext:\n  privileged: true');
    const results = byFile(web({ 'values.yaml': values }));
    const r = results.get('values.yaml')!;
    const privileged = r.findings.find((f) => f.ruleId === 'privileged-container')!;
    assert.equal(where(r, privileged), 'privileged-container 20:15-20:19');
    assert.deepEqual(relatedOf(privileged), ['templates/deployment.yaml:29:13 Rendered by this template']);
    assert.deepEqual(privileged.suggestions!.map((s) => [s.title, applyEdits(values, s.edits).includes('\n  privileged: false\n')]), [['Set privileged: false', true]]);
  });

  it('suppression comments work in values.yaml and in templates', () => {
    const values = readFileSync(join(WEB, 'values.yaml'), 'utf8')
      .replace('resources: {}', '# bulkhead-ignore memory-limit-missing, cpu-limit-missing -- sized by the VPA\nresources: {}')
      .replace('podSecurityContext: {}', '# bulkhead-ignore privileged-container -- nothing to silence\npodSecurityContext: {}');
    const template = readFileSync(join(WEB, 'templates/deployment.yaml'), 'utf8').replace(
      '        - name: {{ .Chart.Name }}',
      '        # bulkhead-ignore image-digest-missing -- pinned by the release pipeline\n        - name: {{ .Chart.Name }}',
    );
    const results = byFile(web({ 'values.yaml': values, 'templates/deployment.yaml': template }));
    assert.deepEqual(summary(results.get('values.yaml')), [
      'unused-suppression 17:1-17:61',
      'container-runs-as-root 18:1-18:19',
      'seccomp-profile-missing 18:1-18:19',
      'capabilities-not-dropped 20:1-20:16',
      'privilege-escalation-allowed 20:1-20:16',
      'root-filesystem-writable 20:1-20:16',
      'cpu-limit-missing 33:1-33:10 (suppressed)',
      'cpu-request-missing 33:1-33:10',
      'memory-limit-missing 33:1-33:10 (suppressed)',
      'memory-request-missing 33:1-33:10',
    ]);
    assert.deepEqual(summary(results.get('templates/deployment.yaml')), ['base-image-eol 31:18-31:102', 'image-digest-missing 31:18-31:102 (suppressed)']);
  });

  it('an unsupported construct stays silent: no finding rests on what could not be worked out', () => {
    const { root, files } = chart({
      'values.yaml': 'extra: "a: b"\nsecurityContext: {}\n',
      'templates/deployment.yaml': dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "demo.fullname" . }}
        spec:
          template:
            spec:
              {{- include "demo.podSecurity" . | nindent 6 }}
              containers:
                - name: app
                  image: {{ tpl .Values.image . }}
                  securityContext: {{- include "demo.securityContext" . | nindent 12 }}
                  resources: {{- lookup "v1" "LimitRange" "" "" | toYaml | nindent 12 }}
              {{- if .Capabilities.APIVersions.Has "v1/Secret" }}
              hostNetwork: true
              {{- end }}
      `,
    });
    const results = byFile(files, root);
    assert.deepEqual(summary(results.get('templates/deployment.yaml')), []);
    assert.deepEqual(summary(results.get('values.yaml')), []);
    // The same template with those parts written out is not silent.
    const plain = files.read(`${root}/templates/deployment.yaml`)!
      .replace('{{- include "demo.podSecurity" . | nindent 6 }}', 'automountServiceAccountToken: false')
      .replace('{{ tpl .Values.image . }}', 'busybox:1.36')
      .replace('{{- include "demo.securityContext" . | nindent 12 }}', '{}')
      .replace('{{- lookup "v1" "LimitRange" "" "" | toYaml | nindent 12 }}', '{}')
      .replace('{{- if .Capabilities.APIVersions.Has "v1/Secret" }}\n      hostNetwork: true\n      {{- end }}\n', '');
    const control = byFile(withOpenDocuments((p) => (p.endsWith('/deployment.yaml') ? plain : undefined), files), root);
    assert.equal(summary(control.get('templates/deployment.yaml')).length, 11);
  });

  it('a template that does not render to YAML gets one info finding, not syntax errors', () => {
    const { root, files } = chart({
      'values.yaml': 'name: web\n',
      'templates/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "{{ .Values.name }}\n  b: [1, 2\n',
      'templates/unbalanced.yaml': 'apiVersion: v1\n{{- if .Values.name }}\nkind: ConfigMap\n',
      'templates/columns.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: {{ .Values.name }}\n b: c\n',
    });
    const results = byFile(files, root);
    const broken = results.get('templates/broken.yaml')!;
    // The parser stops at the end of the text (an unclosed quote): the finding is where the document starts.
    assert.deepEqual(summary(broken), ['analysis-limit 1:1-1:1']);
    assert.equal(broken.findings[0]!.severity, 'info');
    assert.equal(broken.findings[0]!.message, 'This Helm template does not render to YAML Bulkhead can read with the chart\'s default values (Missing closing "quote, at the end of the rendered text); it was not analysed.');
    const columns = results.get('templates/columns.yaml')!;
    assert.deepEqual(summary(columns), ['analysis-limit 5:1-5:2']);
    assert.equal(columns.findings[0]!.message, 'This Helm template does not render to YAML Bulkhead can read with the chart\'s default values (All mapping items must start at the same column, at line 5 of the rendered text); it was not analysed.');
    const unbalanced = results.get('templates/unbalanced.yaml')!;
    assert.deepEqual(summary(unbalanced), ['analysis-limit 2:1-2:23']);
    assert.equal(unbalanced.findings[0]!.message, 'This Helm template does not render to YAML Bulkhead can read with the chart\'s default values ({{ if }} without a matching {{ end }}); it was not analysed.');
  });

  it('range over values, objects of several templates are siblings, helpers and NOTES.txt render nothing', () => {
    const { root, files } = chart({
      'values.yaml': 'workers:\n  - name: a\n    privileged: true\n  - name: b\n    privileged: false\n',
      'templates/_helpers.tpl': '{{- define "demo.x" }}kind: Pod{{ end }}\n',
      'templates/NOTES.txt': 'Thanks for installing {{ .Chart.Name }}\n',
      'templates/pods.yaml': dedent`
        {{- range .Values.workers }}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{ .name }}
        spec:
          automountServiceAccountToken: false
          containers:
            - name: {{ .name }}
              image: busybox:1.36
              securityContext:
                privileged: {{ .privileged }}
        {{- end }}
      `,
    });
    const results = byFile(files, root);
    assert.deepEqual([...results.keys()], ['templates/pods.yaml', 'values.yaml']);
    const privileged = results.get('values.yaml')!.findings.filter((f) => f.ruleId === 'privileged-container');
    assert.deepEqual(privileged.map((f) => where(results.get('values.yaml'), f)), ['privileged-container 3:17-3:21']);
    assert.equal(privileged[0]!.message.startsWith('Container "a" runs privileged'), true);
  });

  it('safe fixes apply across the chart\'s files, multi-pass, where each finding was moved', () => {
    // No Kubernetes rule has a safe fix yet: a test rule stands in for one.
    const pullAlways = defineRule<'policy'>({
      id: 'test-pull-always',
      title: 'Pull policy is not Always',
      severity: 'warning',
      fix: 'safe',
      refs: [],
      messages: { policy: 'imagePullPolicy is {{value}}.' },
      check: {
        k8s(object, ctx) {
          for (const c of object.pod?.containers ?? []) {
            const policy = c.node.get('imagePullPolicy');
            if (isScalar(policy) && policy.text !== 'Always') ctx.report({ span: policy.span, messageId: 'policy', data: { value: policy.text }, fix: { title: 'Pull always', edits: [{ span: policy.span, newText: 'Always' }] } });
          }
        },
      },
    });
    const { texts, fixed } = fixUnit({ kind: 'helm', root: WEB }, web(), { config, rules: [pullAlways] });
    assert.deepEqual([...texts.keys()].map((p) => p.slice(WEB.length + 1)), ['values.yaml']);
    assert.equal(texts.get(`${WEB}/values.yaml`), readFileSync(join(WEB, 'values.yaml'), 'utf8').replace('pullPolicy: IfNotPresent', 'pullPolicy: Always'));
    assert.deepEqual(fixed.map((f) => f.message), ['imagePullPolicy is IfNotPresent.']);
  });
});
