import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

/** The opening tags of the forms of a source file (up to the first `>` outside braces). */
function formTags(text: string): string[] {
  const tags: string[] = [];
  for (let i = text.indexOf('<form'); i >= 0; i = text.indexOf('<form', i + 5)) {
    if (!/[\s>]/.test(text[i + 5] ?? '')) continue;
    let depth = 0;
    let k = i + 5;
    for (; k < text.length; k++) {
      const c = text[k];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0 && text[k - 1] !== '=') break;
    }
    tags.push(text.slice(i, k + 1));
  }
  return tags;
}

describe('forms in the app’s own style', () => {
  it('never lets the browser show its validation pop-ups: every form has noValidate', () => {
    const offenders = sources(src).flatMap((file) =>
      formTags(readFileSync(file, 'utf8'))
        .filter((tag) => !/\bnoValidate\b/.test(tag))
        .map((tag) => `${file.slice(src.length + 1)}: ${tag.replace(/\s+/g, ' ').slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('sends every form through the shared helper, not a copy of it', () => {
    const copies = sources(src).filter((file) => /function useSubmit\b/.test(readFileSync(file, 'utf8')) && !file.endsWith('form.tsx'));
    expect(copies).toEqual([]);
  });
});
