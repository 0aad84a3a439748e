import { parseDockerignore } from '../dockerignore';
import { finalStage, stageChain, type Instruction, type Word } from '../model/dockerfile';
import type { ContextSecret } from '../project';
import { defineRule, type Related } from '../rule';
import { SourceFile } from '../source';
import { secretFileKind } from './shared/secrets';

/** Remote sources (ADD <url>, git repositories) are not files of the build context. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** Related places listed for one COPY; the message counts the rest. */
const MAX_RELATED = 5;

export default defineRule<'secretFile' | 'secretDestination' | 'contextSecret'>({
  id: 'secret-file-in-image',
  title: 'Key or credential file copied into the image',
  severity: 'error',
  fix: 'none',
  refs: ['Trivy DS-0031', 'CIS Docker 4.10', 'CWE-538'],
  messages: {
    secretFile: '{{keyword}} copies {{what}} ("{{path}}") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) or keep it out of the image.',
    secretDestination: '{{keyword}} writes {{what}} ("{{path}}") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) instead.',
    contextSecret: '{{keyword}} {{source}} copies {{what}} ("{{path}}"){{more}} from the build context into the image, because .dockerignore does not exclude it; exclude it there or copy only what the image needs.',
  },
  check: {
    dockerfile(model, ctx) {
      // Only the final stage's chain ships: builder stages may hold an .npmrc for `npm ci`.
      const final = finalStage(model);
      if (!final) return;
      for (const stage of stageChain(final)) {
        for (const ins of stage.instructions) {
          if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
          for (const { word, path, what, heredoc } of secretPaths(ins)) {
            ctx.report({ span: word.span, messageId: heredoc ? 'secretDestination' : 'secretFile', data: { keyword: ins.keyword, what, path } });
          }
          // Folders and `.` pull in whatever the build context holds (cross-file: needs the workspace).
          const context = ctx.project?.buildContext(ctx.source.path);
          if (!context || context.secrets.length === 0 || ins.heredocs.length > 0 || ins.flags.some((f) => f.name === 'from')) continue;
          for (const word of ins.args.slice(0, -1)) {
            const leaked = secretsUnder(context.secrets, word.value);
            if (leaked.length === 0) continue;
            const [first] = leaked;
            const related: Related[] = leaked.slice(0, MAX_RELATED).map((s) => ({
              file: new SourceFile(`${context.dir}/${s.path}`, ''),
              span: { start: 0, end: 0 },
              message: `${s.path}: ${s.what}, in the build context and not excluded by .dockerignore`,
            }));
            const more = leaked.length > 1 ? ` and ${leaked.length - 1} more such ${leaked.length === 2 ? 'file' : 'files'}` : '';
            ctx.report({ span: word.span, messageId: 'contextSecret', data: { keyword: ins.keyword, source: word.value, what: first!.what, path: first!.path, more }, related });
          }
        }
      }
    },
  },
});

interface SecretPath {
  readonly word: Word;
  readonly path: string;
  readonly what: string;
  readonly heredoc: boolean;
}

/** The sources of COPY/ADD that name key or credential files; for heredoc copies, the destination. */
function secretPaths(ins: Instruction): SecretPath[] {
  const out: SecretPath[] = [];
  if (ins.heredocs.length > 0) {
    // `COPY <<EOF <<EOT /dest` + bodies: the destination is the first word after the markers.
    const dest = ins.args.find((a) => !a.value.startsWith('<<'));
    const what = dest && secretFileKind(dest.value);
    if (dest && what) out.push({ word: dest, path: dest.value, what, heredoc: true });
    return out;
  }
  const args = ins.args;
  for (const word of args.slice(0, -1)) {
    const path = word.value;
    if (REMOTE.test(path) || path.includes('$')) continue;
    const what = secretFileKind(path);
    if (what) out.push({ word, path, what, heredoc: false });
  }
  return out;
}

/**
 * The context secrets a COPY/ADD source takes in: `.` takes all, a folder what is below it, a
 * glob (Go filepath.Match, as Docker) what it matches or holds. Remote sources take none.
 */
function secretsUnder(secrets: readonly ContextSecret[], source: string): ContextSecret[] {
  if (REMOTE.test(source) || source.includes('$')) return [];
  const clean = source.replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
  if (clean === '') return [...secrets];
  // A source pattern matches like a .dockerignore line would: the path itself or a folder above it.
  const [pattern] = parseDockerignore(clean);
  if (!pattern) return [];
  return secrets.filter((s) => {
    const parts = s.path.split('/');
    return parts.some((_, i) => pattern.regex.test(parts.slice(0, i + 1).join('/')));
  });
}
