/** Bulkhead's version, reported by the CLI, the server and SARIF; a meta-test keeps it equal to package.json. */
export const VERSION = '0.1.0';
