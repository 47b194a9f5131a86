import { z } from 'zod';
import { type EndpointMap, endpoint } from '../shared/endpoint';
import { FACTOR_GROUPS } from './barometer';
import { openRunBody, runAnswersBody } from './barometer-runs';
import { createIndicatorBody, reportersBody, updateIndicatorBody } from './indicators';
import { MOTIVATIONS } from '../collectives/index';
import { PROFILES } from './quiz';
import { quizAnswersBody, quizShareBody } from './quiz-results';
import { questionnaireAnswersBody, questionnaireBody } from './questionnaire';
import { measurementBody } from './measurements';
import { attachChangeBody, OBSERVED_KINDS, observedChangeBody } from './observed-changes';

const named = z.object({ id: z.string(), name: z.string() });

/** Who an indicator belongs to: a territory, a collective, or a pathway (then it may be tied to one of its changes). */
export const indicatorOwnerView = z.object({ kind: z.enum(['territory', 'collective', 'pathway']), id: z.string(), name: z.string() });

export const measurementView = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  period: z.string(),
  /** 1 for the first report of the period, one more per correction. */
  version: z.number(),
  value: z.number(),
  comment: z.string(),
  sourceFile: z.string(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
});
export type MeasurementView = z.output<typeof measurementView>;

const definitionFields = {
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  frequency: z.string(),
  territoryId: z.string(),
  owner: indicatorOwnerView,
  /** The pathway change it measures, when it belongs to a pathway. */
  pathway: z.object({ id: z.string(), title: z.string(), changeId: z.string().nullable(), changeText: z.string().nullable() }).nullable(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().nullable(),
  targetValue: z.number().nullable(),
  targetYear: z.number().nullable(),
  /** How partners' values add up: summed (counts) or averaged (rates). */
  aggregate: z.enum(['somme', 'moyenne']),
};

export const indicatorSummaryView = z.object({
  ...definitionFields,
  reporters: z.number(),
  /** The last period reported, with each partner's current value and the total. */
  last: z
    .object({
      period: z.string(),
      total: z.number(),
      values: z.array(z.object({ organisationId: z.string(), organisationName: z.string(), value: z.number() })),
    })
    .nullable(),
});
export type IndicatorSummaryView = z.output<typeof indicatorSummaryView>;

export const indicatorDetailView = z.object({
  ...definitionFields,
  source: z.string(),
  method: z.string(),
  reporter: z.string(),
  firstPeriod: z.string(),
  reporters: z.array(named),
  /** Each period in order: every partner's current value (its latest version) and the total. */
  periods: z.array(z.object({ period: z.string(), total: z.number(), values: z.array(measurementView) })),
  may: z.object({ write: z.boolean(), reportFor: z.array(z.string()) }),
});
export type IndicatorDetailView = z.output<typeof indicatorDetailView>;

export const dueView = z.array(
  z.object({
    indicatorId: z.string(),
    indicatorName: z.string(),
    frequency: z.string(),
    organisation: named,
    periods: z.array(z.string()),
  }),
);
export type DueView = z.output<typeof dueView>;

export const missingView = z.object({
  indicatorId: z.string(),
  reporters: z.array(z.object({ organisation: named, periods: z.array(z.string()), lastPeriod: z.string().nullable() })),
});

export const measurementsImportBody = z.object({
  territoryId: z.uuid('territoire invalide'),
  fileName: z.string().trim().max(200, 'nom de fichier : au plus 200 caractères').default(''),
  /** The file's bytes in base64, so that Windows-1252 files arrive intact. */
  contentBase64: z.string().min(1, 'fichier vide').max(22_400_000, 'fichier trop volumineux : 16 Mo au plus ; découpez-le'),
});
export const measurementsImportBodyLimit = 24 * 1024 * 1024;

export const importErrorView = z.object({ line: z.number(), column: z.string().nullable(), message: z.string() });
export const measurementsPreviewView = z.object({
  encoding: z.string(),
  separator: z.string(),
  lines: z.number(),
  corrections: z.number(),
  errors: z.array(importErrorView),
  /** The first 200 lines as they will be written. */
  rows: z.array(
    z.object({
      line: z.number(),
      indicatorId: z.string(),
      organisationId: z.string(),
      period: z.string(),
      value: z.number(),
      correction: z.boolean(),
    }),
  ),
});
export const measurementsImportedView = z.object({ written: z.number(), corrections: z.number() });

export const indicatorsDashboardView = z.object({
  territoryId: z.string(),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unit: z.string(),
      owner: indicatorOwnerView,
      aggregate: z.enum(['somme', 'moyenne']),
      baselineValue: z.number().nullable(),
      targetValue: z.number().nullable(),
      targetYear: z.number().nullable(),
      lastPeriod: z.string().nullable(),
      lastTotal: z.number().nullable(),
      /** The change of the total since the period before. */
      change: z.number().nullable(),
      /** From the baseline (0) to the target (1); null without both. */
      progress: z.number().nullable(),
      reporters: z.number(),
      /** Reporters owing at least one period that is over. */
      lateReporters: z.number(),
    }),
  ),
});

