import { IDEA_MAX_LENGTH, KEYWORD_MAX_LENGTH, keywordKey } from '@maillage/core';

/**
 * Paper results typed back in the console, checked before they leave: what the facilitator typed
 * from the sheets becomes the body of the API's paper-entry routes, and every problem (here or in
 * the API's answer) is tied to the row and field at fault, as a catalogue key with its values.
 */

export interface KeywordRow {
  readonly group: string;
  readonly text: string;
}

export interface IdeaRow {
  readonly theme: string;
  readonly text: string;
}

/** A problem with one field of one row: `row` is the index among the rows shown. */
export interface RowError {
  readonly row: number;
  readonly field: 'group' | 'text' | 'theme';
  readonly key: string;
  readonly params?: Record<string, string | number>;
}

export type Checked<B> = { ok: true; body: B; rows: number[] } | { ok: false; errors: RowError[] };

const blank = (s: string) => s.trim() === '';

/**
 * Keyword rows to `{ keywords: [{ group, text }] }`. Empty rows are skipped; in group mode each
 * word needs its group's number (a whole number from 1), and a group appears once.
 * @returns the body and, for each keyword sent, the row it came from (to place the API's errors).
 */
export function checkKeywords(
  rows: readonly KeywordRow[],
  mode: 'person' | 'group',
): Checked<{ keywords: { group: number | null; text: string }[] }> {
  const errors: RowError[] = [];
  const keywords: { group: number | null; text: string }[] = [];
  const from: number[] = [];
  const seen = new Map<number, number>();
  rows.forEach((r, row) => {
    if (blank(r.text) && (mode === 'person' || blank(r.group))) return;
    let group: number | null = null;
    if (mode === 'group') {
      const n = Number(r.group.trim());
      if (blank(r.group)) errors.push({ row, field: 'group', key: 'live.paper.error.groupMissing' });
      else if (!Number.isInteger(n) || n < 1 || n > 999) errors.push({ row, field: 'group', key: 'live.paper.error.groupNumber' });
      else if (seen.has(n))
        errors.push({ row, field: 'group', key: 'live.paper.error.groupTwice', params: { line: (seen.get(n) as number) + 1 } });
      else {
        seen.set(n, row);
        group = n;
      }
    }
    const text = r.text.trim().replace(/\s+/g, ' ');
    if (!text) errors.push({ row, field: 'text', key: 'live.paper.error.wordMissing' });
    else if (text.length > KEYWORD_MAX_LENGTH)
      errors.push({ row, field: 'text', key: 'live.paper.error.tooLong', params: { max: KEYWORD_MAX_LENGTH } });
    else if (!keywordKey(text)) errors.push({ row, field: 'text', key: 'live.paper.error.wordEmpty' });
    keywords.push({ group, text });
    from.push(row);
  });
  if (errors.length) return { ok: false, errors };
  if (keywords.length === 0) return { ok: false, errors: [{ row: 0, field: 'text', key: 'live.paper.error.nothing' }] };
  return { ok: true, body: { keywords }, rows: from };
}

/** Idea rows to `{ ideas: [{ theme, text }] }` (theme: its index in the wall's themes). */
export function checkIdeas(rows: readonly IdeaRow[], themes: number): Checked<{ ideas: { theme: number; text: string }[] }> {
  const errors: RowError[] = [];
  const ideas: { theme: number; text: string }[] = [];
  const from: number[] = [];
  rows.forEach((r, row) => {
    if (blank(r.text)) return;
    const theme = Number(r.theme);
    if (blank(r.theme) || !Number.isInteger(theme) || theme < 0 || theme >= Math.max(1, themes))
      errors.push({ row, field: 'theme', key: 'live.paper.error.themeMissing' });
    const text = r.text.trim().replace(/\s+/g, ' ');
    if (text.length < 2) errors.push({ row, field: 'text', key: 'live.paper.error.ideaShort' });
    else if (text.length > IDEA_MAX_LENGTH)
      errors.push({ row, field: 'text', key: 'live.paper.error.tooLong', params: { max: IDEA_MAX_LENGTH } });
    ideas.push({ theme, text });
    from.push(row);
  });
  if (errors.length) return { ok: false, errors };
  if (ideas.length === 0) return { ok: false, errors: [{ row: 0, field: 'text', key: 'live.paper.error.nothing' }] };
  return { ok: true, body: { ideas }, rows: from };
}

/**
 * The API's field errors (`body.keywords.2.text`) placed on the rows they came from; errors
 * that name no row are left to the form's general alert.
 */
export function rowErrorsFromApi(
  list: 'keywords' | 'ideas',
  fieldErrors: readonly { field: string; message: string }[],
  rows: readonly number[],
): { row: number; field: 'group' | 'text' | 'theme'; message: string }[] {
  const out: { row: number; field: 'group' | 'text' | 'theme'; message: string }[] = [];
  for (const e of fieldErrors) {
    const m = new RegExp(`^body\\.${list}\\.(\\d+)\\.(group|text|theme)$`).exec(e.field);
    const row = m ? rows[Number(m[1])] : undefined;
    if (m && row !== undefined) out.push({ row, field: m[2] as 'group' | 'text' | 'theme', message: e.message });
  }
  return out;
}
