/** The shared form helper (kept here for the pages that import it from accounts). */
export { useSubmit } from '../../shared/form';
