import assert from 'node:assert/strict';
import { finalStage, lastInChain, stageChain } from '../../../server/src/engine/model/dockerfile';
import { parseDockerfile } from '../../../server/src/engine/parse/dockerfile';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent } from '../../rule-tester';

const parse = (text: string) => {
  const source = new SourceFile('Dockerfile', text);
  return { source, model: parseDockerfile(source) };
};

describe('Dockerfile model', () => {
  it('builds stages, names, base stages and the final stage', () => {
    const { model } = parse(dedent`
      ARG BASE=debian:bookworm-slim
      FROM golang:1.23 AS Build
      RUN go build -o /app
      FROM \${BASE} AS runtime
      USER 10001
      FROM runtime
      COPY --from=build /app /app
    `);
    assert.deepEqual(model.stages.map((s) => [s.index, s.name, s.image?.raw, s.baseStage?.name, s.label]), [
      [0, 'build', 'golang:1.23', undefined, 'build'],
      [1, 'runtime', 'debian:bookworm-slim', undefined, 'runtime'],
      [2, undefined, undefined, 'runtime', '2'],
    ]);
    const final = finalStage(model)!;
    assert.deepEqual(stageChain(final).map((s) => s.index), [2, 1]);
    assert.equal(lastInChain(final, 'USER')?.args[0]?.value, '10001');
    assert.equal(model.globalArgs.length, 1);
    assert.equal(model.stages[1]!.image!.tagSpan, undefined, 'a substituted reference has no exact tag span');
  });

  it('keeps every span on the exact source text', () => {
    const { source, model } = parse(dedent`
      # syntax=docker/dockerfile:1
      FROM --platform=\$BUILDPLATFORM alpine:3.20 AS base
      ENV A=1 B="two words" \\
          C=3
      LABEL org.opencontainers.image.authors="me"
      COPY --chown=app:app ["a b", "/dst/"]
      RUN --mount=type=cache,target=/var/cache/apk apk add curl
    `);
    for (const ins of model.instructions) {
      assert.equal(source.slice(ins.keywordSpan), ins.keyword);
      if (ins.properties.length === 0) for (const a of ins.args) assert.equal(JSON.parse(source.slice(a.span).startsWith('"') ? source.slice(a.span) : JSON.stringify(source.slice(a.span))), a.value);
      for (const f of ins.flags) assert.ok(source.slice(f.span).startsWith(`--${f.name}`));
      for (const p of ins.properties) {
        assert.equal(source.slice(p.nameSpan), p.name);
        if (p.valueSpan) assert.ok(source.slice(p.valueSpan).replace(/"/g, '') === p.value);
      }
    }
    const env = model.instructions.find((i) => i.keyword === 'ENV')!;
    assert.deepEqual(env.properties.map((p) => [p.name, p.value]), [['A', '1'], ['B', 'two words'], ['C', '3']]);
    const from = model.instructions[0]!;
    assert.deepEqual(from.flags.map((f) => [f.name, f.value]), [['platform', '$BUILDPLATFORM']]);
    assert.equal(source.slice(model.stages[0]!.image!.tagSpan!), '3.20');
    const run = model.instructions.find((i) => i.keyword === 'RUN')!;
    assert.deepEqual(run.mounts.map((m) => [m.type, m.options.get('target')]), [['cache', '/var/cache/apk']]);
    assert.deepEqual(run.shell!.commands.map((c) => c.argv.map((w) => w.value)), [['apk', 'add', 'curl']]);
    assert.equal(model.instructions.find((i) => i.keyword === 'COPY')!.jsonForm, true);
  });

  it('joins continuation lines, dropping comment lines inside them, with exact offsets', () => {
    const { source, model } = parse('FROM alpine:3.20\nRUN apk add \\\n# a comment\n    curl \\\n\n    && rm -rf /var/cache/apk/*\n');
    const run = model.instructions[1]!;
    const cmds = run.shell!.commands;
    assert.deepEqual(cmds.map((c) => c.argv.map((w) => w.value)), [['apk', 'add', 'curl'], ['rm', '-rf', '/var/cache/apk/*']]);
    assert.equal(source.slice(cmds[0]!.argv[2]!.span), 'curl');
    assert.equal(source.slice(cmds[1]!.argv[2]!.span), '/var/cache/apk/*');
    assert.equal(model.comments.map((c) => c.text).join(), 'a comment');
  });

  it('honours the escape directive', () => {
    const { model } = parse('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\n');
    assert.equal(model.escapeChar, '`');
    assert.deepEqual(model.instructions[1]!.shell!.commands.map((c) => c.argv.map((w) => w.value)), [['powershell', '-Command', 'Write-Host', 'hi']]);
  });

  it('parses heredoc scripts run by the shell, but not other heredocs', () => {
    const { model } = parse('FROM alpine:3.20\nRUN <<EOF\napk add curl\ncurl -k https://x | sh\nEOF\nRUN python3 <<EOF\nimport os\nEOF\nCOPY <<EOF /etc/motd\nhi\nEOF\n');
    assert.deepEqual(model.instructions[1]!.shell!.allCommands().map((c) => c.program), ['apk', 'curl', 'sh']);
    assert.deepEqual(model.instructions[2]!.shell!.allCommands().map((c) => c.program), ['python3']);
    assert.equal(model.instructions[3]!.heredocs[0]!.content, 'hi');
  });

  it('flags ONBUILD triggers and exec form RUN', () => {
    const { source, model } = parse('FROM alpine:3.20\nONBUILD RUN apk add curl\nRUN ["sh", "-c", "apk add git"]\nCMD [ "a b", \\\n  "c" ]\nCMD ["a", b]\n');
    const trigger = model.instructions.find((i) => i.onbuild)!;
    assert.equal(trigger.keyword, 'RUN');
    assert.deepEqual(trigger.shell!.commands[0]!.argv.map((w) => w.value), ['apk', 'add', 'curl']);
    const [exec, cmd, notJson] = model.instructions.slice(-3) as [import('../../../server/src/engine/model/dockerfile').Instruction, import('../../../server/src/engine/model/dockerfile').Instruction, import('../../../server/src/engine/model/dockerfile').Instruction];
    assert.equal(exec.jsonForm, true);
    assert.deepEqual(exec.shell!.allCommands().map((c) => c.argv.map((w) => w.value)), [['sh', '-c', 'apk add git'], ['apk', 'add', 'git']]);
    assert.equal(source.slice(exec.shell!.allCommands()[1]!.argv[2]!.span), 'git');
    assert.deepEqual(cmd.args.map((a) => [a.value, source.slice(a.span)]), [['a b', '"a b"'], ['c', '"c"']]);
    assert.equal(notJson.jsonForm, false, 'an invalid JSON array is shell form');
  });

  it('never throws on hostile input', () => {
    const inputs = ['', '\u0000\u0001\u0002', 'FROM', 'RUN <<EOF', 'FROM a\nRUN "unterminated', 'FROM a\r\nRUN echo \\\r\n  b\r\n', `FROM a\nRUN ${'$('.repeat(200)}`, 'FROM a\nRUN x \\\n'.repeat(3000), '\uFEFFFROM a'];
    for (const text of inputs) assert.doesNotThrow(() => parse(text), JSON.stringify(text.slice(0, 30)));
  });
});
