import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import type { AccountView } from '@maillage/core';
import { MyData } from './my-data';
import { roleLabel } from './types';
import { useSubmit } from './use-form';
import './accounts.css';

/** `/compte`: who I am, my roles, and changing my password. */
export default function AccountPage() {
  const { t } = useI18n();
  const [account, setAccount] = useState<AccountView>();
  const [loadError, setLoadError] = useState<string>();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState<number>();
  useEffect(() => {
    request('GET /api/account')
      .then(setAccount)
      .catch((e) => setLoadError(problemMessage(e, t)));
  }, []);
  const { busy, error, run } = useSubmit(async () => {
    setDone(undefined);
    if (next !== confirm) throw new ApiError(400, 'validation', '', [{ field: 'body.confirm', message: t('account.mismatch') }]);
    const result = await request('POST /api/account/password', { body: { currentPassword: current, newPassword: next } });
    setCurrent('');
    setNext('');
    setConfirm('');
    setDone(result.otherSessionsEnded);
  });
  return (
    <section class="narrow accounts-page">
      <PageTitle>{t('nav.account')}</PageTitle>
      {loadError && <Alert>{loadError}</Alert>}
      {account && (
        <>
          <dl class="facts">
            <dt>{t('field.displayName')}</dt>
            <dd>{account.displayName}</dd>
            <dt>{t('field.email')}</dt>
            <dd>{account.email}</dd>
          </dl>
          <h2>{t('account.roles')}</h2>
          {account.isAdmin || account.roles.length ? (
            <ul>
              {account.isAdmin && <li>{t('accounts.role.admin')}</li>}
              {account.roles.map((r) => (
                <li key={r.id}>
                  {roleLabel(t, r.role, r.title)} — {r.territoryName}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('account.noRole')}</p>
          )}
        </>
      )}
      {account && <MyData personId={account.personId} />}
      <h2>{t('account.password')}</h2>
      <div aria-live="polite">{done !== undefined && <Alert kind="success">{t('account.changed', { count: done })}</Alert>}</div>
      {error && (
        <Alert>
          {error.code === 'offline' ? t('common.offline') : error.code === 'validation' ? t('accounts.fixErrors') : error.message}
        </Alert>
      )}
      <form onSubmit={run} noValidate>
        <Field
          label={t('account.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={error?.code === 'wrong_password' ? error.message : error?.forField('currentPassword')}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <Field
          label={t('account.new')}
          hint={t('field.passwordHint')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={next}
          error={error?.forField('newPassword')}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <Field
          label={t('account.confirm')}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          error={error?.forField('confirm')}
          onInput={(e) => setConfirm(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy}>
          {t('account.submit')}
        </Button>
      </form>
    </section>
  );
}
