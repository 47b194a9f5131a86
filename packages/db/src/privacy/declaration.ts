import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/** What an erased name becomes wherever a fact others depend on stays (a registration, a room's log). */
export const ERASED_NAME = 'Personne effacée';
/** What an erased text becomes (a keyword, an idea, a synthesis, an urgency she typed). */
export const ERASED_TEXT = 'contribution effacée';

/**
 * The person whose data is exported or erased, and what the declarations found about her, in
 * registry order: the ecosystem finds her person row and e-mail, events then find her
 * registrations (by person, or by that e-mail), live rooms the participants of those
 * registrations, and so on. `traces` holds every name, e-mail and phone met on the way: the audit
 * log is scrubbed of them last.
 */
export interface PersonalDataSubject {
  readonly personId: string;
  /** Her user account, if she has one. */
  userId: string | null;
  /** Her e-mail addresses (lower case): the person's own, those of her registrations. */
  readonly emails: Set<string>;
  /** Names, e-mails and phones that identify her. */
  readonly traces: Set<string>;
  /** Texts she typed (in live rooms), which other records may have copied (a collective's urgency). */
  readonly texts: Set<string>;
  /** Keys of her rows, per table (`event_registrations` → registration ids…). */
  readonly found: Map<string, string[]>;
}

/** What one capability's erasure did: counts for the audit entry, and live rooms whose log was rewritten. */
export interface ErasureOutcome {
  readonly counts: Readonly<Record<string, number>>;
  readonly rewrittenRooms?: readonly string[];
}

/** A table and the columns that point at a person (directly, or through her registration or participant). */
export interface PersonalTable {
  readonly table: string;
  readonly columns: readonly string[];
  /** What the table holds about her and what erasure does with it (for readers of the code). */
  readonly what: string;
}

/**
 * One capability's declaration of what it holds about a person and how it exports and erases it.
 * Every table with a person reference is covered by one declaration (`registry.test.ts` reads the
 * database catalogue and fails otherwise).
 */
export interface PersonalDataDeclaration {
  readonly capability: string;
  readonly holds: readonly PersonalTable[];
  /** Finds her rows (records their keys in `subject.found`, what identifies her in `subject.traces`). */
  locate(db: Kysely<DB>, subject: PersonalDataSubject): Promise<void>;
  /** Her data, for the export (articles 15 and 20): sections of the export document. */
  export(db: Kysely<DB>, subject: PersonalDataSubject): Promise<Record<string, unknown>>;
  /** Erases or anonymises her rows, inside the erasure's one transaction. */
  erase(trx: Kysely<DB>, subject: PersonalDataSubject): Promise<ErasureOutcome>;
}

export const foundOf = (subject: PersonalDataSubject, table: string): string[] => subject.found.get(table) ?? [];

/** Adds what identifies her (names, e-mails, phones), ignoring blanks and what erasure itself writes. */
export function addTraces(subject: PersonalDataSubject, ...values: (string | null | undefined)[]): void {
  for (const v of values) {
    const s = v?.trim();
    if (s && s.length >= 3 && s !== ERASED_NAME) subject.traces.add(s);
  }
}
