import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { TerritorySelect } from './territory-select';
import { type InvitationCreatedView, type InvitationView, type RoleName, roleLabel, roleList } from './types';
import { useSubmit } from './use-form';
import './accounts.css';

const titleSuggestions = ['Chargée de coopération', 'Chef de projet contrat de ville', 'Délégué du préfet', 'Coordinatrice Cité éducative'];

/** `/invitations`: a coordinator or an administrator invites someone with a role on a territory. */
export default function InvitePage() {
  const { t, formatDate } = useI18n();
  const [territoryId, setTerritoryId] = useState('');
  const [role, setRole] = useState<RoleName>('member');
  const [email, setEmail] = useState('');
  const [title, setTitle] = useState('');
  const [created, setCreated] = useState<InvitationCreatedView>();
  const [copied, setCopied] = useState(false);
  const [list, setList] = useState<InvitationView[]>();
  const [listError, setListError] = useState<string>();
  const linkRef = useRef<HTMLInputElement>(null);

  const load = async (id: string) => {
    if (!id) return;
    try {
      setList(await request('GET /api/invitations', { query: { territoryId: id } }));
      setListError(undefined);
    } catch (e) {
      setListError((e as Error).message || t('common.error'));
    }
  };
  useEffect(() => {
    void load(territoryId);
  }, [territoryId]);

  const { busy, error, run } = useSubmit(async () => {
    setCopied(false);
    const result = await request('POST /api/invitations', {
      body: { email, role, territoryId, ...(role === 'coordinator' && title.trim() ? { title: title.trim() } : {}) },
    });
    setCreated(result);
    setEmail('');
    setTitle('');
    await load(territoryId);
  });

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.link);
    } catch {
      // Without clipboard access (plain http), select the text so that Ctrl+C copies it.
      linkRef.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
  };

  const revoke = async (invitation: InvitationView) => {
    try {
      await request('DELETE /api/invitations/:id', { params: { id: invitation.id } });
      await load(territoryId);
    } catch (e) {
      setListError((e as Error).message);
    }
  };

  return (
    <section class="accounts-page">
      <PageTitle>{t('invite.title')}</PageTitle>
      <p>{t('invite.intro')}</p>
      {error && (
        <Alert>
          {error.code === 'offline' ? t('common.offline') : error.code === 'validation' ? t('accounts.fixErrors') : error.message}
        </Alert>
      )}
      <form onSubmit={run} noValidate class="narrow">
        <TerritorySelect
          label={t('invite.territory')}
          value={territoryId}
          onChange={(id) => setTerritoryId(id)}
          error={error?.forField('territoryId')}
        />
        <div class="field">
          <label for="invite-role">{t('invite.role')}</label>
          <select id="invite-role" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as RoleName)}>
            {roleList.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          error={error?.forField('email')}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        {role === 'coordinator' && (
          <>
            <Field
              label={t('invite.coordinatorTitle')}
              hint={t('invite.coordinatorTitleHint')}
              name="title"
              list="coordinator-titles"
              autoComplete="off"
              maxLength={120}
              value={title}
              error={error?.forField('title')}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
            <datalist id="coordinator-titles">
              {titleSuggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </>
        )}
        <Button type="submit" busy={busy} disabled={!territoryId}>
          {t('invite.submit')}
        </Button>
      </form>

      <div aria-live="polite">
        {created && (
          <div class="card invite-result">
            <Alert kind="success">{t('invite.created', { email: created.invitation.email })}</Alert>
            <div class="field">
              <label for="invite-link">{t('invite.link')}</label>
              <div class="copy-row">
                <input id="invite-link" ref={linkRef} readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
                <Button type="button" variant="secondary" onClick={copy}>
                  {t('invite.copy')}
                </Button>
              </div>
              <p class="hint">{copied ? t('invite.copied') : t('invite.expires', { date: formatDate(created.invitation.expiresAt) })}</p>
            </div>
            <p>{created.emailed ? t('invite.emailed', { email: created.invitation.email }) : t('invite.notEmailed')}</p>
          </div>
        )}
      </div>

      <h2>{t('invite.listTitle')}</h2>
      {listError && <Alert>{listError}</Alert>}
      {list && list.length === 0 && <p>{t('invite.empty')}</p>}
      {list && list.length > 0 && (
        // A scrollable region must be reachable with the keyboard (axe: scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on a phone
        <section class="table-scroll" aria-label={t('invite.listTitle')} tabIndex={0}>
          <table>
            <caption class="visually-hidden">{t('invite.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('invite.role')}</th>
                <th scope="col">{t('invite.territory')}</th>
                <th scope="col">{t('invite.status')}</th>
                <th scope="col">{t('invite.expiresAt')}</th>
                <th scope="col">{t('accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{roleLabel(t, i.role, i.title)}</td>
                  <td>{i.territoryName}</td>
                  <td>{t(`invite.status.${i.status}`)}</td>
                  <td>{formatDate(i.expiresAt)}</td>
                  <td>
                    {i.status === 'pending' && (
                      <Button
                        type="button"
                        variant="secondary"
                        onClick={() => revoke(i)}
                        aria-label={t('invite.revokeFor', { email: i.email })}
                      >
                        {t('invite.revoke')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
