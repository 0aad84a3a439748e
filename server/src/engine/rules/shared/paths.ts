/** A path as seen from the file that mentions it: relative when it is below that file's folder. */
export function displayPath(path: string, from: string): string {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  return dir && path.startsWith(dir) ? path.slice(dir.length) : path;
}
