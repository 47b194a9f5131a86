import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { useSession } from '../../shared/session';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { OutboxFailures } from './outbox-failures';
import { TerritorySelect } from './territory-select';
import { type RoleName, roleLabel, roleList, type UserSummaryView } from './types';
import { useSubmit } from './use-form';
import './accounts.css';

/** `/admin/utilisateurs`: administrators list users, disable or enable them, grant and withdraw roles. */
export default function UsersPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [q, setQ] = useState('');
  const [users, setUsers] = useState<UserSummaryView[]>();
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [grantUser, setGrantUser] = useState('');
  const [grantRole, setGrantRole] = useState<RoleName>('member');
  const [grantTerritory, setGrantTerritory] = useState('');
  const [grantTitle, setGrantTitle] = useState('');

  const load = async () => {
    try {
      const list = await request('GET /api/users', { query: { q: q.trim() } });
      setUsers(list);
      if (!list.some((u) => u.id === grantUser)) setGrantUser(list[0]?.id ?? '');
    } catch (e) {
      setMessage({ kind: 'error', text: problemMessage(e, t) });
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => void load(), 250);
    return () => clearTimeout(timer);
  }, [q]);

  const act = async (fn: () => Promise<unknown>, success: string) => {
    try {
      await fn();
      setMessage({ kind: 'success', text: success });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message || problemMessage(e, t) });
    }
  };

  const grant = useSubmit(async () => {
    const user = users?.find((u) => u.id === grantUser);
    await request('POST /api/users/:id/roles', {
      params: { id: grantUser },
      body: {
        role: grantRole,
        territoryId: grantTerritory,
        ...(grantRole === 'coordinator' && grantTitle.trim() ? { title: grantTitle.trim() } : {}),
      },
    });
    setMessage({ kind: 'success', text: t('users.granted', { name: user?.displayName ?? '' }) });
    setGrantTitle('');
    await load();
  });

  return (
    <section class="accounts-page">
      <PageTitle>{t('users.title')}</PageTitle>
      <div aria-live="polite">{message && <Alert kind={message.kind}>{message.text}</Alert>}</div>
      <div class="narrow">
        <Field label={t('users.search')} name="q" type="search" autoComplete="off" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      {users && users.length === 0 && <p>{t('users.empty')}</p>}
      {users && users.length > 0 && (
        // A scrollable region must be reachable with the keyboard (axe: scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on a phone
        <section class="table-scroll" aria-label={t('users.title')} tabIndex={0}>
          <table>
            <caption class="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.displayName')}</th>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('account.roles')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName}</td>
                  <td>{u.email}</td>
                  <td>
                    <ul class="plain">
                      {u.isAdmin && <li>{t('accounts.role.admin')}</li>}
                      {u.roles.map((r) => (
                        <li key={r.id}>
                          {roleLabel(t, r.role, r.title)} — {r.territoryName}{' '}
                          <button
                            type="button"
                            class="link-button"
                            aria-label={t('users.revokeFor', {
                              role: roleLabel(t, r.role),
                              territory: r.territoryName,
                              name: u.displayName,
                            })}
                            onClick={() =>
                              act(
                                () => request('DELETE /api/users/:id/roles/:assignmentId', { params: { id: u.id, assignmentId: r.id } }),
                                t('users.revoked', { name: u.displayName }),
                              )
                            }
                          >
                            {t('users.revoke')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
                  <td>
                    {u.id !== session?.user?.id && (
                      <Button
                        type="button"
                        variant="secondary"
                        aria-label={t(u.disabled ? 'users.enableFor' : 'users.disableFor', { name: u.displayName })}
                        onClick={() =>
                          act(
                            () => request('PATCH /api/users/:id', { params: { id: u.id }, body: { disabled: !u.disabled } }),
                            t(u.disabled ? 'users.enabled' : 'users.disabledDone', { name: u.displayName }),
                          )
                        }
                      >
                        {u.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <h2>{t('users.grantTitle')}</h2>
      {grant.error && <Alert>{grant.error.code === 'validation' ? t('accounts.fixErrors') : grant.error.message}</Alert>}
      <form class="narrow" onSubmit={grant.run} noValidate>
        <div class="field">
          <label for="grant-user">{t('users.user')}</label>
          <select id="grant-user" value={grantUser} onChange={(e) => setGrantUser(e.currentTarget.value)}>
            {(users ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} — {u.email}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="grant-role">{t('invite.role')}</label>
          <select id="grant-role" value={grantRole} onChange={(e) => setGrantRole(e.currentTarget.value as RoleName)}>
            {roleList.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>
        </div>
        {grantRole === 'coordinator' && (
          <Field
            label={t('invite.coordinatorTitle')}
            name="title"
            maxLength={120}
            value={grantTitle}
            error={grant.error?.forField('title')}
            onInput={(e) => setGrantTitle(e.currentTarget.value)}
          />
        )}
        <TerritorySelect
          label={t('invite.territory')}
          value={grantTerritory}
          onChange={setGrantTerritory}
          error={grant.error?.forField('territoryId')}
        />
        <Button type="submit" busy={grant.busy} disabled={!grantUser || !grantTerritory}>
          {t('users.grant')}
        </Button>
      </form>
      <OutboxFailures />
    </section>
  );
}
