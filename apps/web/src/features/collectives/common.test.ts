import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import { errorFor, exactErrorFor } from './common';

const problem = new ApiError(400, 'validation', 'Données invalides', [
  { field: 'body.content.milestones.0.label', message: 'le jalon est requis' },
  { field: 'body.content.milestones', message: 'au plus 50 jalons' },
  { field: 'body.customRoles.1', message: 'rôle vide' },
]);

describe('field errors of a problem', () => {
  it('finds an error at a field or below it (a row of a list)', () => {
    expect(errorFor(problem, 'content.milestones.0.label')).toBe('le jalon est requis');
    expect(errorFor(problem, 'customRoles')).toBe('rôle vide');
    expect(errorFor(problem, 'content.milestones')).toBe('le jalon est requis ; au plus 50 jalons');
    expect(errorFor(problem, 'content.milestone')).toBeUndefined();
    expect(errorFor(undefined, 'name')).toBeUndefined();
  });
  it('keeps a list’s own error apart from its rows’', () => {
    expect(exactErrorFor(problem, 'content.milestones')).toBe('au plus 50 jalons');
    expect(exactErrorFor(problem, 'customRoles')).toBeUndefined();
  });
});
