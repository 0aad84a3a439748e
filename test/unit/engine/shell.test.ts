import assert from 'node:assert/strict';
import { parseShellAt, type ShellCommand } from '../../../server/src/engine/parse/shell';

const commands = (text: string): string[][] => parseShellAt(text, 0).allCommands().map((c) => c.argv.map((w) => w.value));

describe('shell tokenizer', () => {
  it('splits on operators and removes quotes', () => {
    assert.deepEqual(commands(`apt-get update && apt-get install -y "curl" 'git' ; echo a\\ b || true\nls | wc -l & sleep 1`), [
      ['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl', 'git'], ['echo', 'a b'], ['true'], ['ls'], ['wc', '-l'], ['sleep', '1'],
    ]);
  });

  it('keeps pipelines, terminators and spans', () => {
    const text = 'curl -fsSL https://x.sh | sudo bash -s -- --flag';
    const script = parseShellAt(text, 10);
    const [curl, bash] = script.commands as [ShellCommand, ShellCommand];
    assert.equal(curl.pipeline, bash.pipeline);
    assert.deepEqual(curl.pipeline.map((c) => c.program), ['curl', 'sudo']);
    assert.equal(curl.terminator, '|');
    assert.equal(bash.unwrapped().program, 'bash');
    assert.deepEqual(curl.span, { start: 10, end: 10 + text.indexOf(' |') });
    assert.equal(text.slice(curl.argv[2]!.span.start - 10, curl.argv[2]!.span.end - 10), 'https://x.sh');
  });

  it('parses substitutions, process substitution and sh -c scripts as nested commands', () => {
    assert.deepEqual(commands('sh -c "$(curl -fsSL https://x)"'), [['sh', '-c', '$(curl -fsSL https://x)'], ['curl', '-fsSL', 'https://x']]);
    assert.deepEqual(commands('bash <(wget -qO- https://x)'), [['bash', '<(wget -qO- https://x)'], ['wget', '-qO-', 'https://x']]);
    assert.deepEqual(commands("su -c 'x' && bash -ec 'apk add curl && rm -rf /x'"), [['su', '-c', 'x'], ['bash', '-ec', 'apk add curl && rm -rf /x'], ['apk', 'add', 'curl'], ['rm', '-rf', '/x']]);
    assert.deepEqual(commands('echo `id -u`'), [['echo', '`id -u`'], ['id', '-u']]);
  });

  it('keeps exact offsets inside sh -c strings', () => {
    const text = `sh -c "apt-get install -y curl"`;
    const inner = parseShellAt(text, 0).allCommands()[1]!;
    assert.equal(text.slice(inner.argv[3]!.span.start, inner.argv[3]!.span.end), 'curl');
  });

  it('sees commands inside control structures and skips their keywords', () => {
    assert.deepEqual(commands('if [ -f x ]; then apt-get update; else echo no; fi'), [['[', '-f', 'x', ']'], ['apt-get', 'update'], ['echo', 'no']]);
    assert.deepEqual(commands('for p in a b; do pip install $p; done'), [['pip', 'install', '$p']]);
    assert.deepEqual(commands('case "$ARCH" in amd64) x=1 ;; arm64) apk add y ;; esac'), [[], ['apk', 'add', 'y']]);
    assert.deepEqual(commands('(cd /src && make) && { echo done; }'), [['cd', '/src'], ['make'], ['echo', 'done']]);
  });

  it('separates assignments, redirections and heredoc bodies', () => {
    const script = parseShellAt('DEBIAN_FRONTEND=noninteractive apt-get install -y x > /dev/null 2>&1\ncat <<EOF > /etc/x\nnot a | command\nEOF\necho after', 0);
    const [apt, cat, echo] = script.commands;
    assert.deepEqual(apt!.assignments.map((w) => w.value), ['DEBIAN_FRONTEND=noninteractive']);
    assert.deepEqual(apt!.redirects.map((r) => [r.op, r.target?.value]), [['>', '/dev/null'], ['2>&', '1']]);
    assert.deepEqual(cat!.argv.map((w) => w.value), ['cat']);
    assert.deepEqual(echo!.argv.map((w) => w.value), ['echo', 'after']);
    assert.equal(script.commands.length, 3);
  });

  it('finds flags in bundles, with = values, and stops at --', () => {
    const [curl] = parseShellAt('curl -fsSLk --retry=3 -o out -- -k', 0).commands;
    assert.equal(curl!.findFlag('-k')?.value, '-fsSLk');
    assert.equal(curl!.findFlag('--insecure'), undefined);
    assert.equal(curl!.flagValue('--retry')?.value, '3');
    assert.equal(curl!.flagValue('-o')?.value, 'out');
    assert.equal(curl!.subcommand?.value, 'out');
  });

  it('peels wrappers: sudo with options, env assignments, gosu user', () => {
    const p = (t: string): string | undefined => parseShellAt(t, 0).commands[0]!.unwrapped().program;
    assert.equal(p('sudo -u root -E apt-get install x'), 'apt-get');
    assert.equal(p('env A=1 B=2 pip install x'), 'pip');
    assert.equal(p('gosu app:app /usr/bin/node server.js'), 'node');
    assert.equal(p('nohup time ./run.sh'), 'run.sh');
  });

  it('reports unterminated quotes and substitutions without throwing', () => {
    assert.deepEqual(parseShellAt('echo "abc', 0).problems.map((p) => p.message), ['Unterminated double quote']);
    assert.deepEqual(parseShellAt("echo 'abc", 0).problems.map((p) => p.message), ['Unterminated single quote']);
    assert.deepEqual(parseShellAt('echo $(ls', 0).problems.map((p) => p.message), ['Unterminated command substitution']);
    assert.doesNotThrow(() => parseShellAt('$('.repeat(5000) + ')'.repeat(10), 0));
  });
});
