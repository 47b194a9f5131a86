import type { BudgetLine } from './budget';
import type { ApplicationStatus, CofunderKind, Decision, Track } from './model';

/**
 * The committee's table of a call: for each file and each funder, the amount requested (the 74
 * lines of the structures' planned budgets naming that funder), the amount proposed by the
 * funder's review and the amount voted; totals per funder (against its envelope) and per track.
 *
 * Proposed: a funder may have several reviewers on one file; the table takes the amount of the
 * funder's latest review that proposes one (the review written last is the funder's current
 * word), not a mean, which would invent an amount no one proposed. Amounts are integer cents.
 */

export interface CommitteeCofunder {
  readonly id: string;
  readonly name: string;
  readonly kind: CofunderKind;
  readonly envelopeCents: number;
}

export interface CommitteeApplication {
  readonly id: string;
  readonly title: string;
  readonly track: Track;
  readonly status: ApplicationStatus;
  readonly leadOrganisation: { readonly id: string; readonly name: string };
  readonly collective: { readonly id: string; readonly name: string } | null;
  /** Each structure's planned budget. */
  readonly budgets: readonly (readonly Pick<BudgetLine, 'code' | 'cofunderId' | 'amountCents'>[])[];
  readonly reviews: readonly { readonly cofunderId: string; readonly proposedCents: number | null; readonly updatedAt: Date | string }[];
  readonly decisions: readonly { readonly cofunderId: string; readonly decision: Decision; readonly votedCents: number }[];
}

export interface CommitteeLine {
  readonly cofunderId: string;
  readonly requestedCents: number;
  readonly proposedCents: number | null;
  readonly votedCents: number | null;
  readonly decision: Decision | null;
}

export interface Amounts {
  requestedCents: number;
  proposedCents: number;
  votedCents: number;
}

/** What a file asks of one funder: its 74 lines naming that funder, across the structures. */
export function requestedOf(budgets: CommitteeApplication['budgets'], cofunderId: string): number {
  let sum = 0;
  for (const lines of budgets) for (const l of lines) if (l.code.startsWith('74') && l.cofunderId === cofunderId) sum += l.amountCents;
  return sum;
}

/** The amount of the funder's latest review that proposes one, or null. */
export function proposedOf(reviews: CommitteeApplication['reviews'], cofunderId: string): number | null {
  let latest: { at: number; cents: number } | null = null;
  for (const r of reviews) {
    if (r.cofunderId !== cofunderId || r.proposedCents === null) continue;
    const at = new Date(r.updatedAt).getTime();
    if (!latest || at >= latest.at) latest = { at, cents: r.proposedCents };
  }
  return latest?.cents ?? null;
}

/** One file's line for each funder of the call. */
export function committeeLines(app: CommitteeApplication, cofunders: readonly Pick<CommitteeCofunder, 'id'>[]): CommitteeLine[] {
  return cofunders.map((f) => {
    const decision = app.decisions.find((d) => d.cofunderId === f.id) ?? null;
    return {
      cofunderId: f.id,
      requestedCents: requestedOf(app.budgets, f.id),
      proposedCents: proposedOf(app.reviews, f.id),
      votedCents: decision ? decision.votedCents : null,
      decision: decision?.decision ?? null,
    };
  });
}

/** Whether a line says anything (asked, proposed or voted): the programming table leaves out the empty ones. */
export const lineMatters = (l: CommitteeLine) => l.requestedCents > 0 || l.proposedCents !== null || l.votedCents !== null;

const zero = (): Amounts => ({ requestedCents: 0, proposedCents: 0, votedCents: 0 });
const add = (to: Amounts, l: CommitteeLine) => {
  to.requestedCents += l.requestedCents;
  to.proposedCents += l.proposedCents ?? 0;
  to.votedCents += l.votedCents ?? 0;
};

/** The whole table: the files with their lines, the totals per funder (with its envelope) and per track. */
export function committeeTable(
  cofunders: readonly CommitteeCofunder[],
  applications: readonly CommitteeApplication[],
  tracks: readonly Track[],
) {
  const perFunder = new Map(cofunders.map((f) => [f.id, zero()]));
  const perTrack = new Map(tracks.map((t) => [t, zero()]));
  const rows = applications.map((app) => {
    const lines = committeeLines(app, cofunders);
    for (const l of lines) {
      const f = perFunder.get(l.cofunderId);
      if (f) add(f, l);
      let t = perTrack.get(app.track);
      if (!t) {
        t = zero();
        perTrack.set(app.track, t);
      }
      add(t, l);
    }
    return {
      id: app.id,
      title: app.title,
      track: app.track,
      status: app.status,
      leadOrganisation: app.leadOrganisation,
      collective: app.collective,
      lines,
    };
  });
  return {
    cofunders: cofunders.map((f) => ({
      id: f.id,
      name: f.name,
      kind: f.kind,
      envelopeCents: f.envelopeCents,
      ...(perFunder.get(f.id) ?? zero()),
    })),
    tracks: [...perTrack].map(([track, a]) => ({ track, ...a })),
    applications: rows,
  };
}
