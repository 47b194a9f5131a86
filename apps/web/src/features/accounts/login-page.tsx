import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../../shared/form';

export default function LoginPage() {
  const { t } = useI18n();
  const { setSession } = useSession();
  const { navigate, search } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit(async () => {
    const session = await request('POST /api/session', { body: { email, password } });
    setSession(session);
    const next = search.get('suite');
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/');
  });
  return (
    <section class="narrow">
      <PageTitle>{t('login.title')}</PageTitle>
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      <form onSubmit={run} noValidate>
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          error={error?.forField('email')}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <Field
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={error?.forField('password')}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy}>
          {t('login.submit')}
        </Button>
      </form>
    </section>
  );
}
