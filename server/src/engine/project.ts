import type { SourceFile, Span } from './source';

/**
 * Facts from other files of the workspace, for the rules that look across files. The engine only
 * defines what it asks; the language server and the CLI answer from disk (and open documents).
 * Paths are absolute. Without a project (a lone file, a test), these rules stay silent.
 */
export interface ProjectFacts {
  /** The build context of a Dockerfile: compose `build.context` when a compose file builds it, else its folder. */
  buildContext(dockerfile: string): BuildContext | undefined;
  /** What a Dockerfile of the workspace says about the user its image runs as. */
  builtImage(dockerfile: string): BuiltImage | undefined;
  /** The Dockerfile a compose service builds (`build:`), if it is in the workspace. */
  serviceDockerfile(composeFile: string, service: string): string | undefined;
  /** The Dockerfile that builds an image name (`registry/repository`), from compose `image:` next to `build:`. */
  imageDockerfile(imageName: string): string | undefined;
}

export interface BuildContext {
  /** The context folder. */
  readonly dir: string;
  /** The `.dockerignore` that applies (`<Dockerfile>.dockerignore` or the context's), if any. */
  readonly dockerignore: string | undefined;
  /** Files of the context that look like credentials and that the `.dockerignore` does not exclude. */
  readonly secrets: readonly ContextSecret[];
}

export interface ContextSecret {
  /** Relative to the context folder, forward slashes. */
  readonly path: string;
  /** What it is: "a private key", "an environment file", ... */
  readonly what: string;
}

export interface BuiltImage {
  readonly dockerfile: SourceFile;
  readonly runsAs: 'root' | 'non-root' | 'unknown';
  /** The final USER is a name rather than a numeric UID. */
  readonly named: boolean | undefined;
  /** The final USER as written, if any. */
  readonly user: string | undefined;
  /** A UID the Dockerfile gives that named user (`useradd -u 1000 app`), when it says so. */
  readonly uid: number | undefined;
  /** Where the decision is written in the Dockerfile (the USER argument or the final FROM image). */
  readonly span: Span;
}
