// Runs the TypeScript worker in a worker thread under tsx (tests use sources, the product uses dist/worker.js).
require('tsx/cjs');
require('../../../server/src/analyze/worker.ts');
