import { finalStage, stageChain, type Instruction, type Word } from '../model/dockerfile';
import { defineRule } from '../rule';
import { secretFileKind } from './shared/secrets';

/** Remote sources (ADD <url>, git repositories) are not files of the build context. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

export default defineRule<'secretFile' | 'secretDestination'>({
  id: 'secret-file-in-image',
  title: 'Key or credential file copied into the image',
  severity: 'error',
  fix: 'none',
  refs: ['Trivy DS-0031', 'CIS Docker 4.10', 'CWE-538'],
  messages: {
    secretFile: '{{keyword}} copies {{what}} ("{{path}}") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) or keep it out of the image.',
    secretDestination: '{{keyword}} writes {{what}} ("{{path}}") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) instead.',
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
        }
      }
      // The build-context part (`COPY . .` pulling in files that .dockerignore does not exclude)
      // will reuse secretFileKind() over the workspace files.
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

