import type { FileByFileFormat } from './file-by-file';
import { JSON_FORMAT } from './json';
import { sarifFormat } from './sarif';
import { stylishFormat } from './stylish';

/** Plain data naming a file-by-file format, as the analysis threads receive it. */
export interface RenderOptions {
  readonly format: 'json' | 'sarif' | 'stylish';
  /** Stylish only: ANSI colours. */
  readonly color?: boolean;
}

export function fileByFileFormat(render: RenderOptions): FileByFileFormat {
  switch (render.format) {
    case 'json': return JSON_FORMAT;
    case 'sarif': return sarifFormat();
    case 'stylish': return stylishFormat(render.color === true);
  }
}
