import type { Fix } from '../../rule';

/** The fixes that could be built (a builder returns undefined when it has nothing safe to offer). */
export function present(...fixes: readonly (Fix | undefined)[]): Fix[] {
  return fixes.filter((f): f is Fix => f !== undefined);
}
