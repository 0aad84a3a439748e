import assert from 'node:assert/strict';
import { renderChart } from '../../../server/src/engine/helm/chart';
import { lexTemplate, parseTemplate, type IfNode } from '../../../server/src/engine/helm/template';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent } from '../../rule-tester';

/** Renders one template with these values (and Chart.yaml name `app`, appVersion 2.1.0). */
function render(template: string, values = ''): { text: string; uncertain: string[] } {
  const t = new SourceFile('app/templates/t.yaml', template);
  const [r] = renderChart({
    root: 'app',
    chart: new SourceFile('app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\nappVersion: "2.1.0"\n'),
    values: new SourceFile('app/values.yaml', values),
    templates: [t, new SourceFile('app/templates/_helpers.tpl', '{{- define "app.name" -}}app{{- end }}\n')],
  });
  const text = r!.rendered.source.text;
  return { text, uncertain: r!.rendered.uncertain.map((m) => (m.start === m.end ? `@${m.start}` : text.slice(m.start, m.end))) };
}

describe('Helm template reader', () => {
  it('splits text and actions, applying trim markers and dropping comments', () => {
    const text = 'a: 1\n  {{- .X }}\nb: {{ .Y -}}  \n c\n{{/* note */}}d{{- /* trimmed */ -}}\n  e\n';
    const items = lexTemplate(text).map((i) => (i.kind === 'text' ? `T${JSON.stringify(text.slice(i.span.start, i.span.end))}` : `A${JSON.stringify(i.inner)}`));
    assert.deepEqual(items, ['T"a: 1"', 'A" .X "', 'T"\\nb: "', 'A" .Y "', 'T"c\\n"', 'T"d"', 'T"e\\n"']);
  });

  it('keeps "}}" inside strings of an action and reads negative numbers (not trim markers)', () => {
    const items = lexTemplate('{{ printf "%s}}" .A }}{{-3}}');
    assert.deepEqual(items.map((i) => (i.kind === 'action' ? i.inner : '')), [' printf "%s}}" .A ', '-3']);
  });

  it('nests if / else if / else, range, with and define by their end', () => {
    const t = parseTemplate('{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}{{ range .L }}{{ . }}{{ end }}{{ with .W }}w{{ end }}{{ define "x" }}d{{ end }}');
    assert.equal(t.problem, undefined);
    assert.deepEqual(t.nodes.map((n) => n.type), ['if', 'range', 'with']);
    const top = t.nodes[0] as IfNode;
    const nested = top.else![0] as IfNode;
    assert.deepEqual([nested.type, nested.else![0]!.type], ['if', 'text']);
    assert.deepEqual([...t.defines.keys()], ['x']);
  });

  it('reports actions that do not nest', () => {
    assert.deepEqual(parseTemplate('a\n{{ if .A }}b\n').problem, { message: '{{ if }} without a matching {{ end }}', span: { start: 2, end: 13 } });
    assert.deepEqual(parseTemplate('a {{ end }}').problem, { message: 'unexpected {{ end }}', span: { start: 2, end: 11 } });
  });
});

describe('Helm renderer (default values)', () => {
  it('writes values, defaults, quotes and the chart fields', () => {
    const { text } = render(
      'name: {{ .Values.name | quote }}\ntag: {{ .Values.tag | default .Chart.AppVersion }}\nport: {{ .Values.port }}\nup: {{ upper .Values.name }}\nmissing: "{{ .Values.nothing }}"\nsvc: {{ .Release.Service }}\n',
      'name: web\ntag: ""\nport: 8080\n',
    );
    assert.equal(text, 'name: "web"\ntag: 2.1.0\nport: 8080\nup: WEB\nmissing: ""\nsvc: Helm\n');
  });

  it('evaluates if / else on values.yaml defaults, with and range (values read as YAML 1.1)', () => {
    const { text } = render(
      dedent`
        {{- if .Values.enabled }}
        on: true
        {{- else }}
        on: false
        {{- end }}
        {{- with .Values.labels }}
        labels:
          {{- toYaml . | nindent 2 }}
        {{- end }}
        {{- with .Values.empty }}
        empty: here
        {{- end }}
        args:
        {{- range $i, $a := .Values.args }}
          - "{{ $i }}={{ $a }}"
        {{- end }}
      `,
      'enabled: false\nlabels:\n  a: "1"\n  b: two\nempty: {}\nargs: [x, y]\n',
    );
    // Helm reads values.yaml as YAML 1.1: a plain `y` is true.
    assert.equal(text, '\non: false\nlabels:\n  a: "1"\n  b: two\nargs:\n  - "0=x"\n  - "1=true"\n');
  });

  it('copies toYaml blocks from values.yaml as written, re-indented by nindent and indent', () => {
    const { text } = render('sc:\n  {{- toYaml .Values.sc | nindent 2 }}\nres:\n{{ toYaml .Values.res | indent 4 }}\n', 'sc:\n  runAsUser: 1000 # a comment\n  capabilities:\n    drop: [ALL]\nres: {}\n');
    assert.equal(text, 'sc:\n  runAsUser: 1000 # a comment\n  capabilities:\n    drop: [ALL]\nres:\n    {}\n');
  });

  it('writes computed dicts and lists with toYaml', () => {
    const { text } = render('x:\n  {{- toYaml (dict "b" (list 1 "two") "a" .Values.a) | nindent 2 }}\n', 'a: true\n');
    assert.equal(text, 'x:\n  a: true\n  b:\n    - 1\n    - two\n');
  });

  it('writes unknown values as opaque scalars inside a line and leaves out whole unknown lines', () => {
    const { text, uncertain } = render(
      dedent`
        metadata:
          name: {{ include "app.name" . }}-{{ .Release.Name }}
          namespace: {{ .Release.Namespace }}
          labels:
            {{- include "app.labels" . | nindent 4 }}
        data:
          {{ tpl .Values.extra . }}
          x: {{ lookup "v1" "Secret" "ns" "name" }}
      `,
      'extra: "a: b"\n',
    );
    assert.equal(text, 'metadata:\n  name: $helm_1-$helm_2\n  namespace: $helm_3\n  labels:\ndata:\n  \n  x: $helm_4\n');
    assert.deepEqual(uncertain, ['$helm_1', '$helm_2', '$helm_3', '@64', '@73', '$helm_4']);
  });

  it('renders an if on an unknown condition once, marked uncertain', () => {
    const { text, uncertain } = render('{{- if .Capabilities.APIVersions.Has "policy/v1" }}\napiVersion: policy/v1\n{{- else }}\napiVersion: policy/v1beta1\n{{- end }}\nkind: PodDisruptionBudget\n');
    assert.equal(text, '\napiVersion: policy/v1\nkind: PodDisruptionBudget\n');
    assert.deepEqual(uncertain, ['\napiVersion: policy/v1']);
  });
});
