import { type ConsoleRoomView, IDEA_MAX_LENGTH, KEYWORD_MAX_LENGTH, SYNTHESIS_MAX_LENGTH } from '@maillage/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { checkIdeas, checkKeywords, type IdeaRow, type KeywordRow, type RowError, rowErrorsFromApi } from './paper-entries';
import './live.css';
import './paper-panel.css';

/** What the paper panel needs of an activity (of `GET /api/live/rooms/:roomId`'s activities; `options`: the idea wall's themes). */
export type PaperActivity = Pick<ConsoleRoomView['activities'][number], 'id' | 'kind' | 'prompt' | 'mode' | 'options' | 'cafe'>;

type Translate = ReturnType<typeof useI18n>['t'];
type ShownError = { row: number; field: string; message: string };

const EMPTY_ROWS = 4;

/** Moves the focus to the first field marked invalid once the errors are shown. */
function useFocusFirstInvalid(errors: readonly unknown[]) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return ref;
}

const errorOf = (errors: readonly ShownError[], row: number, field: string) =>
  errors.find((e) => e.row === row && e.field === field)?.message;
const translated = (t: Translate, errors: readonly RowError[]): ShownError[] =>
  errors.map((e) => ({ row: e.row, field: e.field, message: t(e.key, e.params) }));

/** A labelled select or textarea with its error tied by aria-describedby (as `Field` does for inputs). */
function Control({
  label,
  error,
  children,
}: {
  label: string;
  error?: string | undefined;
  children: (id: string, describedBy?: string) => ComponentChildren;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id, errorId)}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Sends a checked body; the API's field errors go back to their rows, the rest to the alert. */
async function send(
  call: () => Promise<unknown>,
  list: 'keywords' | 'ideas' | null,
  rows: readonly number[],
): Promise<{ ok: true } | { ok: false; rows: ShownError[]; general: string | null }> {
  try {
    await call();
    return { ok: true };
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    const placed = list ? rowErrorsFromApi(list, error.fieldErrors, rows) : [];
    const fields = list ? [] : error.fieldErrors.map((f) => ({ row: 0, field: f.field.replace(/^body\./, ''), message: f.message }));
    const all = [...placed, ...fields];
    return { ok: false, rows: all, general: all.length ? null : error.message || error.code };
  }
}

/** The end of a typing-back form: a line more, save, and what was saved. */
function EntryFooter({ busy, submit, done, onAddLine }: { busy: boolean; submit: string; done: string | null; onAddLine: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <div class="live-row">
        <Button type="button" variant="secondary" onClick={onAddLine}>
          {t('live.paper.addLine')}
        </Button>
        <Button type="submit" busy={busy}>
          {submit}
        </Button>
      </div>
      {done !== null && <Alert kind="success">{done}</Alert>}
    </>
  );
}

function KeywordEntry({ roomId, activity, onTyped }: { roomId: string; activity: PaperActivity; onTyped?: (() => void) | undefined }) {
  const { t } = useI18n();
  const group = activity.mode === 'group';
  const [rows, setRows] = useState<KeywordRow[]>(() => Array.from({ length: EMPTY_ROWS }, () => ({ group: '', text: '' })));
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useFocusFirstInvalid(errors);
  const edit = (i: number, patch: Partial<KeywordRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    setGeneral(null);
    const checked = checkKeywords(rows, group ? 'group' : 'person');
    if (!checked.ok) return setErrors(translated(t, checked.errors));
    setBusy(true);
    const sent = await send(
      () =>
        request('POST /api/live/rooms/:roomId/activities/:activityId/keywords/typed', {
          params: { roomId, activityId: activity.id },
          body: checked.body,
        }),
      'keywords',
      checked.rows,
    );
    setBusy(false);
    if (!sent.ok) {
      setErrors(sent.rows);
      setGeneral(sent.general);
      return;
    }
    setErrors([]);
    setDone(checked.body.keywords.length);
    setRows(Array.from({ length: EMPTY_ROWS }, () => ({ group: '', text: '' })));
    onTyped?.();
  };
  return (
    <form ref={ref} onSubmit={submit} noValidate>
      <p class="hint">{group ? t('live.paper.keywords.hintGroup') : t('live.paper.keywords.hintPerson')}</p>
      {general && <Alert>{general}</Alert>}
      {rows.map((r, i) => (
        <div class="live-row live-paper-line" key={i}>
          {group && (
            <Field
              label={t('live.paper.keywords.group', { line: i + 1 })}
              name={`group-${i}`}
              inputMode="numeric"
              size={4}
              value={r.group}
              error={errorOf(errors, i, 'group')}
              onInput={(e) => edit(i, { group: e.currentTarget.value })}
            />
          )}
          <Field
            label={t('live.paper.keywords.word', { line: i + 1 })}
            name={`word-${i}`}
            maxLength={KEYWORD_MAX_LENGTH}
            value={r.text}
            error={errorOf(errors, i, 'text')}
            onInput={(e) => edit(i, { text: e.currentTarget.value })}
          />
        </div>
      ))}
      <EntryFooter
        busy={busy}
        submit={t('live.paper.keywords.submit')}
        done={done === null ? null : t('live.paper.keywords.done', { count: done })}
        onAddLine={() => setRows([...rows, { group: '', text: '' }])}
      />
    </form>
  );
}

