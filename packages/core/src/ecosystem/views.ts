import { z } from 'zod';
import { continuumScale } from './model';
import { organisationKindSchema } from './schemas';

/*
 * What the ecosystem routes answer, as the client reads it (after JSON serialisation: dates are
 * ISO strings). Each route declares its view as its `response`: the contract the OpenAPI
 * document publishes and the tests check every answer against.
 */

const id = z.string();
const text = z.string().nullable();
/** An ISO date, `YYYY-MM-DD`. */
const isoDate = z.string();
const count = z.int().min(0);
/** A level of the cooperation continuum (1 concurrence … 7 intégration). */
export const continuumLevelView = z
  .int()
  .min(continuumScale[0].level)
  .max(continuumScale[continuumScale.length - 1]?.level ?? 7);
/** How many relations at each level of the continuum, level 1 first. */
const levelCountsView = z.array(count).length(continuumScale.length);
const duplicateReasonView = z.enum(['same_siren', 'same_name_and_commune']);
const named = z.object({ id, name: z.string() });
const territoryRef = z.object({ id, name: z.string(), kind: z.string() });
const themeRef = z.object({ id, label: z.string() });
const created = z.object({ id });
const done = z.object({ ok: z.literal(true) });

/** GET /api/ecosystem/themes */
export const themeListView = z.object({
  themes: z.array(z.object({ id, label: z.string(), territoryId: id.nullable() })),
});

/** POST /api/ecosystem/themes */
export const themeCreatedView = created;

/** GET /api/ecosystem/directory */
export const directoryView = z.object({
  organisations: z.array(z.object({ id, name: z.string(), kind: organisationKindSchema, commune: text, themes: z.array(z.string()) })),
  people: z.array(
    z.object({
      id,
      name: z.string(),
      function: text,
      isResource: z.boolean(),
      resourceFor: text,
      organisations: z.array(z.string()),
    }),
  ),
});

/** POST /api/ecosystem/organisations, PUT /api/ecosystem/organisations/:id */
export const organisationSavedView = z.object({
  id,
  /** Probable duplicates, when the caller chose to save anyway. */
  duplicates: z.array(z.object({ id, name: z.string(), reason: duplicateReasonView })),
});

/** One assessment in an organisation's relation history, from its own side or its partner's. */
const organisationAssessmentView = z.object({
  id,
  side: z.enum(['own', 'partner']),
  level: continuumLevelView,
  assessedOn: isoDate,
  note: text,
  assessedBy: text,
});

/** GET /api/ecosystem/organisations/:id */
export const organisationView = z.object({
  id,
  name: z.string(),
  kind: organisationKindSchema,
  siren: text,
  siret: text,
  rna: text,
  commune: named.nullable(),
  description: text,
  address: text,
  website: text,
  publicEmail: text,
  publicPhone: text,
  mergedInto: id.nullable(),
  /** The record's version: a proposal names the one its author read. */
  version: z.int().min(1),
  territories: z.array(territoryRef),
  themes: z.array(themeRef),
  people: z.array(
    z.object({
      id,
      name: z.string(),
      function: text,
      isResource: z.boolean(),
      resourceFor: text,
      /** Whether the caller may read the contact details (GET /people/:id/contact). */
      canSeeContact: z.boolean(),
    }),
  ),
  /** The relations the caller may see, strongest first. */
  relations: z.array(
    z.object({
      partner: named,
      level: continuumLevelView,
      label: z.string(),
      ownLevel: continuumLevelView.nullable(),
      partnerLevel: continuumLevelView.nullable(),
      disagreement: z.boolean(),
      history: z.array(organisationAssessmentView),
    }),
  ),
  /** What everyone sees: how many relations at each level, not with whom. */
  aggregate: z.object({ relations: count, byLevel: levelCountsView, hidden: count }),
  canAssess: z.boolean(),
  canEdit: z.boolean(),
  /** May propose a change (for an accepted or refused decision by its members or a coordinator). */
  canPropose: z.boolean(),
  /** May accept or refuse proposed changes (its members, coordinators of its territories). */
  canDecide: z.boolean(),
  canCurate: z.boolean(),
});

const duplicateSideView = z.object({
  id,
  name: z.string(),
  kind: organisationKindSchema,
  siren: text,
  commune: text,
  people: count,
  relations: count,
  themes: count,
});

