import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import containerSocketMounted from './container-socket-mounted';
import cpuLimitMissing from './cpu-limit-missing';
import cpuRequestMissing from './cpu-request-missing';
import datastorePortPublished from './datastore-port-published';
import hostDevicesMapped from './host-devices-mapped';
import hostPathSensitive from './host-path-sensitive';
import hostPathVolume from './host-path-volume';
import hostPortBound from './host-port-bound';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import memoryLimitMissing from './memory-limit-missing';
import memoryRequestMissing from './memory-request-missing';
import pidsLimitMissing from './pids-limit-missing';
import portPrivileged from './port-privileged';
import portPublishedAllInterfaces from './port-published-all-interfaces';
import serviceExposedExternally from './service-exposed-externally';
import syntaxError from './syntax-error';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  containerSocketMounted,
  cpuLimitMissing,
  cpuRequestMissing,
  datastorePortPublished,
  hostDevicesMapped,
  hostPathSensitive,
  hostPathVolume,
  hostPortBound,
  imageTagLatest,
  memoryLimitMissing,
  memoryRequestMissing,
  pidsLimitMissing,
  portPrivileged,
  portPublishedAllInterfaces,
  serviceExposedExternally,
];

/** Rules the engine reports itself (parse errors, limits, failures); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, syntaxError];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