const idParams = z.object({ id: z.uuid('identifiant invalide') });

/** The routes of shared measurement. */
export const indicatorsEndpoints = {
  list: endpoint({
    method: 'GET',
    url: '/api/indicators',
    query: z.object({ territoryId: z.uuid('territoire invalide').optional() }),
    response: z.array(indicatorSummaryView),
  }),
  create: endpoint({ method: 'POST', url: '/api/indicators', body: createIndicatorBody, response: indicatorDetailView }),
  due: endpoint({ method: 'GET', url: '/api/indicators/due', response: dueView }),
  /** A territory's dashboard: each indicator's last total against its baseline and target, and who is late. */
  dashboard: endpoint({
    method: 'GET',
    url: '/api/indicators/dashboard',
    query: z.object({ territoryId: z.uuid('territoire invalide') }),
    response: indicatorsDashboardView,
  }),
  get: endpoint({ method: 'GET', url: '/api/indicators/:id', params: idParams, response: indicatorDetailView }),
  /** Edits an indicator of its own; a pathway's indicator is edited in its pathway. */
  update: endpoint({
    method: 'PUT',
    url: '/api/indicators/:id',
    params: idParams,
    body: updateIndicatorBody,
    response: indicatorDetailView,
    status: 200,
  }),
  reporters: endpoint({
    method: 'PUT',
    url: '/api/indicators/:id/reporters',
    params: idParams,
    body: reportersBody,
    response: indicatorDetailView,
    status: 200,
  }),
  report: endpoint({
    method: 'POST',
    url: '/api/indicators/:id/measurements',
    params: idParams,
    body: measurementBody,
    response: measurementView,
  }),
  history: endpoint({
    method: 'GET',
    url: '/api/indicators/:id/measurements/history',
    params: idParams,
    query: z.object({
      organisationId: z.uuid('organisation invalide'),
      period: z.string().trim().min(1, 'la période est requise').max(10, 'période invalide'),
    }),
    response: z.array(measurementView),
  }),
  missing: endpoint({ method: 'GET', url: '/api/indicators/:id/missing', params: idParams, response: missingView }),
  importPreview: endpoint({
    method: 'POST',
    url: '/api/indicators/import/preview',
    body: measurementsImportBody,
    response: measurementsPreviewView,
    status: 200,
  }),
  importConfirm: endpoint({
    method: 'POST',
    url: '/api/indicators/import/confirm',
    body: measurementsImportBody,
    response: measurementsImportedView,
  }),
  /** The indicator over time: each partner, the total, the baseline and the target, as an accessible SVG. */
  chartSvg: endpoint({ method: 'GET', url: '/api/indicators/:id/chart.svg', params: idParams, produces: 'image/svg+xml' }),
  /** Every version of every measurement, as CSV a French spreadsheet opens. */
  measurementsCsv: endpoint({ method: 'GET', url: '/api/indicators/:id/measurements.csv', params: idParams, produces: 'text/csv' }),
};

