import { findRule, PROFILES, type ProfileName, type Severity } from '../engine';

export const FORMATS = ['stylish', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export type FailOn = Severity | 'never';

export interface CliOptions {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output: string | undefined;
  readonly config: string | undefined;
  readonly profile: ProfileName | undefined;
  /** Run only these rules. */
  readonly only: readonly string[] | undefined;
  readonly failOn: FailOn;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  /** Worker threads (default: one per core). */
  readonly workers: number | undefined;
  readonly ignoreFile: boolean;
  readonly color: boolean | undefined;
  readonly help: boolean;
  readonly version: boolean;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: bulkhead [paths...] [options]

Lints Dockerfiles, Compose files and Kubernetes manifests for container security.
Paths may be files or folders (default: the current folder).

Options:
  --format <stylish|json|sarif|markdown|html>
                                  output format (default: stylish); markdown and html include the image inventory
  --output, -o <file>             write the report to a file instead of stdout
  --config <file>                 use only this config file instead of discovering .bulkhead.yaml files
  --profile <name>                recommended | pss-baseline | pss-restricted | cis-docker | strict
  --only <rule-id,...>            run only these rules (repeatable)
  --fail-on <error|warning|info|never>
                                  exit 1 when a finding at or above this severity remains (default: error)
  --fix                           apply safe fixes in place and report what changed
  --fix-dry-run                   print the safe fixes as a diff, change nothing
  --workers <n>                   analyse on n threads (default: one per core; 1 = no worker threads)
  --no-ignore-file                do not honour .gitignore and .bulkheadignore files
  --color / --no-color            force or disable colours (default: when stdout is a terminal)
  -h, --help                      show this help
  -v, --version                   print the version

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.`;

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value.startsWith('--')) throw new UsageError(`option ${option} needs a value (${allowed.join(', ')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`invalid value "${value}" for ${option}; expected one of: ${allowed.join(', ')}`);
  return value as T;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const paths: string[] = [];
  let format: Format = 'stylish';
  let output: string | undefined;
  let config: string | undefined;
  let profile: ProfileName | undefined;
  let only: string[] | undefined;
  let failOn: FailOn = 'error';
  let fix = false;
  let fixDryRun = false;
  let workers: number | undefined;
  let ignoreFile = true;
  let color: boolean | undefined;
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const arg = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string | undefined => (eq > 0 ? raw.slice(eq + 1) : argv[++i]);
    const path = (option: string): string => {
      const v = value();
      if (v === undefined || v === '') throw new UsageError(`option ${option} needs a file path`);
      return v;
    };
    switch (arg) {
      case '--format': case '-f': format = oneOf(arg, value(), FORMATS); break;
      case '--output': case '-o': output = path(arg); break;
      case '--config': case '-c': config = path(arg); break;
      case '--profile': profile = oneOf(arg, value(), PROFILES); break;
      case '--only': {
        const ids = (value() ?? '').split(',').map((x) => x.trim()).filter(Boolean);
        if (ids.length === 0) throw new UsageError('option --only needs rule ids, e.g. --only image-tag-latest,secret-in-env');
        const unknown = ids.find((id) => !findRule(id));
        if (unknown) throw new UsageError(`unknown rule id "${unknown}" for --only`);
        only = [...(only ?? []), ...ids];
        break;
      }
      case '--fail-on': failOn = oneOf(arg, value(), ['error', 'warning', 'info', 'never'] as const); break;
      case '--fix': fix = true; break;
      case '--fix-dry-run': fixDryRun = true; break;
      case '--workers': {
        const v = value();
        if (v === undefined || !/^[1-9]\d{0,2}$/.test(v)) throw new UsageError(`option --workers needs a whole number from 1 to 999 (got ${v === undefined ? 'nothing' : `"${v}"`})`);
        workers = Number(v);
        break;
      }
      case '--no-ignore-file': ignoreFile = false; break;
      case '--color': color = true; break;
      case '--no-color': color = false; break;
      case '--help': case '-h': help = true; break;
      case '--version': case '-v': version = true; break;
      case '--': paths.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} (see bulkhead --help)`);
        paths.push(raw);
    }
  }
  if (fix && fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  return { paths: paths.length ? paths : ['.'], format, output, config, profile, only, failOn, fix, fixDryRun, workers, ignoreFile, color, help, version };
}
