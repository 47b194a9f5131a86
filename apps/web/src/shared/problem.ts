import { ApiError } from './api';
import type { Translate } from './i18n';

/**
 * What to tell a person when a request failed: no answer at all is a connection problem; a 401
 * asks to log in, a 403 says the page is not theirs, a 404 that it does not exist; any other
 * problem says its own title (in the interface's language).
 */
export function problemMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError) || error.status === 0 || error.code === 'offline') return t('common.offline');
  if (error.status === 401) return t('access.login');
  if (error.status === 403) return t('access.denied');
  if (error.status === 404) return error.message || t('access.notFound');
  return error.message || t('common.error');
}
