import { describe, expect, it } from 'vitest';
import { cloudFileName } from './cloud-png';

describe('word cloud image', () => {
  it('names the file after the prompt', () => {
    expect(cloudFileName('Ce qui rend la coopération possible ?')).toBe('nuage-ce-qui-rend-la-cooperation-possible.png');
    expect(cloudFileName('« ! »')).toBe('nuage.png');
  });
});
