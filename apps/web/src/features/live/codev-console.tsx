import type { ActivityResults, CodevActivityView, CodevPreset, CodevSubjectType, CollectiveSummaryView } from '@maillage/core';
import { codevSubjectTypes } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import type { RoomParticipant } from './activity-console';
import { CodevSummary, useStepName } from './codev-projector';

/**
 * The facilitator's side of a co-development session: adding one (subject type, steps, porteur,
 * collective), then running it (porteur, previous and next step, the step's timer, closing it and
 * keeping its record), with the printable step cards and timer page.
 */

/** Custom steps, one per line: `name ; minutes` (a step named "Consultation" takes the proposals). */
export function parseCodevSteps(text: string): { label: string; minutes: number; kind?: 'consultation' | 'learnings' }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [label = '', minutes = ''] = l.split(';').map((x) => x.trim());
      const key = label.toLocaleLowerCase('fr-FR');
      const kind =
        key.startsWith('consultation') || key.startsWith('proposition')
          ? 'consultation'
          : key.startsWith('apprentissage')
            ? 'learnings'
            : undefined;
      return { label, minutes: Math.max(1, Math.round(Number(minutes) || 10)), ...(kind ? { kind } : {}) };
    });
}

export function AddCodev({ roomId, participants, onDone }: { roomId: string; participants: RoomParticipant[]; onDone: () => void }) {
  const { t } = useI18n();
  const [prompt, setPrompt] = useState('');
  const [subjectType, setSubjectType] = useState<CodevSubjectType>('probleme');
  const [preset, setPreset] = useState<CodevPreset | 'custom'>('payette');
  const [steps, setSteps] = useState('');
  const [porteurId, setPorteurId] = useState('');
  const [collectiveId, setCollectiveId] = useState('');
  const [collectives, setCollectives] = useState<CollectiveSummaryView[]>([]);
  useEffect(() => {
    request('GET /api/collectives')
      .then(setCollectives)
      .catch(() => setCollectives([]));
  }, []);
  const { busy, error, run } = useSubmit(async () => {
    await request('POST /api/live/rooms/:roomId/codev', {
      params: { roomId },
      body: {
        subjectType,
        ...(prompt.trim() ? { prompt: prompt.trim() } : {}),
        ...(preset === 'custom' ? { steps: parseCodevSteps(steps) } : { preset }),
        ...(porteurId ? { porteurId } : {}),
        ...(collectiveId ? { collectiveId } : {}),
      },
    });
    setPrompt('');
    onDone();
  });
  return (
    <form noValidate onSubmit={run} class="card" aria-labelledby="codev-add">
      <h2 id="codev-add">{t('live.codev.add')}</h2>
      <p class="hint">{t('live.codev.add.intro')}</p>
      {error && <Alert>{error.message}</Alert>}
      <Field
        label={t('live.codev.prompt')}
        name="codev-prompt"
        maxLength={300}
        value={prompt}
        onInput={(e) => setPrompt(e.currentTarget.value)}
      />
      <div class="field">
        <label for="codev-subject-type">{t('live.codev.subjectType')}</label>
        <select id="codev-subject-type" value={subjectType} onChange={(e) => setSubjectType(e.currentTarget.value as CodevSubjectType)}>
          {codevSubjectTypes.map((k) => (
            <option key={k} value={k}>
              {t(`live.codev.subjectType.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="codev-preset">{t('live.codev.preset')}</label>
        <select id="codev-preset" value={preset} onChange={(e) => setPreset(e.currentTarget.value as typeof preset)}>
          {(['payette', 'seed', 'custom'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`live.codev.preset.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {preset === 'custom' && (
        <div class="field">
          <label for="codev-steps">{t('live.codev.customSteps')}</label>
          <p class="hint" id="codev-steps-hint">
            {t('live.codev.customStepsHint')}
          </p>
          <textarea
            id="codev-steps"
            rows={6}
            aria-describedby="codev-steps-hint"
            value={steps}
            onInput={(e) => setSteps(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="field">
        <label for="codev-porteur">{t('live.codev.porteur')}</label>
        <select id="codev-porteur" value={porteurId} onChange={(e) => setPorteurId(e.currentTarget.value)}>
          <option value="">{t('live.codev.porteur.none')}</option>
          {participants.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="codev-collective">{t('live.codev.collective')}</label>
        <p class="hint" id="codev-collective-hint">
          {t('live.codev.collectiveHint')}
        </p>
        <select
          id="codev-collective"
          aria-describedby="codev-collective-hint"
          value={collectiveId}
          onChange={(e) => setCollectiveId(e.currentTarget.value)}
        >
          <option value="">{t('live.codev.collective.none')}</option>
          {collectives.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" busy={busy}>
        {t('live.codev.submitAdd')}
      </Button>
    </form>
  );
}

/** "12:30" from milliseconds. */
export function mmss(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function CodevConsole({
  roomId,
  activity,
  codev,
  timerRunning,
  results,
  participants,
  onDone,
}: {
  roomId: string;
  activity: { id: string; open: boolean; prompt: string };
  codev: CodevActivityView;
  timerRunning: boolean;
  results: ActivityResults | undefined;
  participants: RoomParticipant[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const stepName = useStepName();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState(false);
  const [porteurId, setPorteurId] = useState(codev.porteurId ?? '');
  const params = { roomId, activityId: activity.id };
  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      setError(undefined);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const toStep = (step: number) =>
    act(() => request('POST /api/live/rooms/:roomId/activities/:activityId/codev/step', { params, body: { step } }));
  const timer = (running: boolean) =>
    act(() => request('POST /api/live/rooms/:roomId/activities/:activityId/codev/timer', { params, body: { running } }));
  const r = results?.kind === 'codev' ? results : undefined;
  const headingId = `codev-steps-${activity.id}`;
  return (
    <div class="codev-console">
      {error && <Alert>{error}</Alert>}
      {kept && <Alert kind="success">{t('live.codev.kept')}</Alert>}
      <div class="live-row">
        <div class="field">
          <label for={`codev-porteur-${activity.id}`}>{t('live.codev.porteur')}</label>
          <select id={`codev-porteur-${activity.id}`} value={porteurId} onChange={(e) => setPorteurId(e.currentTarget.value)}>
            <option value="">{t('live.codev.porteur.none')}</option>
            {participants.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <Button
          type="button"
          variant="secondary"
          disabled={busy || !porteurId || porteurId === codev.porteurId}
          onClick={() =>
            act(() =>
              request('PUT /api/live/rooms/:roomId/activities/:activityId/codev/porteur', { params, body: { participantId: porteurId } }),
            )
          }
        >
          {t('live.codev.setPorteur')}
        </Button>
      </div>
      <h4 id={headingId}>{t('live.codev.steps')}</h4>
      <ol class="codev-steps" aria-labelledby={headingId}>
        {codev.steps.map((s, i) => (
          <li
            key={`${i}-${s.label}`}
            aria-current={i === codev.step ? 'step' : undefined}
            class={i === codev.step ? 'codev-step-current' : ''}
          >
            {stepName(s)} — {t('live.codev.minutes', { count: s.minutes })}
            {i === codev.step && <em> ({t('live.codev.current')})</em>}
          </li>
        ))}
      </ol>
      <div class="live-row">
        <Button type="button" variant="secondary" disabled={busy || codev.step === 0} onClick={() => toStep(codev.step - 1)}>
          {t('live.codev.previous')}
        </Button>
        <Button type="button" disabled={busy || codev.step >= codev.steps.length - 1} onClick={() => toStep(codev.step + 1)}>
          {t('live.codev.next')}
        </Button>
        {timerRunning ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => timer(false)}>
            {t('live.codev.timerPause')}
          </Button>
        ) : (
          <Button type="button" disabled={busy} onClick={() => timer(true)}>
            {codev.pausedMs ? t('live.codev.timerResume') : t('live.codev.timerStart')}
          </Button>
        )}
      </div>
      {codev.pausedMs !== null && !timerRunning && <p role="status">{t('live.codev.paused', { time: mmss(codev.pausedMs) })}</p>}
      <p>
        <a class="btn btn-secondary" href={`/api/live/rooms/${roomId}/activities/${activity.id}/codev/paper.pdf`} download>
          {t('live.codev.paper')}
        </a>
      </p>
      {r && <CodevSummary results={r} headingLevel={4} />}
      <p>
        <Button
          type="button"
          disabled={busy}
          onClick={() =>
            act(async () => {
              await request('POST /api/live/rooms/:roomId/activities/:activityId/codev/close', { params });
              setKept(true);
            })
          }
        >
          {t('live.codev.closeAndKeep')}
        </Button>
      </p>
    </div>
  );
}
