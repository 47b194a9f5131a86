import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, COMMITTEE_STATUSES } from './model';
import { mayReadReview, visibleReviews } from './review';

const reviews = [
  { id: 'r1', cofunderId: 'etat' },
  { id: 'r2', cofunderId: 'commune' },
];

describe('who reads which review', () => {
  it('keeps each funder to its own reviews until the committee', () => {
    const etat = { reviewsFor: ['etat'], manages: false };
    expect(visibleReviews(reviews, etat, 'en_instruction').map((r) => r.id)).toEqual(['r1']);
    expect(visibleReviews(reviews, { reviewsFor: ['commune'], manages: false }, 'recevable').map((r) => r.id)).toEqual(['r2']);
  });

  it('shows every funder’s reviews to the call’s reviewers and managers from the committee on', () => {
    for (const status of COMMITTEE_STATUSES) {
      expect(visibleReviews(reviews, { reviewsFor: ['etat'], manages: false }, status)).toHaveLength(2);
      expect(visibleReviews(reviews, { reviewsFor: [], manages: true }, status)).toHaveLength(2);
    }
  });

  it('shows the coordinators nothing before the committee, and applicants nothing ever', () => {
    expect(visibleReviews(reviews, { reviewsFor: [], manages: true }, 'en_instruction')).toEqual([]);
    for (const status of APPLICATION_STATUSES) expect(mayReadReview({ reviewsFor: [], manages: false }, status, 'etat')).toBe(false);
  });
});