function IdeaEntry({ roomId, activity, onTyped }: { roomId: string; activity: PaperActivity; onTyped?: (() => void) | undefined }) {
  const { t } = useI18n();
  const themes = activity.options?.length ? activity.options : [t('live.paper.ideas.noTheme')];
  const fresh = () => Array.from({ length: EMPTY_ROWS }, () => ({ theme: '0', text: '' }));
  const [rows, setRows] = useState<IdeaRow[]>(fresh);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useFocusFirstInvalid(errors);
  const edit = (i: number, patch: Partial<IdeaRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    setGeneral(null);
    const checked = checkIdeas(rows, themes.length);
    if (!checked.ok) return setErrors(translated(t, checked.errors));
    setBusy(true);
    const sent = await send(
      () =>
        request('POST /api/live/rooms/:roomId/activities/:activityId/ideas/typed', {
          params: { roomId, activityId: activity.id },
          body: checked.body,
        }),
      'ideas',
      checked.rows,
    );
    setBusy(false);
    if (!sent.ok) {
      setErrors(sent.rows);
      setGeneral(sent.general);
      return;
    }
    setErrors([]);
    setDone(checked.body.ideas.length);
    // The theme of the last filled line stays chosen: a sheet is typed theme by theme.
    const last = rows.filter((r) => r.text.trim()).at(-1)?.theme ?? '0';
    setRows(fresh().map((r) => ({ ...r, theme: last })));
    onTyped?.();
  };
  return (
    <form ref={ref} onSubmit={submit} noValidate>
      <p class="hint">{t('live.paper.ideas.hint')}</p>
      {general && <Alert>{general}</Alert>}
      {rows.map((r, i) => {
        const themeError = errorOf(errors, i, 'theme');
        return (
          <div class="live-row live-paper-line" key={i}>
            <Control label={t('live.paper.ideas.theme', { line: i + 1 })} error={themeError}>
              {(id, describedBy) => (
                <select
                  id={id}
                  value={r.theme}
                  aria-invalid={themeError ? 'true' : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => edit(i, { theme: e.currentTarget.value })}
                >
                  {themes.map((theme, n) => (
                    <option key={theme} value={String(n)}>
                      {n + 1}. {theme}
                    </option>
                  ))}
                </select>
              )}
            </Control>
            <Field
              label={t('live.paper.ideas.text', { line: i + 1 })}
              name={`idea-${i}`}
              maxLength={IDEA_MAX_LENGTH}
              value={r.text}
              error={errorOf(errors, i, 'text')}
              onInput={(e) => edit(i, { text: e.currentTarget.value })}
            />
          </div>
        );
      })}
      <EntryFooter
        busy={busy}
        submit={t('live.paper.ideas.submit')}
        done={done === null ? null : t('live.paper.ideas.done', { count: done })}
        onAddLine={() => setRows([...rows, { theme: rows.at(-1)?.theme ?? '0', text: '' }])}
      />
    </form>
  );
}

