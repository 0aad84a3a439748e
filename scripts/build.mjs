// Bundles the extension client, the language server and the CLI with esbuild.
//   node scripts/build.mjs [--minify] [--metafile]
import { build } from 'esbuild';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';

const minify = process.argv.includes('--minify');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify, sourcemap: !minify, logLevel: 'warning', legalComments: 'none' };
const entries = [
  // Activation loads only client.js; the language client and the audit UI come right after.
  { name: 'client', entry: 'client/src/extension.ts', external: ['vscode'] },
  { name: 'language-client', entry: 'client/src/language-client.ts', external: ['vscode'] },
  { name: 'server', entry: 'server/src/server.ts' },
  { name: 'cli', entry: 'server/src/cli/main.ts', banner: { js: '#!/usr/bin/env node' } },
  { name: 'worker', entry: 'server/src/analyze/worker.ts' },
];
mkdirSync('dist', { recursive: true });
// A minified build has no source maps: drop stale ones so they never describe other code.
if (!common.sourcemap) for (const e of entries) rmSync(`dist/${e.name}.js.map`, { force: true });
const results = await Promise.all(entries.map((e) => build({ ...common, entryPoints: [e.entry], outfile: `dist/${e.name}.js`, external: e.external, banner: e.banner, metafile: true })));
chmodSync('dist/cli.js', 0o755);
if (process.argv.includes('--metafile')) results.forEach((r, i) => writeFileSync(`dist/${entries[i].name}.meta.json`, JSON.stringify(r.metafile)));
