import { useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useRouter } from '../../shared/router';
import { useSession } from '../../shared/session';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { useSubmit } from '../../shared/form';

export default function SetupPage() {
  const { t } = useI18n();
  const { setSession } = useSession();
  const { navigate } = useRouter();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit(async () => {
    setSession(await request('POST /api/setup', { body: { displayName, email, password } }));
    navigate('/', { replace: true });
  });
  return (
    <section class="narrow">
      <PageTitle>{t('setup.title')}</PageTitle>
      <p>{t('setup.intro')}</p>
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
      <form onSubmit={run} noValidate>
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
          {t('setup.submit')}
        </Button>
      </form>
    </section>
  );
}
