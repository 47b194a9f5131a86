import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Alert, Button, PageTitle } from '../../shared/ui';
import type { AuditEntryView } from './types';
import './accounts.css';

const PAGE = 50;
const knownActions = new Set([
  'setup.first_admin',
  'admin.create_cli',
  'session.login',
  'session.logout',
  'account.password_change',
  'invitation.create',
  'invitation.accept',
  'invitation.revoke',
  'user.create',
  'user.disable',
  'user.enable',
  'role.grant',
  'role.revoke',
]);

/** A short, readable summary of an entry's details (e-mail, role…), never the raw JSON. */
function summary(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object' && !String(v).match(/^[0-9a-f-]{36}$/))
    .map(([k, v]) => `${k} : ${String(v)}`)
    .join(' · ');
}

/** `/journal`: who changed what and when (administrators: everything; coordinators: their territories). */
export default function AuditPage() {
  const { t, formatDate } = useI18n();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string>();
  const load = async (before?: number) => {
    setBusy(true);
    try {
      const page = await request('GET /api/audit', { query: { limit: PAGE, before } });
      setEntries((prev) => (before ? [...prev, ...page] : page));
      setMore(page.length === PAGE);
      setError(undefined);
    } catch (e) {
      setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  return (
    <section class="accounts-page">
      <PageTitle>{t('audit.title')}</PageTitle>
      <p>{t('audit.intro')}</p>
      {error && <Alert>{error}</Alert>}
      <p class="visually-hidden" role="status">
        {busy ? t('common.loading') : t('audit.count', { count: entries.length })}
      </p>
      {!busy && entries.length === 0 && !error && <p>{t('audit.empty')}</p>}
      {entries.length > 0 && (
        // A scrollable region must be reachable with the keyboard (axe: scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on a phone
        <section class="table-scroll" aria-label={t('audit.title')} tabIndex={0}>
          <table>
            <caption class="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('invite.territory')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.at, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' })}</td>
                  <td>{e.actorName ?? t('audit.system')}</td>
                  <td>{knownActions.has(e.action) ? t(`audit.action.${e.action}`) : e.action}</td>
                  <td>{e.territoryName ?? '—'}</td>
                  <td class="details">{summary(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {more && (
        <Button type="button" variant="secondary" busy={busy} onClick={() => load(entries[entries.length - 1]?.id)}>
          {t('audit.more')}
        </Button>
      )}
    </section>
  );
}
