/**
 * Shrinks a failing input while it keeps failing the same way (delta debugging: drop chunks of
 * lines, then of characters), so a regression test can hold the few lines that matter.
 */
export function minimize(text: string, fails: (candidate: string) => boolean, budgetMs = 60_000): string {
  const deadline = Date.now() + budgetMs;
  let current = shrink(text.split(/(?<=\n)/), fails, deadline).join('');
  if (current.length <= 20_000) current = shrink([...current], fails, deadline).join('');
  return current;
}

function shrink(parts: string[], fails: (candidate: string) => boolean, deadline: number): string[] {
  let chunk = Math.max(1, Math.floor(parts.length / 2));
  while (chunk >= 1 && Date.now() < deadline) {
    let removed = false;
    for (let start = 0; start < parts.length && Date.now() < deadline; ) {
      const candidate = [...parts.slice(0, start), ...parts.slice(start + chunk)];
      if (candidate.length < parts.length && fails(candidate.join(''))) {
        parts = candidate;
        removed = true;
      } else start += chunk;
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return parts;
}
