import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link, useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { type InvitationPublicView, roleLabel } from './types';
import { useSubmit } from '../../shared/form';
import './accounts.css';

/** `/invitation/:token`: see an invitation, then create one's account (or take the role when logged in). */
export default function AcceptInvitationPage({ params }: { params: Record<string, string> }) {
  const { t, formatDate } = useI18n();
  const { session, setSession } = useSession();
  const { navigate, path } = useRouter();
  const token = params.token ?? '';
  const [invitation, setInvitation] = useState<InvitationPublicView>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    request('GET /api/invitations/token/:token', { params: { token } })
      .then(setInvitation)
      .catch((e) => setLoadError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))));
  }, [token]);

  const { busy, error, run } = useSubmit(async () => {
    const next = await request('POST /api/invitations/token/:token/accept', {
      params: { token },
      body: session?.authenticated ? {} : { displayName, password },
    });
    setSession(next);
    navigate('/', { replace: true });
  });

  const logout = async () => {
    await request('DELETE /api/session');
    setSession(await request('GET /api/session'));
  };

  if (loadError) {
    return (
      <section class="narrow">
        <PageTitle>{t('accept.title')}</PageTitle>
        <Alert>{loadError.code === 'offline' ? t('common.offline') : loadError.message}</Alert>
        <p>
          <Link href="/">{t('notFound.back')}</Link>
        </p>
      </section>
    );
  }
  if (!invitation || !session) return <p aria-busy="true">{t('common.loading')}</p>;

  const role = roleLabel(t, invitation.role, invitation.title);
  const mine = session.authenticated && session.user?.email === invitation.email;
  return (
    <section class="narrow">
      <PageTitle>{t('accept.title')}</PageTitle>
      <p class="lead">
        {t('accept.summary', { who: invitation.invitedByName ?? t('accept.someone'), role, territory: invitation.territoryName })}
      </p>
      <p>{t('accept.expires', { email: invitation.email, date: formatDate(invitation.expiresAt) })}</p>
      {error && (
        <Alert>
          {error.code === 'offline' ? t('common.offline') : error.code === 'validation' ? t('accounts.fixErrors') : error.message}
        </Alert>
      )}
      {session.authenticated && !mine && (
        <>
          <Alert kind="info">{t('accept.otherAccount', { current: session.user?.email ?? '', email: invitation.email })}</Alert>
          <Button type="button" variant="secondary" onClick={logout}>
            {t('nav.logout')}
          </Button>
        </>
      )}
      {mine && (
        <Button type="button" busy={busy} onClick={() => run()}>
          {t('accept.take')}
        </Button>
      )}
      {!session.authenticated && invitation.accountExists && (
        <>
          <Alert kind="info">{t('accept.loginFirst', { email: invitation.email })}</Alert>
          <Link class="btn btn-primary" href={`/connexion?suite=${encodeURIComponent(path)}`}>
            {t('nav.login')}
          </Link>
        </>
      )}
      {!session.authenticated && !invitation.accountExists && (
        <form onSubmit={run} noValidate>
          <p>{t('accept.createIntro')}</p>
          <Field label={t('field.email')} name="email" type="email" autoComplete="username" readOnly value={invitation.email} />
          <Field
            label={t('field.displayName')}
            name="displayName"
            autoComplete="name"
            required
            value={displayName}
            error={error?.forField('displayName')}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
          />
          <Field
            label={t('field.password')}
            hint={t('field.passwordHint')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            error={error?.forField('password')}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" busy={busy}>
            {t('accept.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}
