// The single-threaded parse floor of a corpus, run like a CLI: walk, read each file, parse it with
// dockerfile-ast or yaml (parseAllDocuments), drop it. What a linter built on these parsers cannot beat
// on one thread.  node bench/parse-floor.js <corpus>
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseAllDocuments } = require('yaml');
const { DockerfileParser } = require('dockerfile-ast');

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git') yield* walk(p); } else if (e.isFile()) yield p;
  }
}
let files = 0;
for (const p of walk(process.argv[2])) {
  const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  if (/\.ya?ml$/.test(base)) parseAllDocuments(readFileSync(p, 'utf8'));
  else if (/^(dockerfile|containerfile)([.-].*)?$|\.(dockerfile|containerfile)$/.test(base)) DockerfileParser.parse(readFileSync(p, 'utf8'));
  else continue;
  files++;
}
console.log(JSON.stringify({ files }));
