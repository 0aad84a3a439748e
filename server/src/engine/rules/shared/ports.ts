/**
 * Port specifications as Docker reads them in `EXPOSE` and Compose `ports` targets:
 * `PORT[-END][/PROTOCOL]`, protocol one of tcp, udp, sctp (any case; tcp when absent).
 */
export interface PortRange {
  readonly start: number;
  readonly end: number;
  /** Lower-cased; `tcp` when not written. */
  readonly protocol: string;
}

export type PortProblem = 'malformed' | 'outOfRange' | 'reversedRange' | 'badProtocol' | 'hostMapping';

export type PortParse = { readonly ok: true; readonly range: PortRange } | { readonly ok: false; readonly problem: PortProblem };

export const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);
export const MAX_PORT = 65535;

const NUMBER = /^\d+$/;

/**
 * Parses `80`, `80/udp`, `8000-8010/tcp`. `80:80` (a host mapping, which EXPOSE cannot do) is
 * reported as `hostMapping`. The caller skips text with unresolved variables.
 */
export function parsePortSpec(text: string): PortParse {
  const slash = text.indexOf('/');
  const spec = slash < 0 ? text : text.slice(0, slash);
  const protocol = slash < 0 ? 'tcp' : text.slice(slash + 1).toLowerCase() || 'tcp';
  if (spec.includes(':')) return { ok: false, problem: 'hostMapping' };
  if (slash >= 0 && !PROTOCOLS.has(protocol)) return { ok: false, problem: 'badProtocol' };
  const dash = spec.indexOf('-');
  const first = dash < 0 ? spec : spec.slice(0, dash);
  const last = dash < 0 ? spec : spec.slice(dash + 1);
  if (!NUMBER.test(first) || !NUMBER.test(last)) return { ok: false, problem: 'malformed' };
  const start = Number(first);
  const end = Number(last);
  if (start > MAX_PORT || end > MAX_PORT) return { ok: false, problem: 'outOfRange' };
  if (end < start) return { ok: false, problem: 'reversedRange' };
  return { ok: true, range: { start, end, protocol } };
}

export function rangeIncludes(range: PortRange, port: number): boolean {
  return range.start <= port && port <= range.end;
}
