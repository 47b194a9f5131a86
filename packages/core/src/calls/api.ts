import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import { budgetLineSchema } from './budget';
import {
  APPLICATION_STATUSES,
  APPRECIATIONS,
  COFUNDER_KINDS,
  DECISIONS,
  DOCUMENT_KINDS,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  REVIEW_CRITERIA,
  STEP_KINDS,
  STEP_STATES,
  TRACKS,
} from './model';

/**
 * The contract of calls for projects: campaigns (`/api/calls`), applications with their CERFA
 * 12156 budget, review per co-funder, the committee's decisions line by line, and the files a
 * funder accepts (the Dauphin pack, the programming table).
 */

const uuid = (message = 'identifiant invalide') => z.uuid(message);
const day = z.iso.date('date invalide (AAAA-MM-JJ)');
const named = z.object({ id: z.string(), name: z.string() });
const text = (max: number, what: string) => z.string().trim().max(max, `${what} trop long : ${max} caractères au plus`);

export const trackSchema = z.enum(TRACKS, 'filière inconnue (projet_individuel, projet_collectif ou petit_collectif)');
export const statusSchema = z.enum(APPLICATION_STATUSES, 'statut inconnu');
export const cofunderKindSchema = z.enum(COFUNDER_KINDS, 'type de financeur inconnu');
export const stepKindSchema = z.enum(STEP_KINDS, 'étape inconnue');
export const documentKindSchema = z.enum(DOCUMENT_KINDS, 'type de pièce inconnu');
export const documentTypeSchema = z.enum(
  Object.keys(DOCUMENT_TYPES) as [keyof typeof DOCUMENT_TYPES, ...(keyof typeof DOCUMENT_TYPES)[]],
  'type de fichier refusé : PDF, JPEG, PNG, ODT ou DOCX',
);

// ---------------------------------------------------------------------------------------------
// Campaigns

export const callStepView = z.object({
  id: z.string(),
  kind: stepKindSchema,
  label: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  /** On today's date in Europe/Paris. */
  state: z.enum(STEP_STATES),
});
export type CallStepView = z.output<typeof callStepView>;

export const callFileView = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() });