export const observedChangeView = z.object({
  id: z.string(),
  territoryId: z.string(),
  collective: named.nullable(),
  observedOn: z.string(),
  actor: z.object({ organisationId: z.string().nullable(), name: z.string() }),
  kind: z.enum(OBSERVED_KINDS),
  description: z.string(),
  evidence: z.string(),
  significance: z.string(),
  contribution: z.string(),
  /** The pathway change it shows, once tied to one. */
  change: z.object({ pathwayId: z.string(), pathwayTitle: z.string(), changeId: z.string(), text: z.string() }).nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type ObservedChangeView = z.output<typeof observedChangeView>;

const territoryQuery = z.object({
  territoryId: z.uuid('territoire invalide'),
  from: z.iso.date('date invalide (AAAA-MM-JJ)').optional(),
  to: z.iso.date('date invalide (AAAA-MM-JJ)').optional(),
});

/** The routes of observed changes (outcome harvesting). */
export const observedChangesEndpoints = {
  list: endpoint({ method: 'GET', url: '/api/observed-changes', query: territoryQuery, response: z.array(observedChangeView) }),
  record: endpoint({ method: 'POST', url: '/api/observed-changes', body: observedChangeBody, response: observedChangeView }),
  timeline: endpoint({
    method: 'GET',
    url: '/api/observed-changes/timeline',
    query: territoryQuery,
    response: z.array(
      z.object({
        month: z.string(),
        counts: z.object(
          Object.fromEntries(OBSERVED_KINDS.map((k) => [k, z.number()])) as Record<(typeof OBSERVED_KINDS)[number], z.ZodNumber>,
        ),
        items: z.array(observedChangeView),
      }),
    ),
  }),
  attach: endpoint({
    method: 'PUT',
    url: '/api/observed-changes/:id/change',
    params: idParams,
    body: attachChangeBody,
    response: observedChangeView,
    status: 200,
  }),
};

const continuumPointView = z.object({
  on: z.string(),
  pairs: z.number(),
  counts: z.array(z.number()),
  mean: z.number().nullable(),
  coordinatedShare: z.number().nullable(),
});

export const continuumView = z.object({
  territoryId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The distribution at each quarter's end, and at `to`. */
  points: z.array(continuumPointView),
  /** "Has cooperation moved since last year?": the distribution a year before `to`, and now. */
  sinceLastYear: z.object({ yearAgo: continuumPointView, now: continuumPointView, meanChange: z.number().nullable() }),
});
export type ContinuumView = z.output<typeof continuumView>;

const readingEnum = z.enum(['force', 'a_discuter', 'vigilance']);
export const barometerResultView = z.discriminatedUnion('shown', [
  z.object({ shown: z.literal(false), respondents: z.number(), needed: z.number() }),
  z.object({
    shown: z.literal(true),
    respondents: z.number(),
    factors: z.array(
      z.object({
        factor: z.string(),
        group: z.enum(FACTOR_GROUPS),
        mean: z.number(),
        spread: z.number(),
        respondents: z.number(),
        reading: readingEnum,
        trend: z.number().nullable(),
      }),
    ),
    groups: z.array(z.object({ group: z.enum(FACTOR_GROUPS), mean: z.number(), reading: readingEnum })),
  }),
]);

export const barometerRunView = z.object({
  id: z.string(),
  territoryId: z.string(),
  collective: named.nullable(),
  title: z.string(),
  openedOn: z.string(),
  closed: z.boolean(),
  respondents: z.number(),
  /** The code of the run's link, for those who run it (null for other readers). */
  code: z.string().nullable(),
  /** The previous run of the same collective or partnership, which the trend compares with. */
  previousRunId: z.string().nullable(),
  /** Per factor: mean, spread, reading and trend; hidden below three respondents. Never a person's answers. */
  result: barometerResultView,
});
export type BarometerRunView = z.output<typeof barometerRunView>;

export const barometerFormView = z.object({
  title: z.string(),
  closed: z.boolean(),
  statements: z.array(z.object({ index: z.number(), factor: z.string(), text: z.string() })),
});

const codeParams = z.object({ code: z.string().min(16, 'code invalide').max(64, 'code invalide') });

/** The routes of the cooperation barometer. */
export const barometerEndpoints = {
  /** A territory's pairs of organisations, or (with `collectiveId`) the pairs among the organisations of a collective's members. */
  continuum: endpoint({
    method: 'GET',
    url: '/api/barometer/continuum',
    query: territoryQuery.extend({ collectiveId: z.uuid('collectif invalide').optional() }),
    response: continuumView,
  }),
  runs: endpoint({
    method: 'GET',
    url: '/api/barometer/runs',
    query: z.object({ territoryId: z.uuid('territoire invalide') }),
    response: z.array(barometerRunView),
  }),
  open: endpoint({ method: 'POST', url: '/api/barometer/runs', body: openRunBody, response: barometerRunView }),
  run: endpoint({ method: 'GET', url: '/api/barometer/runs/:id', params: idParams, response: barometerRunView }),
  close: endpoint({ method: 'POST', url: '/api/barometer/runs/:id/close', params: idParams, response: barometerRunView, status: 200 }),
  /** A run's results per factor as CSV: means, spreads, readings and trends only, never an answer. */
  resultsCsv: endpoint({ method: 'GET', url: '/api/barometer/runs/:id/results.csv', params: idParams, produces: 'text/csv' }),
  /** A run's results as an accessible SVG: a bar per factor with its spread and the thresholds 3 and 4. */
  resultsSvg: endpoint({ method: 'GET', url: '/api/barometer/runs/:id/results.svg', params: idParams, produces: 'image/svg+xml' }),
  /** The continuum over time as an accessible SVG: one stacked bar of the seven levels per date. */
  continuumSvg: endpoint({
    method: 'GET',
    url: '/api/barometer/continuum.svg',
    query: territoryQuery.extend({ collectiveId: z.uuid('collectif invalide').optional() }),
    produces: 'image/svg+xml',
  }),
  form: endpoint({ method: 'GET', url: '/api/barometer/form/:code', params: codeParams, response: barometerFormView }),
  answer: endpoint({
    method: 'POST',
    url: '/api/barometer/form/:code/answers',
    params: codeParams,
    body: runAnswersBody,
    response: z.object({ recorded: z.literal(true) }),
  }),
};

const bilingual = z.object({ fr: z.string(), en: z.string() });
export const quizView = z.object({
  questions: z.array(z.object({ key: z.string(), text: bilingual, choices: z.array(bilingual) })),
  profiles: z.array(
    z.object({
      key: z.enum(PROFILES),
      fr: z.object({ name: z.string(), text: z.string() }),
      en: z.object({ name: z.string(), text: z.string() }),
    }),
  ),
});

export const quizResultView = z.object({
  /** The profile(s) with the highest score: a description, never a grade. */
  profiles: z.array(z.enum(PROFILES)),
  scores: z.record(z.enum(PROFILES), z.number()),
  /** The four motivations of seed 004, most chosen first. */
  motivations: z.array(z.enum(MOTIVATIONS)),
  motivationScores: z.record(z.enum(MOTIVATIONS), z.number()),
});
export const quizSavedView = z.object({
  /** The share token: the result's link; shown once, only its hash is kept. */
  token: z.string(),
  result: quizResultView,
});
export const quizResultReadView = z.object({ result: quizResultView, takenOn: z.string(), sharedWith: z.array(named) });
export const quizMixView = z.object({
  collectiveId: z.string(),
  people: z.number(),
  profiles: z.record(z.enum(PROFILES), z.number()),
  firstMotivation: z.record(z.enum(MOTIVATIONS), z.number()),
});
export type QuizMixView = z.output<typeof quizMixView>;
export type QuizResultReadView = z.output<typeof quizResultReadView>;

const tokenParams = z.object({ token: z.string().min(20, 'lien invalide').max(100, 'lien invalide') });

/** The routes of the quiz "Quel coopérateur je suis ?". */
export const quizEndpoints = {
  questions: endpoint({ method: 'GET', url: '/api/quiz', response: quizView }),
  save: endpoint({ method: 'POST', url: '/api/quiz/results', body: quizAnswersBody, response: quizSavedView }),
  result: endpoint({ method: 'GET', url: '/api/quiz/results/:token', params: tokenParams, response: quizResultReadView }),
  share: endpoint({
    method: 'POST',
    url: '/api/quiz/results/:token/shares',
    params: tokenParams,
    body: quizShareBody,
    response: quizResultReadView,
    status: 200,
  }),
  mix: endpoint({ method: 'GET', url: '/api/quiz/collectives/:id/mix', params: idParams, response: quizMixView }),
  /** A live room's distribution, for its projector: counts only, never a person's answers. */
  roomMix: endpoint({
    method: 'GET',
    url: '/api/quiz/rooms/:id/mix',
    params: idParams,
    response: z.object({
      roomId: z.string(),
      people: z.number(),
      profiles: z.record(z.enum(PROFILES), z.number()),
      firstMotivation: z.record(z.enum(MOTIVATIONS), z.number()),
    }),
  }),
};

const questionView = z.object({ key: z.string(), text: z.string(), choices: z.array(z.string()) });
export const questionnaireView = z.object({ eventId: z.string(), questions: z.array(questionView) });
export const myQuestionnaireView = z.object({
  eventTitle: z.string(),
  questions: z.array(questionView),
  answers: z.record(z.string(), z.string()),
});
export const questionnaireAnswersView = z.object({
  eventId: z.string(),
  questions: z.array(questionView),
  /** One line per confirmed or waitlisted registration that answered, for the trainers. */
  answers: z.array(
    z.object({ name: z.string(), organisation: z.string(), answeredAt: z.string(), answers: z.record(z.string(), z.string()) }),
  ),
});

export type MyQuestionnaireView = z.output<typeof myQuestionnaireView>;
export type QuestionnaireAnswersView = z.output<typeof questionnaireAnswersView>;

/** The routes of the pre-training questionnaire. */
export const questionnaireEndpoints = {
  get: endpoint({ method: 'GET', url: '/api/questionnaires/events/:id', params: idParams, response: questionnaireView }),
  set: endpoint({
    method: 'PUT',
    url: '/api/questionnaires/events/:id',
    params: idParams,
    body: questionnaireBody,
    response: questionnaireView,
    status: 200,
  }),
  answers: endpoint({ method: 'GET', url: '/api/questionnaires/events/:id/answers', params: idParams, response: questionnaireAnswersView }),
  mine: endpoint({ method: 'GET', url: '/api/questionnaires/registrations/:token', params: tokenParams, response: myQuestionnaireView }),
  answer: endpoint({
    method: 'PUT',
    url: '/api/questionnaires/registrations/:token',
    params: tokenParams,
    body: questionnaireAnswersBody,
    response: myQuestionnaireView,
    status: 200,
  }),
};

export type EvaluationApi = EndpointMap<typeof questionnaireEndpoints> &
  EndpointMap<typeof quizEndpoints> &
  EndpointMap<typeof indicatorsEndpoints> &
  EndpointMap<typeof observedChangesEndpoints> &
  EndpointMap<typeof barometerEndpoints>;
