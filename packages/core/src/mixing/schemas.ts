import { z } from 'zod';

const id = z.string().trim().min(1);
const pair = z.tuple([id, id]);

/** A mixing problem as the `workshop-instance/v1` JSON format describes it. */
export const workshopInstanceSchema = z
  .object({
    schema: z.literal('workshop-instance/v1'),
    name: z.string().optional(),
    description: z.string().optional(),
    mode: z.enum(['icebreaker', 'rotation', 'worldcafe', 'collectives']).optional(),
    rounds: z.number().int().min(1).max(100),
    rules: z
      .object({
        noRepeatPairs: z.boolean().default(true),
        separateKnownPairs: z.boolean().default(true),
        themeAtMostOncePerParticipant: z.boolean().default(false),
        diversity: z
          .array(
            z.object({
              attribute: z.enum(['type', 'territory']),
              maxPerTable: z.number().int().min(1),
              strength: z.literal('soft').optional(),
            }),
          )
          .default([]),
        keepTogetherOverridesPairRules: z.boolean().optional(),
      })
      .default({ noRepeatPairs: true, separateKnownPairs: true, themeAtMostOncePerParticipant: false, diversity: [] }),
    organisations: z.array(z.object({ id, type: z.string().optional(), territory: z.string().optional() }).loose()).optional(),
    participants: z
      .array(
        z
          .object({
            id,
            name: z.string().optional(),
            organisation: z.string().optional(),
            type: z.string().optional(),
            territory: z.string().optional(),
            availableRounds: z.array(z.number().int().min(1)).optional(),
            themes: z.array(z.string()).optional(),
            urgency: z.string().optional(),
            wishes: z.array(z.string()).optional(),
            host: z.string().optional(),
          })
          .loose(),
      )
      .min(1),
    knownPairs: z.array(pair).default([]),
    metBefore: z.array(pair).optional(),
    keepTogether: z.array(pair).default([]),
    tables: z
      .array(
        z.object({
          id,
          capacity: z.number().int().min(1),
          minSize: z.number().int().min(0).default(1),
          theme: z.string().nullable().default(null),
        }),
      )
      .min(1),
  })
  .loose();
export type WorkshopInstance = z.infer<typeof workshopInstanceSchema>;

/** One Social Golfer instance of the classic format (`classic.json` holds a list of them). */
export const classicInstanceSchema = z
  .object({
    name: z.string().default('classic'),
    players: z.number().int().min(1),
    groupSize: z.number().int().min(1),
    groups: z.number().int().min(1),
    rounds: z.number().int().min(1).max(200),
  })
  .loose();
export type ClassicInstance = z.infer<typeof classicInstanceSchema>;

/** The plan format written by `maillage mix` (and read back for a re-plan). */
export const mixingPlanSchema = z
  .object({
    rounds: z.array(z.object({ tables: z.array(z.object({ table: id, participants: z.array(id) })) })),
  })
  .loose();

/** French description of zod issues, each naming the field path. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
    return `champ « ${path || '(racine)'} » : ${issue.message}`;
  });
}
