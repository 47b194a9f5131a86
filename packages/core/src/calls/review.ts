import { type ApplicationStatus, COMMITTEE_STATUSES } from './model';

/**
 * Who reads which review. Until the file reaches the committee, a funder's reviewers read their
 * own funder's reviews only (the notes of the État are not the commune's business, and the other
 * way round); from the committee on (`COMMITTEE_STATUSES`), every reviewer of the call and the
 * call's managers (its coordinators) read every funder's. Applicants never read reviews.
 */

export interface ReviewReader {
  /** The co-funders of the call the caller reviews for. */
  readonly reviewsFor: readonly string[];
  /** The caller manages the call (its coordinators, administrators). */
  readonly manages: boolean;
}

/** Whether the caller may read a review written for `cofunderId` on a file at `status`. */
export function mayReadReview(reader: ReviewReader, status: ApplicationStatus, cofunderId: string): boolean {
  if (reader.reviewsFor.includes(cofunderId)) return true;
  if (!COMMITTEE_STATUSES.includes(status)) return false;
  return reader.manages || reader.reviewsFor.length > 0;
}

/** The reviews the caller may read, in their order. */
export function visibleReviews<R extends { readonly cofunderId: string }>(
  reviews: readonly R[],
  reader: ReviewReader,
  status: ApplicationStatus,
): R[] {
  return reviews.filter((r) => mayReadReview(reader, status, r.cofunderId));
}
