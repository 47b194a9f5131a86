import type { CollectiveDetailView, CollectiveStepView, StepStatus } from '@maillage/core';
import { STEP_STATUSES } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, Field } from '../../shared/ui';
import { useSubmit } from '../../shared/form';
import { asApiError, errorFor, useAnnounce } from './common';

function StepItem({
  collectiveId,
  step,
  members,
  editable,
  onUpdated,
  onDeleted,
}: {
  collectiveId: string;
  step: CollectiveStepView;
  members: CollectiveDetailView['members'];
  editable: boolean;
  onUpdated(step: CollectiveStepView): void;
  onDeleted(id: string): void;
}) {
  const { t, formatDate } = useI18n();
  const announce = useAnnounce();
  const [error, setError] = useState<ApiError>();
  const update = async (body: { status?: StepStatus; ownerMemberId?: string | null }) => {
    setError(undefined);
    try {
      const next = await request('PATCH /api/collectives/:id/steps/:stepId', { params: { id: collectiveId, stepId: step.id }, body });
      onUpdated(next);
      announce(t('collectives.steps.updated', { title: next.title }));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const remove = async () => {
    setError(undefined);
    try {
      await request('DELETE /api/collectives/:id/steps/:stepId', { params: { id: collectiveId, stepId: step.id } });
      onDeleted(step.id);
      announce(t('collectives.steps.deleted', { title: step.title }));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const id = `step-${step.id}`;
  return (
    <li class={`step${step.overdue ? ' overdue' : ''}${step.status === 'fait' ? ' done' : ''}`}>
      <div class="step-main">
        {editable ? (
          <label class="check">
            <input
              type="checkbox"
              checked={step.status === 'fait'}
              onChange={(e) => void update({ status: e.currentTarget.checked ? 'fait' : 'a_faire' })}
            />
            <span class="step-title">{step.title}</span>
          </label>
        ) : (
          <span class="step-title">
            <span aria-hidden="true">{step.status === 'fait' ? '☑ ' : '☐ '}</span>
            {step.title}
          </span>
        )}
        {step.overdue && (
          <strong class="overdue-flag">
            <span aria-hidden="true">⚠ </span>
            {t('collectives.steps.overdue')}
          </strong>
        )}
      </div>
      <p class="hint">
        {step.owner ? t('collectives.steps.owner', { name: step.owner.name }) : t('collectives.steps.noOwner')}
        {' · '}
        {step.dueOn ? t('collectives.steps.due', { date: formatDate(`${step.dueOn}T12:00:00Z`) }) : t('collectives.steps.noDue')}
        {' · '}
        {t(`collectives.steps.status.${step.status}`)}
      </p>
      {editable && (
        <div class="step-edit">
          <div class="field">
            <label for={`${id}-status`}>{t('collectives.steps.statusOf', { title: step.title })}</label>
            <select id={`${id}-status`} value={step.status} onChange={(e) => void update({ status: e.currentTarget.value as StepStatus })}>
              {STEP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`collectives.steps.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-owner`}>{t('collectives.steps.ownerOf', { title: step.title })}</label>
            <select
              id={`${id}-owner`}
              value={step.owner?.memberId ?? ''}
              onChange={(e) => void update({ ownerMemberId: e.currentTarget.value || null })}
            >
              <option value="">{t('collectives.steps.noOwner')}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="button" variant="secondary" onClick={() => void remove()}>
            {t('collectives.steps.delete')}
            <span class="visually-hidden"> — {step.title}</span>
          </Button>
        </div>
      )}
      {error && <Alert>{error.code === 'offline' ? t('common.offline') : error.message}</Alert>}
    </li>
  );
}

/** The next small steps: a checklist with an owner, a due date and a status; overdue ones said and counted. */
export function StepsPanel({ collective, onChange }: { collective: CollectiveDetailView; onChange(): void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [steps, setSteps] = useState<CollectiveStepView[]>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [form, setForm] = useState({ title: '', owner: '', dueOn: '' });
  const members = collective.members.filter((m) => m.leftAt === null);
  useEffect(() => {
    request('GET /api/collectives/:id/steps', { params: { id: collective.id } })
      .then(setSteps)
      .catch((e: unknown) => setLoadError(asApiError(e)));
  }, [collective.id]);
  const add = useSubmit(async () => {
    const made = await request('POST /api/collectives/:id/steps', {
      params: { id: collective.id },
      body: { title: form.title, ownerMemberId: form.owner || null, dueOn: form.dueOn || null },
    });
    setSteps((list) => [...(list ?? []), made]);
    setForm({ title: '', owner: '', dueOn: '' });
    announce(t('collectives.steps.added', { title: made.title }));
    onChange();
  });
  const overdue = steps?.filter((s) => s.overdue).length ?? 0;
  const done = steps?.filter((s) => s.status === 'fait').length ?? 0;
  const changed = (list: CollectiveStepView[]) => {
    setSteps(list);
    onChange();
  };
  const otherError = add.error && !['title', 'ownerMemberId', 'dueOn'].some((f) => errorFor(add.error, f));
  return (
    <section aria-labelledby="ws-steps">
      <h2 id="ws-steps">{t('collectives.steps.title')}</h2>
      {steps && (
        <p class="steps-summary">
          {t('collectives.progress.steps', { done, total: steps.length })}
          {overdue > 0 && (
            <strong class="overdue-flag">
              {' · '}
              <span aria-hidden="true">⚠ </span>
              {t('collectives.progress.overdue', { count: overdue })}
            </strong>
          )}
        </p>
      )}
      {loadError && <Alert>{loadError.code === 'offline' ? t('common.offline') : loadError.message}</Alert>}
      {!steps && !loadError && <p aria-busy="true">{t('common.loading')}</p>}
      {steps && steps.length === 0 && <p class="hint">{t('collectives.steps.none')}</p>}
      {steps && steps.length > 0 && (
        <ul class="steps">
          {steps.map((s) => (
            <StepItem
              key={s.id}
              collectiveId={collective.id}
              step={s}
              members={members}
              editable={collective.may.edit}
              onUpdated={(next) => changed(steps.map((x) => (x.id === next.id ? next : x)))}
              onDeleted={(gone) => changed(steps.filter((x) => x.id !== gone))}
            />
          ))}
        </ul>
      )}
      {collective.may.edit && (
        <form class="card" noValidate aria-labelledby="ws-add-step" onSubmit={(e) => void add.run(e)}>
          <h3 id="ws-add-step">{t('collectives.steps.add')}</h3>
          <Field
            label={t('collectives.steps.stepTitle')}
            name="title"
            maxLength={300}
            value={form.title}
            error={errorFor(add.error, 'title')}
            onInput={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <div class="field">
            <label for="new-step-owner">{t('collectives.steps.ownerLabel')}</label>
            <select id="new-step-owner" value={form.owner} onChange={(e) => setForm({ ...form, owner: e.currentTarget.value })}>
              <option value="">{t('collectives.steps.noOwner')}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            {errorFor(add.error, 'ownerMemberId') && <p class="field-error">{errorFor(add.error, 'ownerMemberId')}</p>}
          </div>
          <Field
            label={t('collectives.steps.dueLabel')}
            name="dueOn"
            type="date"
            value={form.dueOn}
            error={errorFor(add.error, 'dueOn')}
            onInput={(e) => setForm({ ...form, dueOn: e.currentTarget.value })}
          />
          {otherError && add.error && <Alert>{add.error.code === 'offline' ? t('common.offline') : add.error.message}</Alert>}
          <Button type="submit" busy={add.busy}>
            {t('collectives.steps.addSubmit')}
          </Button>
        </form>
      )}
    </section>
  );
}