export const cofunderView = z.object({
  id: z.string(),
  kind: cofunderKindSchema,
  name: z.string(),
  /** The ministry and direction of an État line, the programme (BOP 147…), or any precision. */
  detail: z.string(),
  /** The funder's envelope for the call, in cents (0 when not said). */
  envelopeCents: z.number(),
  /** The tracks its reviewers review (all when empty). */
  tracks: z.array(trackSchema),
  /** Its reviewers: named to the call's managers and to the funder's own reviewers, empty for others. */
  reviewers: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type CofunderView = z.output<typeof cofunderView>;

export const callView = z.object({
  id: z.string(),
  territoryId: z.string(),
  territoryName: z.string(),
  title: z.string(),
  /** The programming year (the actions' calendar year). */
  year: z.number(),
  /** The note de cadrage (Markdown-like text: paragraphs, `-` lists, `**bold**`). */
  framing: z.string(),
  version: z.number(),
  priorities: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      /** The territory's pathway change it serves, when there is one. */
      change: z.object({ id: z.string(), pathwayId: z.string(), text: z.string() }).nullable(),
    }),
  ),
  /** The territories (QPV, communes) whose residents the actions must reach. */
  eligibleTerritories: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  tracks: z.array(z.object({ track: trackSchema, enabled: z.boolean(), description: z.string() })),
  referents: z.array(
    z.object({
      id: z.string(),
      track: trackSchema,
      /** The institution they speak for (a co-funder of the call, or a free label). */
      cofunderId: z.string().nullable(),
      institution: z.string(),
      /** The territory they follow, or null for the whole call. */
      territory: named.nullable(),
      name: z.string(),
      email: z.string(),
      phone: z.string(),
    }),
  ),
  steps: z.array(callStepView),
  cofunders: z.array(cofunderView),
  files: z.array(callFileView),
  may: z.object({
    manage: z.boolean(),
    apply: z.boolean(),
    /** The co-funders the caller reviews for. */
    reviewFor: z.array(z.string()),
    decide: z.boolean(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CallView = z.output<typeof callView>;

export const callSummaryView = z.object({
  id: z.string(),
  territoryId: z.string(),
  territoryName: z.string(),
  title: z.string(),
  year: z.number(),
  /** The step running today (or the next one), to say where the call is. */
  currentStep: callStepView.nullable(),
  tracks: z.array(trackSchema),
  /** Applications the caller may read in this call. */
  applications: z.number(),
  may: z.object({ manage: z.boolean(), apply: z.boolean(), review: z.boolean() }),
});
export type CallSummaryView = z.output<typeof callSummaryView>;

export const createCallBody = z.object({
  territoryId: uuid('territoire invalide'),
  title: text(160, 'titre').min(1, 'titre requis'),
  year: z.number('année invalide').int('année invalide').min(2000, 'année invalide').max(2100, 'année invalide'),
  framing: text(40_000, 'note de cadrage').default(''),
});
export type CreateCallBody = z.input<typeof createCallBody>;

export const updateCallBody = z.object({
  version: z.number().int(),
  title: text(160, 'titre').min(1, 'titre requis'),
  year: z.number('année invalide').int('année invalide').min(2000, 'année invalide').max(2100, 'année invalide'),
  framing: text(40_000, 'note de cadrage'),
  priorities: z
    .array(
      z.object({
        id: uuid().optional(),
        text: text(400, 'priorité').min(1, 'priorité vide'),
        changeId: uuid('changement invalide').nullable().default(null),
      }),
    )
    .max(30, '30 priorités au plus'),
  eligibleTerritoryIds: z.array(uuid('territoire invalide')).max(200),
  tracks: z
    .array(z.object({ track: trackSchema, enabled: z.boolean(), description: text(2000, 'description de la filière').default('') }))
    .max(3),
  referents: z
    .array(
      z.object({
        id: uuid().optional(),
        track: trackSchema,
        cofunderId: uuid('financeur invalide').nullable().default(null),
        institution: text(160, 'institution').default(''),
        territoryId: uuid('territoire invalide').nullable().default(null),
        name: text(160, 'nom').min(1, 'nom du référent requis'),
        email: z.union([z.literal(''), z.email('adresse e-mail invalide')]).default(''),
        phone: text(40, 'téléphone').default(''),
      }),
    )
    .max(100),
  steps: z
    .array(
      z
        .object({
          id: uuid().optional(),
          kind: stepKindSchema,
          label: text(160, 'libellé').default(''),
          opensOn: day,
          closesOn: day,
        })
        .refine((s) => s.opensOn <= s.closesOn, { message: 'une étape se ferme après son ouverture', path: ['closesOn'] }),
    )
    .max(20),
});
export type UpdateCallBody = z.input<typeof updateCallBody>;

export const cofundersBody = z.object({
  version: z.number().int(),
  cofunders: z
    .array(
      z.object({
        id: uuid().optional(),
        kind: cofunderKindSchema,
        name: text(160, 'nom du financeur').min(1, 'nom du financeur requis'),
        detail: text(200, 'précision').default(''),
        envelopeCents: z.number('enveloppe invalide').int('enveloppe en centimes entiers').min(0).max(1_000_000_000_000).default(0),
        tracks: z.array(trackSchema).max(3).default([]),
        reviewerUserIds: z.array(uuid('instructeur invalide')).max(50).default([]),
      }),
    )
    .max(20, '20 financeurs au plus'),
});
export type CofundersBody = z.input<typeof cofundersBody>;

const documentBase64Max = Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4;
/** The body limit of upload routes: the base64 file and room to spare, so the schema's message is the one people read. */
export const uploadBodyLimit = 16 * 1024 * 1024;
const upload = {
  filename: text(200, 'nom de fichier').min(1, 'nom de fichier requis'),
  mime: documentTypeSchema,
  contentBase64: z
    .string()
    .min(1, 'fichier vide')
    .max(documentBase64Max, `fichier trop volumineux : ${DOCUMENT_MAX_BYTES / 1024 / 1024} Mo au plus`),
};
export const callFileBody = z.object(upload);
export type CallFileBody = z.input<typeof callFileBody>;

export const callIdParams = z.object({ callId: uuid('appel invalide') });
export const callFileParams = z.object({ callId: uuid('appel invalide'), fileId: uuid('fichier invalide') });

// ---------------------------------------------------------------------------------------------
// Applications

export const eligibilityView = z.object({
  /** True when every check passes: the file may be deposited. */
  ok: z.boolean(),
  checks: z.array(
    z.object({
      code: z.enum(['filiere', 'territoire', 'dates', 'calendrier', 'budget', 'pieces', 'action', 'structures']),
      ok: z.boolean(),
      /** What passes or, when not, why, in French. */
      message: z.string(),
    }),
  ),
});
export type EligibilityView = z.output<typeof eligibilityView>;

const budgetTotalsView = z.object({
  charges: z.number(),
  produits: z.number(),
  chargesNature: z.number(),
  produitsNature: z.number(),
  subsidies: z.number(),
  gap: z.number(),
  gapNature: z.number(),
  balanced: z.boolean(),
});

export const budgetView = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  lines: z.array(budgetLineSchema),
  totals: budgetTotalsView,
  /** The French reasons it does not balance (empty when it does). */
  problems: z.array(z.string()),
});
export type BudgetView = z.output<typeof budgetView>;

export const fundingLineView = z.object({
  cofunderId: z.string(),
  cofunderName: z.string(),
  /** What the budget's 74 lines ask of this funder (all structures). */
  requestedCents: z.number(),
  /** The amount proposed by this funder's review (null before, or when the caller may not see it yet). */
  proposedCents: z.number().nullable(),
  /** The amount voted by the committee for this funder's line. */
  votedCents: z.number().nullable(),
  decision: z.enum(DECISIONS).nullable(),
  decidedAt: z.string().nullable(),
  /** Share of the consolidated produits, in basis points. */
  shareBasisPoints: z.number(),
});
export type FundingLineView = z.output<typeof fundingLineView>;

export const applicationActionSchema = z.object({
  title: text(200, 'intitulé').min(1, 'intitulé de l’action requis'),
  /** One to three objectives, each beginning with an action verb. */
  objectives: z.array(text(400, 'objectif').min(1, 'objectif vide')).max(3, 'trois objectifs au plus'),
  description: text(10_000, 'description'),
  beneficiaries: z.object({
    count: z.number('nombre de bénéficiaires invalide').int().min(0).max(10_000_000),
    /** The share living in a QPV, in percent. */
    qpvSharePercent: z.number('part invalide').int().min(0, 'part entre 0 et 100').max(100, 'part entre 0 et 100'),
    publics: text(2000, 'publics'),
  }),
  territoryIds: z.array(uuid('territoire invalide')).max(50),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  humanMeans: z
    .array(
      z.object({
        category: z.enum(['salaries', 'benevoles', 'volontaires', 'mises_a_disposition'], 'catégorie inconnue'),
        people: z.number().int().min(0).max(100_000),
        /** Equivalent full-time worked, in hundredths (150 = 1,5 ETPT). */
        etptHundredths: z.number().int().min(0).max(10_000_000),
      }),
    )
    .max(4),
  /** The pathway change the action serves. */
  changeId: uuid('changement invalide').nullable(),
  indicators: z.array(z.object({ name: text(200, 'indicateur').min(1), target: text(200, 'cible').default('') })).max(20),
  frequency: z.enum(['premiere', 'renouvellement'], 'première demande ou renouvellement'),
});
export type ApplicationAction = z.output<typeof applicationActionSchema>;

export const applicationView = z.object({
  id: z.string(),
  callId: z.string(),
  callTitle: z.string(),
  territoryId: z.string(),
  track: trackSchema,
  status: statusSchema,
  version: z.number(),
  structures: z.array(z.object({ organisationId: z.string(), name: z.string(), role: z.enum(['lead', 'partner']) })),
  collective: named.nullable(),
  action: applicationActionSchema,
  territories: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  change: z.object({ id: z.string(), pathwayId: z.string(), text: z.string() }).nullable(),
  /** One budget per structure (a single one for an organisation alone). */
  budgets: z.array(budgetView),
  /** The structures' budgets summed: the collective's budget. */
  consolidated: budgetView.omit({ organisationId: true, organisationName: true }),
  funding: z.array(fundingLineView),
  documents: z.array(
    z.object({
      id: z.string(),
      kind: documentKindSchema,
      organisationId: z.string().nullable(),
      filename: z.string(),
      mime: z.string(),
      size: z.number(),
      uploadedAt: z.string(),
    }),
  ),
  eligibility: eligibilityView,
  history: z.array(
    z.object({
      from: statusSchema.nullable(),
      to: statusSchema,
      cofunderId: z.string().nullable(),
      at: z.string(),
      by: z.string().nullable(),
      comment: z.string(),
    }),
  ),
  /** The compte rendu financier (CERFA 15059), once written. */
  report: z
    .object({
      budgets: z.array(
        z.object({
          organisationId: z.string(),
          organisationName: z.string(),
          lines: z.array(z.object({ code: z.string(), detail: z.string(), plannedCents: z.number(), actualCents: z.number() })),
        }),
      ),
      qualitative: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
  may: z.object({
    edit: z.boolean(),
    /** The statuses the caller may move the file to now. */
    moveTo: z.array(statusSchema),
    /** The co-funders the caller reviews this file for. */
    reviewFor: z.array(z.string()),
    decide: z.boolean(),
    report: z.boolean(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ApplicationView = z.output<typeof applicationView>;

export const applicationSummaryView = z.object({
  id: z.string(),
  callId: z.string(),
  callTitle: z.string(),
  track: trackSchema,
  title: z.string(),
  status: statusSchema,
  leadOrganisation: named,
  structures: z.number(),
  collective: named.nullable(),
  requestedCents: z.number(),
  /** Proposed and voted totals, when the caller may see them. */
  proposedCents: z.number().nullable(),
  votedCents: z.number().nullable(),
  updatedAt: z.string(),
});
export type ApplicationSummaryView = z.output<typeof applicationSummaryView>;

export const createApplicationBody = z.object({
  track: trackSchema,
  leadOrganisationId: uuid('structure porteuse invalide'),
  partnerOrganisationIds: z.array(uuid('structure partenaire invalide')).max(30).default([]),
  /** Pre-fills the action from the collective's project sheet and pathway. */
  collectiveId: uuid('collectif invalide').nullable().default(null),
});
export type CreateApplicationBody = z.input<typeof createApplicationBody>;

export const updateApplicationBody = z.object({
  version: z.number().int(),
  action: applicationActionSchema,
  partnerOrganisationIds: z.array(uuid('structure partenaire invalide')).max(30),
});
export type UpdateApplicationBody = z.input<typeof updateApplicationBody>;

export const budgetBody = z.object({
  version: z.number().int(),
  organisationId: uuid('structure invalide'),
  lines: z.array(budgetLineSchema).max(300, '300 lignes au plus par budget'),
});
export type BudgetBody = z.input<typeof budgetBody>;

export const moveBody = z.object({
  version: z.number().int(),
  to: statusSchema,
  comment: text(2000, 'commentaire').default(''),
});
export type MoveBody = z.input<typeof moveBody>;

export const documentBody = z.object({
  kind: documentKindSchema,
  /** The structure the document is about (its RIB, its statutes), null for the whole application. */
  organisationId: uuid('structure invalide').nullable().default(null),
  ...upload,
});
export type DocumentBody = z.input<typeof documentBody>;

export const reportBody = z.object({
  version: z.number().int(),
  budgets: z
    .array(
      z.object({
        organisationId: uuid('structure invalide'),
        lines: z.array(budgetLineSchema).max(300),
      }),
    )
    .max(31),
  qualitative: text(20_000, 'bilan qualitatif'),
});
export type ReportBody = z.input<typeof reportBody>;

export const applicationParams = z.object({ callId: uuid('appel invalide'), applicationId: uuid('demande invalide') });
export const documentParams = applicationParams.extend({ documentId: uuid('pièce invalide') });
export const reviewParams = applicationParams.extend({ cofunderId: uuid('financeur invalide') });

// ---------------------------------------------------------------------------------------------
// Review and decisions

const mark = z.number().int().min(1, 'note de 1 à 4').max(4, 'note de 1 à 4').nullable();
export const applicationReviewBody = z.object({
  complete: z.boolean(),
  bilanReceived: z.boolean().nullable(),
  eligible: z.boolean(),
  criteria: z.object(Object.fromEntries(REVIEW_CRITERIA.map((k) => [k, mark])) as Record<(typeof REVIEW_CRITERIA)[number], typeof mark>),
  appreciation: z.enum(APPRECIATIONS, 'avis inconnu').nullable(),
  comment: text(5000, 'commentaire'),
  proposedCents: z.number('montant invalide').int('montant en centimes entiers').min(0).max(100_000_000_000).nullable(),
});
export type ApplicationReviewBody = z.input<typeof applicationReviewBody>;

export const applicationReviewView = applicationReviewBody.extend({
  id: z.string(),
  applicationId: z.string(),
  cofunderId: z.string(),
  cofunderName: z.string(),
  reviewer: z.object({ userId: z.string().nullable(), name: z.string() }),
  updatedAt: z.string(),
});
export type ApplicationReviewView = z.output<typeof applicationReviewView>;

export const decisionsBody = z.object({
  version: z.number().int(),
  lines: z
    .array(
      z.object({
        cofunderId: uuid('financeur invalide'),
        decision: z.enum(DECISIONS, 'accordé ou rejeté'),
        votedCents: z.number('montant invalide').int('montant en centimes entiers').min(0).max(100_000_000_000),
      }),
    )
    .min(1, 'au moins une ligne de financeur')
    .max(20),
  comment: text(2000, 'commentaire').default(''),
});
export type DecisionsBody = z.input<typeof decisionsBody>;

const amounts = { requestedCents: z.number(), proposedCents: z.number(), votedCents: z.number() };
export const committeeView = z.object({
  callId: z.string(),
  title: z.string(),
  year: z.number(),
  cofunders: z.array(z.object({ id: z.string(), name: z.string(), kind: cofunderKindSchema, envelopeCents: z.number(), ...amounts })),
  tracks: z.array(z.object({ track: trackSchema, ...amounts })),
  applications: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      track: trackSchema,
      status: statusSchema,
      leadOrganisation: named,
      collective: named.nullable(),
      lines: z.array(
        z.object({
          cofunderId: z.string(),
          requestedCents: z.number(),
          proposedCents: z.number().nullable(),
          votedCents: z.number().nullable(),
          decision: z.enum(DECISIONS).nullable(),
        }),
      ),
    }),
  ),
});
export type CommitteeView = z.output<typeof committeeView>;

// ---------------------------------------------------------------------------------------------
// Endpoints

/** An account the call's team may name as a reviewer of one of its funders. */
export const reviewerCandidateView = z.object({ userId: z.string(), name: z.string(), email: z.string() });
export type ReviewerCandidateView = z.infer<typeof reviewerCandidateView>;

export const callsEndpoints = {
  list: endpoint({
    method: 'GET',
    url: '/api/calls',
    query: z.object({ territoryId: uuid('territoire invalide').optional() }),
    response: z.array(callSummaryView),
  }),
  create: endpoint({ method: 'POST', url: '/api/calls', body: createCallBody, response: callView }),
  get: endpoint({ method: 'GET', url: '/api/calls/:callId', params: callIdParams, response: callView }),
  update: endpoint({ method: 'PUT', url: '/api/calls/:callId', params: callIdParams, body: updateCallBody, response: callView }),
  cofunders: endpoint({
    method: 'PUT',
    url: '/api/calls/:callId/cofunders',
    params: callIdParams,
    body: cofundersBody,
    response: callView,
  }),
  addFile: endpoint({ method: 'POST', url: '/api/calls/:callId/files', params: callIdParams, body: callFileBody, response: callView }),
  file: endpoint({ method: 'GET', url: '/api/calls/:callId/files/:fileId', params: callFileParams, produces: 'application/octet-stream' }),
  deleteFile: endpoint({ method: 'DELETE', url: '/api/calls/:callId/files/:fileId', params: callFileParams, response: callView }),
  /** The accounts the call's team may name as reviewers: people with a role on the call's territory, above or below it (whom the funders' form accepts). */
  reviewerCandidates: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/reviewer-candidates',
    params: callIdParams,
    response: z.array(reviewerCandidateView),
  }),
  /** The committee's table: every file with requested, proposed and voted amounts per funder, totals against envelopes. */
  committee: endpoint({ method: 'GET', url: '/api/calls/:callId/committee', params: callIdParams, response: committeeView }),
  programmingCsv: endpoint({ method: 'GET', url: '/api/calls/:callId/programming.csv', params: callIdParams, produces: 'text/csv' }),
  programmingXlsx: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/programming.xlsx',
    params: callIdParams,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }),
};

export const applicationsEndpoints = {
  /** The caller's own applications across calls (as applicant): where each file is. */
  mine: endpoint({ method: 'GET', url: '/api/applications/mine', response: z.array(applicationSummaryView) }),
  list: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications',
    params: callIdParams,
    response: z.array(applicationSummaryView),
  }),
  create: endpoint({
    method: 'POST',
    url: '/api/calls/:callId/applications',
    params: callIdParams,
    body: createApplicationBody,
    response: applicationView,
  }),
  get: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId',
    params: applicationParams,
    response: applicationView,
  }),
  update: endpoint({
    method: 'PUT',
    url: '/api/calls/:callId/applications/:applicationId',
    params: applicationParams,
    body: updateApplicationBody,
    response: applicationView,
  }),
  budget: endpoint({
    method: 'PUT',
    url: '/api/calls/:callId/applications/:applicationId/budget',
    params: applicationParams,
    body: budgetBody,
    response: applicationView,
  }),
  eligibility: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId/eligibility',
    params: applicationParams,
    response: eligibilityView,
  }),
  move: endpoint({
    method: 'POST',
    url: '/api/calls/:callId/applications/:applicationId/status',
    params: applicationParams,
    body: moveBody,
    response: applicationView,
    status: 200,
  }),
  addDocument: endpoint({
    method: 'POST',
    url: '/api/calls/:callId/applications/:applicationId/documents',
    params: applicationParams,
    body: documentBody,
    response: applicationView,
  }),
  document: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId/documents/:documentId',
    params: documentParams,
    produces: 'application/octet-stream',
  }),
  deleteDocument: endpoint({
    method: 'DELETE',
    url: '/api/calls/:callId/applications/:applicationId/documents/:documentId',
    params: documentParams,
    response: applicationView,
  }),
  report: endpoint({
    method: 'PUT',
    url: '/api/calls/:callId/applications/:applicationId/report',
    params: applicationParams,
    body: reportBody,
    response: applicationView,
  }),
  /** The "ready for Dauphin" pack: the CERFA 12156 sections in order, with their labels and codes. */
  dauphinPdf: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId/dauphin.pdf',
    params: applicationParams,
    produces: 'application/pdf',
  }),
  budgetCsv: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId/budget.csv',
    params: applicationParams,
    produces: 'text/csv',
  }),
  /** The compte rendu financier (CERFA 15059): planned, actual and the gap, and the qualitative report. */
  reportPdf: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId/compte-rendu.pdf',
    params: applicationParams,
    produces: 'application/pdf',
  }),
};

export const reviewsEndpoints = {
  /** The reviews the caller may read: their funder's, and every funder's once the file is at the committee. */
  list: endpoint({
    method: 'GET',
    url: '/api/calls/:callId/applications/:applicationId/reviews',
    params: applicationParams,
    response: z.array(applicationReviewView),
  }),
  /** The caller's review of a file for one funder (one per reviewer and funder; written again until the committee). */
  write: endpoint({
    method: 'PUT',
    url: '/api/calls/:callId/applications/:applicationId/reviews/:cofunderId',
    params: reviewParams,
    body: applicationReviewBody,
    response: applicationReviewView,
  }),
  /** The committee's votes, line by line per funder. */
  decide: endpoint({
    method: 'PUT',
    url: '/api/calls/:callId/applications/:applicationId/decisions',
    params: applicationParams,
    body: decisionsBody,
    response: applicationView,
  }),
};

export type CallsApi = EndpointMap<typeof callsEndpoints> &
  EndpointMap<typeof applicationsEndpoints> &
  EndpointMap<typeof reviewsEndpoints>;
