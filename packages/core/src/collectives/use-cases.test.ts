import { describe, expect, it } from 'vitest';
import type { MemberRecord } from './ports';
import { parisToday, presentMember, progressOf, saveSheetSection } from './use-cases';
import { emptySection, SHEET_SECTIONS } from './workspace';

describe('collectives’ pure rules', () => {
  it('reads today in Paris, not in UTC', () => {
    expect(parisToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(parisToday(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
  });

  it('counts sections written, live steps, steps overdue and open requests', () => {
    const sections = SHEET_SECTIONS.map((section, i) => ({
      section,
      content: i === 0 ? { text: 'écrit' } : i === 1 ? emptySection('enjeux') : emptySection(section),
      version: i < 2 ? 1 : 0,
    }));
    const steps = [
      { dueOn: '2026-01-01', status: 'a_faire' },
      { dueOn: '2026-01-01', status: 'fait' },
      { dueOn: '2026-01-01', status: 'abandonne' },
      { dueOn: null, status: 'en_cours' },
    ];
    expect(progressOf({ sections, steps, openRequests: 2 } as unknown as Parameters<typeof progressOf>[0], '2026-02-01')).toEqual({
      sectionsFilled: 1,
      sectionsTotal: 11,
      stepsDone: 1,
      stepsTotal: 3,
      stepsOverdue: 1,
      openRequests: 2,
    });
  });

  it('hides contact details from who may not read them', () => {
    const member = { id: 'm', name: 'Awa', email: 'awa@exemple.fr', phone: '06', userId: 'u' } as unknown as MemberRecord;
    expect(presentMember(member, false)).toMatchObject({ email: null, phone: null });
    expect(presentMember(member, true)).toMatchObject({ email: 'awa@exemple.fr', phone: '06' });
    expect(presentMember(member, true)).not.toHaveProperty('userId');
  });

  it('names the faulty fields of a section’s content body.content.<field>, before touching the store', async () => {
    const deps = { repo: {} as never, now: () => new Date(0) };
    const result = await saveSheetSection(deps, {
      collectiveId: 'c',
      section: 'financement',
      baseVersion: 0,
      content: { text: 'x', leads: [{ funder: '', scheme: '', amount: -1, status: 'piste' }] },
      userId: null,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe('validation');
      expect(((result.details?.errors ?? []) as { field: string }[]).map((e) => e.field)).toEqual([
        'body.content.leads.0.funder',
        'body.content.leads.0.amount',
      ]);
    }
  });
});
