import { describe, expect, it } from 'vitest';
import {
  acceptance,
  baseOf,
  conflictingFields,
  fieldsOfBody,
  type OrganisationFields,
  proposalBody,
  proposalDiff,
  proposedChanges,
  refusal,
} from './proposals';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const TH = '33333333-3333-4333-8333-333333333333';

const record: OrganisationFields = {
  name: 'Mairie de Castelnoir',
  kind: 'collectivite',
  siren: null,
  siret: null,
  rna: null,
  communeId: T1,
  territoryIds: [T1],
  themeIds: [],
  description: null,
  address: '1 place de la Mairie',
  website: null,
  publicEmail: null,
  publicPhone: null,
};

describe('organisation proposals', () => {
  it('parses the edit form with the version read and an optional message', () => {
    const body = proposalBody.parse({
      name: ' Mairie de Castelnoir ',
      kind: 'collectivite',
      communeId: T1,
      territoryIds: [T1],
      website: 'https://castelnoir.exemple.fr',
      address: '1 place de la Mairie',
      baseVersion: 3,
      message: '  ',
    });
    expect(body.message).toBeNull();
    expect(fieldsOfBody(body)).toEqual({ ...record, website: 'https://castelnoir.exemple.fr' });
    const bad = proposalBody.safeParse({ name: 'Mairie', kind: 'collectivite', territoryIds: [T1], baseVersion: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('version invalide');
  });

  it('keeps only the fields that differ, with their values as the author read them', () => {
    const proposed = { ...record, website: 'https://castelnoir.exemple.fr', themeIds: [TH], territoryIds: [T1] };
    const changes = proposedChanges(record, proposed);
    expect(changes).toEqual({ website: 'https://castelnoir.exemple.fr', themeIds: [TH] });
    expect(baseOf(record, changes)).toEqual({ website: null, themeIds: [] });
    expect(proposedChanges(record, { ...record })).toEqual({});
  });

  it('shows the decider each field before and after, with names for ids and kinds', () => {
    const diff = proposalDiff(
      { territoryIds: [T1], kind: 'collectivite', website: null },
      { territoryIds: [T1, T2], kind: 'etat', website: 'https://x.exemple.fr' },
      {
        territories: new Map([
          [T1, 'Valbourg'],
          [T2, 'Agglo du Lys'],
        ]),
        themes: new Map(),
        kinds: { collectivite: 'Collectivité', etat: 'Services de l’État' },
      },
    );
    expect(diff).toEqual([
      { field: 'kind', before: 'Collectivité', after: 'Services de l’État' },
      { field: 'territoryIds', before: 'Valbourg', after: 'Agglo du Lys, Valbourg' },
      { field: 'website', before: null, after: 'https://x.exemple.fr' },
    ]);
  });

  it('applies a proposal on the version read, or on a newer one that changed other fields', () => {
    const proposal = { status: 'proposed' as const, base: { website: null }, changes: { website: 'https://a.exemple.fr' }, baseVersion: 1 };
    expect(acceptance(proposal, { fields: record, version: 1 })).toEqual({
      ok: true,
      value: { ...record, website: 'https://a.exemple.fr' },
    });
    const otherField = { ...record, address: '2 rue Neuve' };
    expect(acceptance(proposal, { fields: otherField, version: 2 })).toEqual({
      ok: true,
      value: { ...otherField, website: 'https://a.exemple.fr' },
    });
  });

  it('refuses a proposal whose fields were changed since, and one already decided', () => {
    const proposal = { status: 'proposed' as const, base: { website: null }, changes: { website: 'https://a.exemple.fr' }, baseVersion: 1 };
    const changed = { ...record, website: 'https://b.exemple.fr' };
    expect(conflictingFields(proposal.base, proposal.changes, changed)).toEqual(['website']);
    expect(acceptance(proposal, { fields: changed, version: 2 })).toEqual({
      ok: false,
      error: 'organisation_changed_since_proposal',
      details: { fields: ['website'] },
    });
    expect(acceptance({ ...proposal, status: 'refused' }, { fields: record, version: 1 })).toMatchObject({
      error: 'proposal_already_decided',
    });
    expect(refusal({ status: 'accepted' })).toMatchObject({ ok: false, error: 'proposal_already_decided' });
    expect(refusal({ status: 'proposed' }).ok).toBe(true);
  });
});
