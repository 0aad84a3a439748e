/**
 * Nothing a repository contains can make Bulkhead run something: no child processes, no network,
 * no eval, by default. Checked on the sources (TypeScript syntax trees, so strings and comments
 * do not count) and on what esbuild actually bundles.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { ROOT } from '../../rule-tester';

/** Modules that start processes, open sockets or run code. */
const EXECUTING = new Set(['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'net', 'tls', 'vm', 'worker_threads']);

/** Source files allowed to import one of them, and why. */
const ALLOWED_SOURCES: Readonly<Record<string, readonly string[]>> = {
  // The analysis pool: files analysed in worker threads, one over its time budget stopped.
  'server/src/analyze/pool.ts': ['worker_threads'],
  'server/src/analyze/worker.ts': ['worker_threads'],
};
/** The opt-in online checks (registry lookups) live here, and only here. */
const ONLINE_MODULE = 'server/src/online/';

/** Library files the bundles may contain with such an import: the LSP transports (unused: the server talks over stdio/IPC). */
const ALLOWED_LIBRARY_IMPORTS = new Set(['node_modules/vscode-jsonrpc/lib/node/main.js -> net', 'node_modules/vscode-languageserver/lib/node/files.js -> child_process']);

const bare = (name: string): string => name.replace(/^node:/, '');

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

interface Use {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** Imported module names (import/export from, require, dynamic import) and code-running calls of one file. */
function scan(path: string, text = readFileSync(path, 'utf8')): { imports: Use[]; calls: Use[] } {
  const file = relative(ROOT, path).split(sep).join('/');
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const imports: Use[] = [];
  const calls: Use[] = [];
  const at = (node: ts.Node, what: string): Use => ({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) imports.push(at(node, node.moduleSpecifier.text));
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) imports.push(at(node, node.moduleReference.expression.text));
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.kind === ts.SyntaxKind.ImportKeyword ? 'import' : '';
      const first = node.arguments?.[0];
      if ((name === 'require' || name === 'import') && first) imports.push(at(node, ts.isStringLiteral(first) ? first.text : `<computed ${name}>`));
      if (name === 'eval' || name === 'Function') calls.push(at(node, `${ts.isNewExpression(node) ? 'new ' : ''}${name}(...)`));
      if ((name === 'setTimeout' || name === 'setInterval' || name === 'setImmediate') && first && (ts.isStringLiteral(first) || ts.isTemplateExpression(first) || ts.isNoSubstitutionTemplateLiteral(first))) calls.push(at(node, `${name} with a string`));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { imports, calls };
}

const sources = ['server/src', 'client/src'].flatMap((d) => [...tsFiles(join(ROOT, d))]).map((path) => scan(path));

describe('nothing executes', function () {
  this.timeout(60000);

  it('no source imports a process, network or code-running module outside the allow list', () => {
    const found = sources.flatMap((s) => s.imports).filter((u) => EXECUTING.has(bare(u.what)));
    const unexpected = found.filter((u) => !u.file.startsWith(ONLINE_MODULE) && !(ALLOWED_SOURCES[u.file] ?? []).includes(bare(u.what)));
    assert.deepEqual(unexpected, []);
    assert.ok(sources.flatMap((s) => s.imports).length > 100, 'the scan sees imports');
  });

  it('the engine imports no Node.js built-in at all (no I/O, processes or network) and nothing computed', () => {
    const builtins = new Set(builtinModules.map(bare));
    const engine = sources.filter((s) => s.imports[0]?.file.startsWith('server/src/engine/'));
    assert.ok(engine.length > 50);
    assert.deepEqual(engine.flatMap((s) => s.imports).filter((u) => builtins.has(bare(u.what)) || u.what.startsWith('<computed')), []);
  });

  it('no eval, Function constructor or string timers in any source', () => {
    assert.deepEqual(sources.flatMap((s) => s.calls), []);
  });

  it('the scan finds what it looks for (negative control)', () => {
    const code = 'import { spawn } from "node:child_process";\nconst h = require("https");\nvoid import("net");\n// eval("comment")\nconst s = "eval(string)";\neval(s);\nnew Function("return 1");\nsetTimeout("x()", 1);\n';
    const found = scan(join(ROOT, 'server', 'src', 'engine', 'x.ts'), code);
    assert.deepEqual(found.imports.map((u) => [u.line, u.what]), [[1, 'node:child_process'], [2, 'https'], [3, 'net']]);
    assert.deepEqual(found.calls.map((u) => [u.line, u.what]), [[6, 'eval(...)'], [7, 'new Function(...)'], [8, 'setTimeout with a string']]);
  });

  it('the server, CLI and audit worker bundles pull in no other process or network code, and no eval', async () => {
    const entries = { server: 'server/src/server.ts', cli: 'server/src/cli/main.ts', worker: 'server/src/analyze/worker.ts' };
    const result = await build({ entryPoints: entries, bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, metafile: true, outdir: join(ROOT, 'out', 'no-execution'), absWorkingDir: ROOT, logLevel: 'silent' });
    const found = bundleImports(result.metafile);
    const unexpected = [...found].filter((pair) => !pair.startsWith(ONLINE_MODULE) && !ALLOWED_LIBRARY_IMPORTS.has(pair) && !Object.entries(ALLOWED_SOURCES).some(([file, mods]) => mods.some((m) => pair === `${file} -> ${m}`)));
    assert.deepEqual(unexpected, []);
    // Negative control: the transport's `net` import is there, so the metafile scan works.
    assert.ok(found.has('node_modules/vscode-jsonrpc/lib/node/main.js -> net'));
    for (const file of result.outputFiles) {
      const code = file.text;
      assert.equal(/\beval\s*\(|\bnew Function\s*\(/.exec(code)?.[0], undefined, `${relative(ROOT, file.path)} calls eval or new Function`);
    }
  });
});

/** `input -> module` for every import of an executing built-in in a bundle, library paths from node_modules/. */
function bundleImports(metafile: Metafile): Set<string> {
  const pairs = new Set<string>();
  for (const [input, info] of Object.entries(metafile.inputs)) {
    const file = input.replace(/^(?:.*\/)?node_modules\//, 'node_modules/');
    for (const imp of info.imports) if (EXECUTING.has(bare(imp.path))) pairs.add(`${file} -> ${bare(imp.path)}`);
  }
  return pairs;
}
