/**
 * A path as seen from the file that mentions it: relative to that file's folder (`../app/Dockerfile`),
 * or absolute when the two share no folder but the root.
 */
export function displayPath(path: string, from: string): string {
  const target = path.split('/');
  const base = from.split('/').slice(0, -1);
  let common = 0;
  while (common < base.length && common < target.length - 1 && base[common] === target[common]) common++;
  if (common <= 1) return path;
  return [...Array<string>(base.length - common).fill('..'), ...target.slice(common)].join('/');
}
