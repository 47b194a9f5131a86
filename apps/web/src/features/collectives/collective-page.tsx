import { CodevRecords } from './codev-records';
import type { CollectiveDetailView } from '@maillage/core';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Form, useSubmit } from '../../shared/form';
import { Alert, Button, Field, PageTitle } from '../../shared/ui';
import { CollectiveEvaluation } from '../evaluation/collective-evaluation';
import { AnnounceContext, asApiError } from './common';
import { HistoryPanel } from './history-panel';
import { MembersPanel } from './members-panel';
import { Progress } from './progress';
import { GuidingQuestions } from './questions';
import { RequestsPanel } from './requests-panel';
import { SheetPanel } from './sheet-panel';
import { StepsPanel } from './steps-panel';
import { Tabs } from './tabs';
import './collectives.css';

const NAME_MAX = 160;

/** Renaming the collective (its members with an account, the territory's coordinators). */
function RenameForm({ collective, onDone }: { collective: CollectiveDetailView; onDone: () => void }) {
  const { t } = useI18n();
  const announce = useContext(AnnounceContext);
  const [name, setName] = useState(collective.name);
  const { busy, error, run } = useSubmit(
    async () => {
      await request('PATCH /api/collectives/:id', { params: { id: collective.id }, body: { name: name.trim() } });
      announce(t('collectives.rename.done'));
      onDone();
    },
    {
      check: () =>
        !name.trim()
          ? [{ field: 'name', message: t('collectives.rename.empty') }]
          : name.trim().length > NAME_MAX
            ? [{ field: 'name', message: t('collectives.rename.tooLong', { max: NAME_MAX }) }]
            : [],
    },
  );
  return (
    <details class="collective-rename-box">
      <summary>{t('collectives.rename')}</summary>
      <Form class="collective-rename" onSubmit={run}>
        <Field
          label={t('collectives.rename.name')}
          name="name"
          required
          value={name}
          error={error?.forField('name') ?? (error && error.code !== 'validation' ? error.message : undefined)}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <Button type="submit" busy={busy}>
          {t('collectives.rename.save')}
        </Button>
      </Form>
    </details>
  );
}

/**
 * A collective's workspace: who is in it and with which roles, the project sheet written
 * together, the next small steps, the requests for support, what happened, co-development, and
 * the four guiding questions. Each part is a tab; the page shows only what the caller may do
 * (`may`).
 */
export default function CollectivePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const [c, setC] = useState<CollectiveDetailView>();
  const [error, setError] = useState<ApiError>();
  const [announcement, setAnnouncement] = useState('');
  const load = useCallback(() => {
    request('GET /api/collectives/:id', { params: { id } })
      .then((found) => {
        setC(found);
        setError(undefined);
      })
      .catch((e: unknown) => setError(asApiError(e)));
  }, [id]);
  useEffect(load, [load]);
  // A new message replaces the last one, even when it is the same words (each save is announced).
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 50);
  }, []);
  if (error && !c) {
    return (
      <section>
        <PageTitle>{t('collectives.title')}</PageTitle>
        <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>
        <p>
          <Link href="/collectifs">{t('collectives.back')}</Link>
        </p>
      </section>
    );
  }
  if (!c) return <p aria-busy="true">{t('common.loading')}</p>;
  const current = c.members.filter((m) => m.leftAt === null);
  return (
    <AnnounceContext.Provider value={announce}>
      <article class="workspace">
        <p>
          <Link href="/collectifs">{t('collectives.back')}</Link>
        </p>
        <PageTitle>{c.name}</PageTitle>
        <p class="workspace-facts">
          <span>{t('collectives.territory', { name: c.territoryName })}</span>
          <span>{t('collectives.members', { count: current.length })}</span>
          {c.themes.length > 0 && <span>{t('collectives.themes', { themes: c.themes.join(', ') })}</span>}
        </p>
        {c.origin && (
          <p class="collective-origin">
            <Link href={`/animation/${c.origin.roomId}`}>{t('collectives.origin.room', { title: c.origin.roomTitle })}</Link>
            {c.origin.event && (
              <>
                {' '}
                <Link href={`/journees/${c.origin.event.id}`}>{t('collectives.origin.event', { title: c.origin.event.title })}</Link>
              </>
            )}
          </p>
        )}
        {c.may.edit && <RenameForm collective={c} onDone={load} />}
        {c.urgency && (
          <div class="urgency">
            <h2>{t('collectives.urgency')}</h2>
            <p class="prewrap">{c.urgency}</p>
          </div>
        )}
        <Progress progress={c.progress} />
        <p>
          <a href={`/api/collectives/${encodeURIComponent(c.id)}/fiche.pdf`} class="btn btn-secondary">
            {t('collectives.pdf')}
          </a>
        </p>
        <p class="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
        <Tabs
          label={t('collectives.ws.tabs')}
          idPrefix="ws"
          tabs={[
            { id: 'membres', label: t('collectives.ws.members'), render: () => <MembersPanel collective={c} onChange={load} /> },
            { id: 'fiche', label: t('collectives.ws.sheet'), render: () => <SheetPanel collective={c} onChange={load} /> },
            {
              id: 'pas',
              label: t('collectives.ws.steps'),
              badge: c.progress.stepsOverdue ? t('collectives.progress.overdueShort', { count: c.progress.stepsOverdue }) : undefined,
              render: () => <StepsPanel collective={c} onChange={load} />,
            },
            {
              id: 'appui',
              label: t('collectives.ws.requests'),
              badge: c.progress.openRequests ? t('collectives.progress.openShort', { count: c.progress.openRequests }) : undefined,
              render: () => <RequestsPanel collective={c} onChange={load} />,
            },
            { id: 'questions', label: t('collectives.ws.questions'), render: () => <GuidingQuestions collective={c} /> },
            { id: 'historique', label: t('collectives.ws.history'), render: () => <HistoryPanel collectiveId={c.id} /> },
            {
              id: 'codev',
              label: t('collectives.ws.codev'),
              render: () => (
                <section aria-labelledby="ws-codev">
                  <h2 id="ws-codev">{t('collectives.ws.codev')}</h2>
                  <CodevRecords collectiveId={c.id} />
                </section>
              ),
            },
            { id: 'evaluation', label: t('quiz.collective.tab'), render: () => <CollectiveEvaluation collective={c} /> },
          ]}
        />
      </article>
    </AnnounceContext.Provider>
  );
}
