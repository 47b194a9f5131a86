import type { ApiEndpoints, EndpointOutput, PathwayView } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request, requestFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { type Pathway, today } from './common';
import { saveBlob } from '../../shared/download';

/** The vision in one sentence and its newspaper front page (une de journal), shown as a front page. */
export function Vision({ pathway, onSaved }: { pathway: Pathway; onSaved?: (p: Pathway) => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [sentence, setSentence] = useState(pathway.vision.sentence);
  const [title, setTitle] = useState(pathway.vision.frontPageTitle);
  const [story, setStory] = useState(pathway.vision.frontPageStory);
  const { busy, error, run } = useSubmit(async () => {
    const next = await request('PUT /api/pathways/:id/vision', {
      params: { id: pathway.id },
      body: { sentence, frontPageTitle: title, frontPageStory: story },
    });
    setEditing(false);
    onSaved?.(next);
  });
  return (
    <section aria-labelledby="vision-title" class="vision">
      <h2 id="vision-title">{t('pathways.vision.title')}</h2>
      <p class="vision-sentence">{pathway.vision.sentence || t('pathways.vision.empty')}</p>
      {(pathway.vision.frontPageTitle || pathway.vision.frontPageStory) && (
        <article class="front-page" aria-labelledby="front-page-title">
          <p class="masthead">{t('pathways.vision.masthead')}</p>
          <h3 id="front-page-title">{pathway.vision.frontPageTitle}</h3>
          {pathway.vision.frontPageStory
            .split(/\n+/)
            .filter(Boolean)
            .map((para, i) => (
              <p key={i}>{para}</p>
            ))}
        </article>
      )}
      {onSaved && pathway.may.edit && !editing && (
        <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)}>
          {t('pathways.vision.edit')}
        </button>
      )}
      {editing && (
        <form onSubmit={run} noValidate>
          {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
          <Field
            label={t('pathways.vision.sentence')}
            name="sentence"
            value={sentence}
            maxLength={300}
            error={error?.forField('sentence')}
            onInput={(e) => setSentence(e.currentTarget.value)}
          />
          <Field
            label={t('pathways.vision.frontPageTitle')}
            name="frontPageTitle"
            value={title}
            maxLength={160}
            error={error?.forField('frontPageTitle')}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          <div class="field">
            <label for="front-page-story">{t('pathways.vision.frontPageStory')}</label>
            <textarea id="front-page-story" rows={6} value={story} onInput={(e) => setStory(e.currentTarget.value)} />
            {error?.forField('frontPageStory') && <p class="field-error">{error.forField('frontPageStory')}</p>}
          </div>
          <div class="actions">
            <Button type="submit" busy={busy}>
              {t('pathways.vision.save')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              {t('pathways.cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The pathway's journal (journal de bord): dated notes, the newest first. */
export function Journal({ pathway, onSaved }: { pathway: Pathway; onSaved: (p: Pathway) => void }) {
  const { t, formatDate } = useI18n();
  const [on, setOn] = useState(today());
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit(async () => {
    const next = await request('POST /api/pathways/:id/journal', { params: { id: pathway.id }, body: { on, text } });
    setText('');
    onSaved(next);
  });
  return (
    <section aria-labelledby="journal-title" class="card">
      <h2 id="journal-title">{t('pathways.journal.title')}</h2>
      {pathway.journal.length === 0 && <p>{t('pathways.journal.none')}</p>}
      <ul>
        {[...pathway.journal].reverse().map((j) => (
          <li key={j.id}>
            <strong>{formatDate(`${j.on}T12:00:00Z`)}</strong>
            {j.author && <> — {j.author}</>} : {j.text}
          </li>
        ))}
      </ul>
      {pathway.may.edit && (
        <form onSubmit={run} noValidate>
          {error && !error.fieldErrors.length && <Alert>{error.message}</Alert>}
          <Field
            label={t('pathways.journal.on')}
            name="on"
            type="date"
            value={on}
            error={error?.forField('on')}
            onInput={(e) => setOn(e.currentTarget.value)}
          />
          <div class="field">
            <label for="journal-text">{t('pathways.journal.text')}</label>
            <textarea
              id="journal-text"
              rows={3}
              value={text}
              aria-invalid={error?.forField('text') ? 'true' : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            {error?.forField('text') && <p class="field-error">{error.forField('text')}</p>}
          </div>
          <Button type="submit" busy={busy}>
            {t('pathways.journal.add')}
          </Button>
        </form>
      )}
    </section>
  );
}

/** Every version of the pathway (one per change made), each readable as it was. */
export function Versions({ pathway, onRead }: { pathway: Pathway; onRead: (p: PathwayView) => void }) {
  const { t, formatDate } = useI18n();
  const [list, setList] = useState<EndpointOutput<ApiEndpoints['GET /api/pathways/:id/versions']>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('GET /api/pathways/:id/versions', { params: { id: pathway.id } })
      .then(setList)
      .catch((e: Error) => setError(e.message));
  }, [pathway.id, pathway.version]);
  return (
    <section aria-labelledby="versions-title" class="card">
      <h2 id="versions-title">{t('pathways.versions.title')}</h2>
      {error && <Alert>{error}</Alert>}
      {list && (
        <ol class="versions" reversed>
          {[...list].reverse().map((v) => (
            <li key={v.version}>
              {t('pathways.version', { n: v.version })} —{' '}
              {formatDate(v.at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })}
              {v.author && <> — {v.author}</>} : {v.summary}{' '}
              <button
                type="button"
                class="btn btn-secondary"
                onClick={async () => {
                  try {
                    onRead(await request('GET /api/pathways/:id/versions/:version', { params: { id: pathway.id, version: v.version } }));
                  } catch (e) {
                    setError((e as Error).message);
                  }
                }}
              >
                {t('pathways.versions.read')}
                <span class="visually-hidden"> {t('pathways.version', { n: v.version })}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The one-page plan (PDF A4 or A3, SVG) and the changes as CSV. The plan is fetched first, so that a
 * pathway too large for one page is said here (the server's 422 `plan_too_large`), before printing.
 */
export function Downloads({ pathway }: { pathway: Pathway }) {
  const { t } = useI18n();
  const [format, setFormat] = useState<'A4' | 'A3'>('A4');
  const [problem, setProblem] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();
  const get = async (kind: 'pdf' | 'svg') => {
    setProblem(undefined);
    setBusy(kind);
    try {
      const blob =
        kind === 'pdf'
          ? await requestFile('GET /api/pathways/:id/plan.pdf', { params: { id: pathway.id }, query: { format } })
          : await requestFile('GET /api/pathways/:id/plan.svg', { params: { id: pathway.id }, query: { format } });
      saveBlob(blob, `plan-${format}.${kind}`);
    } catch (e) {
      setProblem(e as ApiError);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="downloads-title" class="card downloads">
      <h2 id="downloads-title">{t('pathways.downloads.title')}</h2>
      <div class="field">
        <label for="plan-format">{t('pathways.downloads.format')}</label>
        <select id="plan-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as 'A4' | 'A3')}>
          <option value="A4">A4</option>
          <option value="A3">A3</option>
        </select>
      </div>
      {problem && (
        <Alert>{problem.code === 'plan_too_large' ? t('pathways.downloads.tooLarge', { detail: problem.message }) : problem.message}</Alert>
      )}
      <p class="actions">
        <Button type="button" busy={busy === 'pdf'} onClick={() => void get('pdf')}>
          {t('pathways.downloads.pdf')}
        </Button>
        <Button type="button" variant="secondary" busy={busy === 'svg'} onClick={() => void get('svg')}>
          {t('pathways.downloads.svg')}
        </Button>
        <a class="btn btn-secondary" href={`/api/pathways/${pathway.id}/changes.csv`} download>
          {t('pathways.downloads.csv')}
        </a>
        <Link class="btn btn-secondary" href={`/chemins/${pathway.id}/canevas`}>
          {t('pathways.canvas.open')}
        </Link>
      </p>
    </section>
  );
}