/** GET /api/ecosystem/duplicates */
export const duplicatePairsView = z.object({
  pairs: z.array(z.object({ a: duplicateSideView, b: duplicateSideView, reason: duplicateReasonView })),
});

/** POST /api/ecosystem/organisations/:id/merge: the organisation kept. */
export const organisationMergedView = created;

/** POST /api/ecosystem/people */
export const personCreatedView = created;

/** A person's contact details (only with her consent). */
export const personContactView = z.object({
  email: text,
  phone: text,
  consent: z.boolean(),
  consentOn: isoDate.nullable(),
});

/** GET /api/ecosystem/people/:id */
export const personView = z.object({
  id,
  name: z.string(),
  function: text,
  isResource: z.boolean(),
  resourceFor: text,
  erased: z.boolean(),
  organisations: z.array(named),
  territories: z.array(territoryRef),
  themes: z.array(themeRef),
  isSelf: z.boolean(),
  /** Null unless the caller may read it. */
  contact: personContactView.nullable(),
  canDeclare: z.boolean(),
  /** Who she knows, most recent first: null unless the caller may declare acquaintances. */
  acquaintances: z.array(z.object({ id, name: z.string(), source: z.enum(['declared', 'event']), metOn: isoDate.nullable() })).nullable(),
});

/**
 * GET /api/ecosystem/people/:id/export (RGPD): every capability's section of the export. The
 * ecosystem's own sections are described; the others are records or lists of records, free-form.
 */
const exportRecord = z.record(z.string(), z.json());
export const personalDataExportView = z
  .object({
    person: z
      .object({
        id,
        name: z.string(),
        function: text,
        isResource: z.boolean(),
        resourceFor: text,
        userId: id.nullable(),
        erased: z.boolean(),
        contact: personContactView,
        organisations: z.array(named),
        territories: z.array(territoryRef),
        themes: z.array(themeRef),
      })
      .nullable(),
    acquaintances: z.array(z.object({ name: z.string(), source: z.string(), met_on: isoDate.nullable() })),
    assessmentsMade: z.array(
      z.object({ organisation: z.string(), partner: z.string(), level: continuumLevelView, assessed_on: isoDate, note: text }),
    ),
  })
  .catchall(z.union([z.array(exportRecord), exportRecord, z.number(), z.null()]));

/** DELETE /api/ecosystem/people/:id, POST /api/ecosystem/acquaintances */
export const ecosystemDoneView = done;

/** POST /api/ecosystem/assessments */
export const assessmentCreatedView = created;

/** GET /api/ecosystem/relations/:a/:b */
export const relationView = z.object({
  organisations: z.tuple([id, id]),
  /** The relation today, or null when never assessed. */
  current: z
    .object({
      level: continuumLevelView,
      label: z.string(),
      levelA: continuumLevelView.nullable(),
      levelB: continuumLevelView.nullable(),
      disagreement: z.boolean(),
    })
    .nullable(),
  history: z.array(
    z.object({
      id,
      /** The organisation on behalf of which it was made. */
      onBehalfOf: id,
      level: continuumLevelView,
      label: z.string(),
      assessedOn: isoDate,
      note: text,
      assessedBy: text,
    }),
  ),
});

/** GET /api/ecosystem/map: nodes, and edges as compact tuples (10,000 relations weigh ~150 KB). */
export const ecosystemMapView = z.object({
  at: isoDate,
  nodes: z.array(
    z.object({
      id,
      name: z.string(),
      kind: organisationKindSchema,
      /** Relations drawn to it. */
      relations: count,
      /** Its strongest visible relation's level, or null. */
      level: continuumLevelView.nullable(),
    }),
  ),
  /** [source index, target index, level or null when hidden, 1 when the sides disagree]. */
  edges: z.array(z.tuple([count, count, continuumLevelView.nullable(), z.union([z.literal(0), z.literal(1)])])),
  /** Relations whose level the caller may not see. */
  hiddenLevels: count,
});

/** GET /api/ecosystem/dashboard */
export const ecosystemDashboardView = z.object({
  organisations: count,
  relations: count,
  levels: z.array(z.object({ level: continuumLevelView, label: z.string(), count })),
  /** Relations per level at the end of each of the last 12 months. */
  history: z.array(z.object({ date: isoDate, counts: levelCountsView })),
  /** Organisations cooperating with nobody yet (no relation at level 3 or more). */
  isolated: z.array(z.object({ id, name: z.string(), kind: organisationKindSchema })),
});

