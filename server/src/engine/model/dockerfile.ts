import type { ShellScript } from '../parse/shell';
import type { SourceFile, Span } from '../source';
import type { ImageRef } from './image';

/** An argument of an instruction: its value with escapes and quotes as Docker reads them. */
export interface Word {
  readonly value: string;
  readonly span: Span;
}

/** `--name=value` before the arguments of FROM, RUN, COPY, ADD, HEALTHCHECK. */
export interface Flag {
  readonly name: string;
  readonly value: string | undefined;
  readonly span: Span;
  readonly valueSpan: Span | undefined;
}

/** A `KEY=value` (or legacy `KEY value`) pair of ENV, ARG or LABEL. */
export interface Property {
  readonly name: string;
  readonly nameSpan: Span;
  /** Unquoted value; undefined for `ARG NAME` without a default. */
  readonly value: string | undefined;
  readonly valueSpan: Span | undefined;
  readonly span: Span;
}

export interface Heredoc {
  readonly name: string;
  readonly content: string;
  /** The body between the `<<NAME` line and the delimiter line. */
  readonly contentSpan: Span;
}

/** A `RUN --mount=type=...` flag split into its options. */
export interface Mount {
  readonly type: string;
  readonly options: ReadonlyMap<string, string>;
  readonly span: Span;
}

export interface Instruction {
  /** Upper-case keyword: `RUN`, `FROM`, ... (the trigger's keyword for ONBUILD triggers). */
  readonly keyword: string;
  readonly keywordSpan: Span;
  /** The whole instruction including continuation lines and heredoc bodies. */
  readonly span: Span;
  /** From the first argument (after flags) to the end of the instruction; undefined when there are none. */
  readonly argsSpan: Span | undefined;
  /** Arguments after the flags, as Docker splits them (shell form) or the JSON strings (exec form). */
  readonly args: readonly Word[];
  readonly flags: readonly Flag[];
  /** Exec (JSON array) form: `CMD ["app"]`. */
  readonly jsonForm: boolean;
  readonly heredocs: readonly Heredoc[];
  /** The stage the instruction belongs to; undefined for ARGs before the first FROM. */
  readonly stage: Stage | undefined;
  /** True for the trigger of `ONBUILD <instruction>`: it runs in images built FROM this one. */
  readonly onbuild: boolean;
  /** ENV, ARG, LABEL pairs. */
  readonly properties: readonly Property[];
  /** RUN: the command line and any heredoc scripts, tokenized once. */
  readonly shell: ShellScript | undefined;
  /** RUN: `--mount` flags. */
  readonly mounts: readonly Mount[];
}

export interface Stage {
  /** 0-based position among the FROMs. */
  readonly index: number;
  /** The `AS name` (lower-cased, as Docker compares stage names). */
  readonly name: string | undefined;
  readonly from: Instruction;
  /**
   * The image of FROM with ARGs substituted. Undefined when it names an earlier stage
   * (`baseStage`) or is `scratch`.
   */
  readonly image: ImageRef | undefined;
  /** The earlier stage this one is built FROM, if any. */
  readonly baseStage: Stage | undefined;
  readonly isScratch: boolean;
  /** Instructions after FROM up to the next FROM (FROM itself excluded). */
  readonly instructions: readonly Instruction[];
  /** `stage.name` or its index, for messages. */
  readonly label: string;
}

export interface DockerfileComment {
  /** Text after `#`, trimmed. */
  readonly text: string;
  readonly span: Span;
}

export interface DockerfileModel {
  readonly source: SourceFile;
  readonly escapeChar: string;
  /** Every instruction in order, ONBUILD triggers included (flagged `onbuild`). */
  readonly instructions: readonly Instruction[];
  readonly stages: readonly Stage[];
  /** ARGs before the first FROM (they are in scope for FROM lines only). */
  readonly globalArgs: readonly Instruction[];
  readonly comments: readonly DockerfileComment[];
  /** Parse problems (e.g. unterminated heredoc, unterminated quote in RUN). */
  readonly problems: readonly { message: string; span: Span }[];
}

/** The stage that ships: the last one. */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** A stage followed by the stages it is built FROM, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.baseStage) chain.push(s);
  return chain;
}

/** The last instruction with `keyword` in the stage's chain (inherited from base stages), ONBUILD triggers excluded. */
export function lastInChain(stage: Stage, keyword: string): Instruction | undefined {
  for (const s of stageChain(stage)) {
    for (let i = s.instructions.length - 1; i >= 0; i--) {
      const ins = s.instructions[i]!;
      if (ins.keyword === keyword && !ins.onbuild) return ins;
    }
  }
  return undefined;
}
