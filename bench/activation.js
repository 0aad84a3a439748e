// Measures extension activation outside VS Code: loads dist/client.js with a stub of the `vscode`
// module (every API is a no-op) and calls activate(). The server starts lazily and is not awaited by
// activate, so this is the cost the editor pays on the activation event.  node bench/activation.js
'use strict';
const Module = require('node:module');
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** A value for any property path: callable, constructible, iterable as empty, thenable as nothing. */
function stub(name) {
  const fn = function () { return stub(`${name}()`); };
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'version') return '1.99.0';
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'dispose') return () => undefined;
      return stub(`${name}.${String(prop)}`);
    },
    construct() { return stub(`new ${name}`); },
  });
}
// esbuild's interop copies the module's own keys, so the stub lists the API names the bundle uses.
const bundle = ['client.js', 'language-client.js'].map((f) => readFileSync(join(__dirname, '..', 'dist', f), 'utf8')).join('\n');
const names = new Set([
  ...[...bundle.matchAll(/\.([A-Z][A-Za-z0-9_]*)\b/g)].map((m) => m[1]),
  'window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'debug', 'tasks', 'notebooks', 'l10n', 'authentication', 'scm', 'tests', 'comments', 'version',
]);
const vscode = Object.fromEntries([...names].map((n) => [n, n === 'version' ? '1.99.0' : stub(`vscode.${n}`)]));
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const root = join(__dirname, '..');
const t0 = performance.now();
const extension = require(join(root, 'dist', 'client.js'));
const loaded = performance.now();
extension.activate({ subscriptions: [], asAbsolutePath: (p) => join(root, p), extensionUri: stub('uri'), extensionPath: root });
const activated = performance.now();
// What the extension host pays right after activation: loading the language client bundle.
const lspStart = performance.now();
require(join(root, 'dist', 'language-client.js'));
const lspLoaded = performance.now();
// Neither bundle of the extension may carry the engine (it runs in the server process).
const engine = ['client', 'language-client']
  .map((name) => JSON.parse(readFileSync(join(root, 'dist', `${name}.meta.json`), 'utf8')))
  .reduce((n, meta) => n + Object.keys(meta.inputs).filter((p) => p.includes('server/src/engine/')).length, 0);
console.log(JSON.stringify({
  loadMs: Math.round((loaded - t0) * 10) / 10,
  activateMs: Math.round((activated - t0) * 10) / 10,
  languageClientLoadMs: Math.round((lspLoaded - lspStart) * 10) / 10,
  clientBundleKb: Math.round(statSync(join(root, 'dist', 'client.js')).size / 1024),
  // Loaded right after activation: vscode-languageclient and the audit UI.
  languageClientBundleKb: Math.round(statSync(join(root, 'dist', 'language-client.js')).size / 1024),
  engineModulesInClient: engine,
}));
process.exit(0);
