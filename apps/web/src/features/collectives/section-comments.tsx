import type { SectionCommentView, SheetSection } from '@maillage/core';
import { COMMENT_MAX_LENGTH } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { asApiError, errorFor, useAnnounce } from './common';

/** Comments on a section: read them, add one, mark one resolved (or open it again). */
export function SectionComments({
  collectiveId,
  section,
  editable,
  onCount,
}: {
  collectiveId: string;
  section: SheetSection;
  editable: boolean;
  onCount(open: number): void;
}) {
  const { t, formatDate } = useI18n();
  const announce = useAnnounce();
  const [comments, setComments] = useState<SectionCommentView[]>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [text, setText] = useState('');
  const [resolveError, setResolveError] = useState<ApiError>();
  const update = (list: SectionCommentView[]) => {
    setComments(list);
    onCount(list.filter((c) => !c.resolved).length);
  };
  useEffect(() => {
    request('GET /api/collectives/:id/sheet/:section/comments', { params: { id: collectiveId, section } })
      .then(update)
      .catch((e: unknown) => setLoadError(asApiError(e)));
  }, [collectiveId, section]);
  const add = useSubmit(async () => {
    const made = await request('POST /api/collectives/:id/sheet/:section/comments', {
      params: { id: collectiveId, section },
      body: { text },
    });
    update([...(comments ?? []), made]);
    setText('');
    announce(t('collectives.comments.added'));
  });
  const resolve = async (comment: SectionCommentView) => {
    setResolveError(undefined);
    try {
      const next = await request('PATCH /api/collectives/:id/comments/:commentId', {
        params: { id: collectiveId, commentId: comment.id },
        body: { resolved: !comment.resolved },
      });
      update((comments ?? []).map((c) => (c.id === next.id ? next : c)));
      announce(next.resolved ? t('collectives.comments.resolvedDone') : t('collectives.comments.reopened'));
    } catch (e) {
      setResolveError(asApiError(e));
    }
  };
  const fieldId = `comment-${section}`;
  const message = errorFor(add.error, 'text') ?? (add.error ? add.error.message : undefined);
  return (
    <div class="section-comments">
      <h4>{t('collectives.comments.title')}</h4>
      {loadError && <Alert>{loadError.code === 'offline' ? t('common.offline') : loadError.message}</Alert>}
      {resolveError && <Alert>{resolveError.code === 'offline' ? t('common.offline') : resolveError.message}</Alert>}
      {comments && comments.length === 0 && <p class="hint">{t('collectives.comments.none')}</p>}
      {comments && comments.length > 0 && (
        <ul class="comments">
          {comments.map((c) => (
            <li key={c.id} class={c.resolved ? 'resolved' : undefined}>
              <p class="prewrap">{c.text}</p>
              <p class="hint">
                {t('collectives.comments.by', { who: c.author ?? t('collectives.someone'), date: formatDate(c.at) })}
                {c.resolved && ` · ${t('collectives.comments.resolved')}`}
              </p>
              {editable && (
                <Button type="button" variant="secondary" onClick={() => void resolve(c)}>
                  {c.resolved ? t('collectives.comments.reopen') : t('collectives.comments.resolve')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form noValidate onSubmit={(e) => void add.run(e)}>
          <div class="field">
            <label for={fieldId}>{t('collectives.comments.new')}</label>
            <textarea
              id={fieldId}
              rows={3}
              maxLength={COMMENT_MAX_LENGTH}
              value={text}
              aria-invalid={message ? 'true' : undefined}
              aria-describedby={message ? `${fieldId}-error` : undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            {message && (
              <p class="field-error" id={`${fieldId}-error`}>
                {add.error?.code === 'offline' ? t('common.offline') : message}
              </p>
            )}
          </div>
          <Button type="submit" busy={add.busy}>
            {t('collectives.comments.add')}
          </Button>
        </form>
      )}
    </div>
  );
}
