import { describe, expect, it } from 'vitest';
import { framingBlocks } from './framing';

describe('framingBlocks', () => {
  it('reads paragraphs, lists and headings of the note de cadrage', () => {
    const text =
      '# Objet\nL’appel soutient\nles actions des quartiers.\n\n- la **réussite** éducative ;\n- l’emploi.\nDate limite : 30 novembre.';
    expect(framingBlocks(text)).toEqual([
      { kind: 'heading', text: 'Objet' },
      { kind: 'paragraph', text: 'L’appel soutient les actions des quartiers.' },
      { kind: 'list', items: ['la **réussite** éducative ;', 'l’emploi.'] },
      { kind: 'paragraph', text: 'Date limite : 30 novembre.' },
    ]);
    expect(framingBlocks('')).toEqual([]);
  });
});