const mobiliseReasonView = z.discriminatedUnion('code', [
  z.object({ code: z.literal('theme') }),
  z.object({ code: z.literal('resource_for_theme') }),
  z.object({ code: z.literal('resource') }),
  z.object({ code: z.literal('territory') }),
  z.object({ code: z.literal('strong_relations'), count }),
  z.object({ code: z.literal('resource_people'), count }),
  z.object({ code: z.literal('isolated') }),
]);

/** GET /api/ecosystem/mobilise */
export const mobiliseView = z.object({
  theme: z.string(),
  results: z.array(
    z.object({
      id,
      type: z.enum(['organisation', 'person']),
      name: z.string(),
      /** An organisation's kind, or a person's function and organisations. */
      detail: text,
      score: z.number(),
      reasons: z.array(mobiliseReasonView),
    }),
  ),
});

const importSummaryView = z.object({ valid: count, duplicates: count, errors: count });

/** POST /api/ecosystem/import/preview (and the details of `import_has_errors`). */
export const importPreviewView = z.object({
  encoding: z.string(),
  separator: z.string(),
  columns: z.array(z.string()),
  summary: importSummaryView,
  issues: z.array(
    z.object({
      line: z.int(),
      column: text,
      message: z.string(),
      severity: z.enum(['error', 'warning']),
      /** The issue as a sentence. */
      text: z.string(),
    }),
  ),
  /** The first 200 rows. */
  rows: z.array(
    z.object({
      line: z.int(),
      name: z.string(),
      duplicateOf: z.array(z.object({ id: id.optional(), line: z.int().optional(), name: z.string(), reason: z.string() })),
    }),
  ),
  totalRows: count,
});

/** POST /api/ecosystem/import/confirm */
export const importConfirmedView = z.object({ created: count, skipped: count, summary: importSummaryView });

export type ThemeListView = z.infer<typeof themeListView>;
export type DirectoryView = z.infer<typeof directoryView>;
export type OrganisationView = z.infer<typeof organisationView>;
export type OrganisationSavedView = z.infer<typeof organisationSavedView>;
export type DuplicatePairsView = z.infer<typeof duplicatePairsView>;
export type PersonView = z.infer<typeof personView>;
export type PersonContactView = z.infer<typeof personContactView>;
export type PersonalDataExportView = z.infer<typeof personalDataExportView>;
export type RelationView = z.infer<typeof relationView>;
export type EcosystemMapView = z.infer<typeof ecosystemMapView>;
export type EcosystemDashboardView = z.infer<typeof ecosystemDashboardView>;
export type MobiliseView = z.infer<typeof mobiliseView>;
export type ImportPreviewView = z.infer<typeof importPreviewView>;
export type ImportConfirmedView = z.infer<typeof importConfirmedView>;

const proposalStatusView = z.enum(['proposed', 'accepted', 'refused', 'superseded']);

/** One proposed change to an organisation: what it changes (before, after), who proposed it, its decision. */
export const proposalView = z.object({
  id,
  organisation: named,
  status: proposalStatusView,
  diff: z.array(z.object({ field: z.string(), before: text, after: text })),
  author: text,
  /** Whether the caller wrote it. */
  mine: z.boolean(),
  message: text,
  createdAt: z.string(),
  decidedBy: text,
  decidedAt: z.string().nullable(),
  decisionNote: text,
});
export type ProposalView = z.infer<typeof proposalView>;

/** GET /api/ecosystem/organisations/:id/proposals: pending first (oldest first), then the history (newest first). */
export const organisationProposalsView = z.object({
  pending: z.array(proposalView),
  history: z.array(proposalView),
  canDecide: z.boolean(),
});
export type OrganisationProposalsView = z.infer<typeof organisationProposalsView>;

/** GET /api/ecosystem/proposals?territoryId=: what waits for a decision on a territory. */
export const pendingProposalsView = z.object({ proposals: z.array(proposalView) });
export type PendingProposalsView = z.infer<typeof pendingProposalsView>;

/** POST /api/ecosystem/organisations/:id/proposals */
export const proposalCreatedView = created;

/** POST …/accept and …/refuse */
export const proposalDecidedView = z.object({ id, status: proposalStatusView });