function SynthesisEntry({ roomId, activity, onTyped }: { roomId: string; activity: PaperActivity; onTyped?: (() => void) | undefined }) {
  const { t } = useI18n();
  const tables = activity.cafe?.tables ?? [];
  const rounds = activity.cafe?.rounds ?? 1;
  const [table, setTable] = useState(tables[0]?.id ?? '');
  const [round, setRound] = useState('0');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useFocusFirstInvalid(errors);
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    setGeneral(null);
    const local: ShownError[] = [];
    if (!table) local.push({ row: 0, field: 'table', message: t('live.paper.error.tableMissing') });
    if (!text.trim()) local.push({ row: 0, field: 'text', message: t('live.paper.error.synthesisMissing') });
    else if (text.trim().length > SYNTHESIS_MAX_LENGTH)
      local.push({ row: 0, field: 'text', message: t('live.paper.error.tooLong', { max: SYNTHESIS_MAX_LENGTH }) });
    if (local.length) return setErrors(local);
    setBusy(true);
    const sent = await send(
      () =>
        request('POST /api/live/rooms/:roomId/activities/:activityId/syntheses', {
          params: { roomId, activityId: activity.id },
          body: { table, round: Number(round), text: text.trim() },
        }),
      null,
      [],
    );
    setBusy(false);
    if (!sent.ok) {
      setErrors(sent.rows);
      setGeneral(sent.general);
      return;
    }
    setErrors([]);
    const number = tables.findIndex((x) => x.id === table) + 1;
    setDone(t('live.paper.synthesis.done', { table: number, round: Number(round) + 1 }));
    setText('');
    onTyped?.();
  };
  const tableError = errorOf(errors, 0, 'table');
  const roundError = errorOf(errors, 0, 'round');
  const textError = errorOf(errors, 0, 'text');
  return (
    <form ref={ref} onSubmit={submit} noValidate>
      {general && <Alert>{general}</Alert>}
      <div class="live-row">
        <Control label={t('live.paper.synthesis.table')} error={tableError}>
          {(id, describedBy) => (
            <select
              id={id}
              value={table}
              aria-invalid={tableError ? 'true' : undefined}
              aria-describedby={describedBy}
              onChange={(e) => setTable(e.currentTarget.value)}
            >
              {tables.map((x, n) => (
                <option key={x.id} value={x.id}>
                  {t('live.paper.synthesis.tableOption', { number: n + 1, theme: x.theme })}
                </option>
              ))}
            </select>
          )}
        </Control>
        <Control label={t('live.paper.synthesis.round')} error={roundError}>
          {(id, describedBy) => (
            <select
              id={id}
              value={round}
              aria-invalid={roundError ? 'true' : undefined}
              aria-describedby={describedBy}
              onChange={(e) => setRound(e.currentTarget.value)}
            >
              {Array.from({ length: rounds }, (_, r) => (
                <option key={r} value={String(r)}>
                  {t('live.paper.synthesis.roundOption', { number: r + 1 })}
                </option>
              ))}
            </select>
          )}
        </Control>
      </div>
      <Control label={t('live.paper.synthesis.text')} error={textError}>
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={5}
            maxLength={SYNTHESIS_MAX_LENGTH}
            value={text}
            aria-invalid={textError ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        )}
      </Control>
      <Button type="submit" busy={busy}>
        {t('live.paper.synthesis.submit')}
      </Button>
      {done && <Alert kind="success">{done}</Alert>}
    </form>
  );
}

/** Where a room's paper PDFs are downloaded from. */
export const paperPdfUrl = (roomId: string, what: 'slips' | 'tables' | 'sheets') => `/api/live/rooms/${roomId}/paper/${what}.pdf`;

/**
 * The paper fallback, in the facilitator's console: the PDFs to print (a slip per participant,
 * a card per world café table, the sheets to fill in by hand), and the forms that type the paper
 * results back in (keywords per group, ideas per theme, a table's synthesis for a round).
 */
export function PaperPanel({
  roomId,
  activities,
  onTyped,
}: {
  roomId: string;
  activities: readonly PaperActivity[];
  onTyped?: () => void;
}) {
  const { t } = useI18n();
  const typable = activities.filter((a) => a.kind === 'keyword' || a.kind === 'ideas' || (a.kind === 'worldcafe' && a.cafe));
  const [chosen, setChosen] = useState('');
  const activity = typable.find((a) => a.id === chosen) ?? typable[0];
  return (
    <section class="card live-paper" aria-labelledby="live-paper-h">
      <h2 id="live-paper-h">{t('live.paper.title')}</h2>
      <p>{t('live.paper.intro')}</p>
      <ul class="live-row live-paper-downloads" aria-label={t('live.paper.downloads')}>
        {(['slips', 'tables', 'sheets'] as const).map((what) => (
          <li key={what}>
            <a class="btn btn-secondary" href={paperPdfUrl(roomId, what)} download>
              {t(`live.paper.download.${what}`)}
            </a>
          </li>
        ))}
      </ul>
      <h3>{t('live.paper.typeBack')}</h3>
      {!activity ? (
        <p>{t('live.paper.nothingToType')}</p>
      ) : (
        <>
          <Control label={t('live.paper.activity')}>
            {(id) => (
              <select id={id} value={activity.id} onChange={(e) => setChosen(e.currentTarget.value)}>
                {typable.map((a) => (
                  <option key={a.id} value={a.id}>
                    {t(`live.paper.kind.${a.kind}`)} — {a.prompt}
                  </option>
                ))}
              </select>
            )}
          </Control>
          {activity.kind === 'keyword' && <KeywordEntry key={activity.id} roomId={roomId} activity={activity} onTyped={onTyped} />}
          {activity.kind === 'ideas' && <IdeaEntry key={activity.id} roomId={roomId} activity={activity} onTyped={onTyped} />}
          {activity.kind === 'worldcafe' && <SynthesisEntry key={activity.id} roomId={roomId} activity={activity} onTyped={onTyped} />}
        </>
      )}
    </section>
  );
}
