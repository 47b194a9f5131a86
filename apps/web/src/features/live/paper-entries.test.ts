import { describe, expect, it } from 'vitest';
import { livePaperFr } from './paper-messages-fr';
import { checkIdeas, checkKeywords, rowErrorsFromApi } from './paper-entries';

describe('paper keywords typed back', () => {
  it('sends one keyword per filled line with its group, skipping empty lines', () => {
    const checked = checkKeywords(
      [
        { group: ' 3 ', text: '  Confiance  mutuelle ' },
        { group: '', text: '' },
        { group: '1', text: 'Écoute' },
      ],
      'group',
    );
    expect(checked).toEqual({
      ok: true,
      body: {
        keywords: [
          { group: 3, text: 'Confiance mutuelle' },
          { group: 1, text: 'Écoute' },
        ],
      },
      rows: [0, 2],
    });
  });

  it('ties each problem to its line and field, with a message that exists in the catalogue', () => {
    const checked = checkKeywords(
      [
        { group: '', text: 'Confiance' },
        { group: '2', text: '' },
        { group: '2,5', text: 'Temps' },
        { group: '4', text: '« ! »' },
        { group: '4', text: 'Respect' },
      ],
      'group',
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => [e.row, e.field, e.key])).toEqual([
      [0, 'group', 'live.paper.error.groupMissing'],
      [1, 'text', 'live.paper.error.wordMissing'],
      [2, 'group', 'live.paper.error.groupNumber'],
      [3, 'text', 'live.paper.error.wordEmpty'],
      [4, 'group', 'live.paper.error.groupTwice'],
    ]);
    expect(checked.errors[4]?.params).toEqual({ line: 4 });
    for (const e of checked.errors) expect(livePaperFr).toHaveProperty([e.key]);
  });

  it('takes words without groups in person mode, and refuses a sheet with nothing on it', () => {
    expect(checkKeywords([{ group: '7', text: 'Partage' }], 'person')).toMatchObject({
      ok: true,
      body: { keywords: [{ group: null, text: 'Partage' }] },
    });
    expect(checkKeywords([{ group: '', text: '  ' }], 'person')).toMatchObject({
      ok: false,
      errors: [{ key: 'live.paper.error.nothing' }],
    });
  });
});

describe('paper ideas typed back', () => {
  it('sends the theme index of each idea and refuses a theme the wall does not have', () => {
    expect(
      checkIdeas(
        [
          { theme: '1', text: 'Un café des parents' },
          { theme: '0', text: '' },
        ],
        2,
      ),
    ).toEqual({ ok: true, body: { ideas: [{ theme: 1, text: 'Un café des parents' }] }, rows: [0] });
    const bad = checkIdeas(
      [
        { theme: '2', text: 'Un jardin partagé' },
        { theme: '0', text: 'x' },
      ],
      2,
    );
    expect(bad.ok ? [] : bad.errors.map((e) => [e.row, e.field, e.key])).toEqual([
      [0, 'theme', 'live.paper.error.themeMissing'],
      [1, 'text', 'live.paper.error.ideaShort'],
    ]);
  });
});

describe("the API's field errors", () => {
  it('land on the line they came from, empty lines skipped', () => {
    const placed = rowErrorsFromApi(
      'keywords',
      [
        { field: 'body.keywords.1.text', message: 'au plus 60 caractères' },
        { field: 'body.keywords', message: 'aucun mot' },
      ],
      [0, 2],
    );
    expect(placed).toEqual([{ row: 2, field: 'text', message: 'au plus 60 caractères' }]);
  });
});
