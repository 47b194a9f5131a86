import {
  COOPERATION_AIM_LABELS,
  COOPERATION_AIMS,
  LEGAL_FORM_LABELS,
  LEGAL_FORMS,
  MOTIVATION_LABELS,
  MOTIVATIONS,
  type SectionContent,
  type SheetSection,
} from '@maillage/core';
import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Button, Field } from '../../shared/ui';
import { errorFor, exactErrorFor, pick, rememberOrganisation, useOrganisationNames } from './common';
import { DirectoryPicker } from './pickers';

type Lead = SectionContent<'financement'>['leads'][number];
const LEAD_STATUSES: readonly Lead['status'][] = ['piste', 'contact', 'depose', 'obtenu', 'refuse'];

export interface FieldsProps<S extends SheetSection> {
  section: S;
  value: SectionContent<S>;
  onChange(next: SectionContent<S>): void;
  error: ApiError | undefined;
  territoryId: string;
}

/** An error message under a group of fields (a list's rows), tied to it by id. */
function GroupError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function Motivations({ value, onChange, error }: FieldsProps<'enjeux'>) {
  const { t, locale } = useI18n();
  const chosen = value.motivations;
  const message = errorFor(error, 'content.motivations');
  return (
    <fieldset aria-describedby={message ? 'enjeux-motivations-error' : undefined}>
      <legend>{t('collectives.sheet.motivations')}</legend>
      <p class="hint">{t('collectives.sheet.motivationsHint')}</p>
      <div class="checks">
        {MOTIVATIONS.map((m) => (
          <label key={m} class="check">
            <input
              type="checkbox"
              checked={chosen.includes(m)}
              onChange={(e) =>
                onChange({ ...value, motivations: e.currentTarget.checked ? [...chosen, m] : chosen.filter((x) => x !== m) })
              }
            />
            {pick(locale, MOTIVATION_LABELS[m])}
          </label>
        ))}
      </div>
      {chosen.length > 1 && (
        <ol class="ordered" aria-label={t('collectives.sheet.motivationsOrder')}>
          {chosen.map((m, i) => (
            <li key={m}>
              <span>{pick(locale, MOTIVATION_LABELS[m])}</span>
              <span class="row-actions">
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  disabled={i === 0}
                  onClick={() => onChange({ ...value, motivations: moved(chosen, i, i - 1) })}
                >
                  {t('collectives.sheet.up')}
                  <span class="visually-hidden"> — {pick(locale, MOTIVATION_LABELS[m])}</span>
                </button>
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  disabled={i === chosen.length - 1}
                  onClick={() => onChange({ ...value, motivations: moved(chosen, i, i + 1) })}
                >
                  {t('collectives.sheet.down')}
                  <span class="visually-hidden"> — {pick(locale, MOTIVATION_LABELS[m])}</span>
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <GroupError id="enjeux-motivations-error" message={message} />
    </fieldset>
  );
}

function Aim({ value, onChange, error }: FieldsProps<'niveau'>) {
  const { t, locale } = useI18n();
  const message = errorFor(error, 'content.aim');
  return (
    <fieldset aria-describedby={message ? 'niveau-aim-error' : undefined}>
      <legend>{t('collectives.sheet.aim')}</legend>
      {[...COOPERATION_AIMS, null].map((aim) => (
        <label key={aim ?? 'none'} class="check">
          <input type="radio" name="niveau-aim" checked={value.aim === aim} onChange={() => onChange({ ...value, aim })} />
          {aim ? pick(locale, COOPERATION_AIM_LABELS[aim]) : t('collectives.sheet.aimNone')}
        </label>
      ))}
      <GroupError id="niveau-aim-error" message={message} />
    </fieldset>
  );
}

function Ecosystem({ value, onChange, error, territoryId }: FieldsProps<'ecosysteme'>) {
  const { t } = useI18n();
  const names = useOrganisationNames(value.keyOrganisationIds);
  const orgError = errorFor(error, 'content.keyOrganisationIds');
  const peopleError = exactErrorFor(error, 'content.resourcePeople');
  const rowError = (i: number, field: string) => errorFor(error, `content.resourcePeople.${i}.${field}`);
  const people = value.resourcePeople;
  const setPerson = (i: number, patch: Partial<(typeof people)[number]>) =>
    onChange({ ...value, resourcePeople: people.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <>
      <fieldset>
        <legend>{t('collectives.sheet.keyOrganisations')}</legend>
        <DirectoryPicker
          what="organisations"
          label={t('collectives.sheet.addOrganisation')}
          name="keyOrganisation"
          territoryId={territoryId}
          exclude={value.keyOrganisationIds}
          onPick={(o) => {
            rememberOrganisation(o.id, o.name);
            onChange({ ...value, keyOrganisationIds: [...value.keyOrganisationIds, o.id] });
          }}
          error={orgError}
        />
        {value.keyOrganisationIds.length > 0 && (
          <ul class="picked">
            {value.keyOrganisationIds.map((id) => (
              <li key={id}>
                <span>{names[id] ?? t('collectives.sheet.organisationLoading')}</span>
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  onClick={() => onChange({ ...value, keyOrganisationIds: value.keyOrganisationIds.filter((x) => x !== id) })}
                >
                  {t('collectives.pick.remove', { name: names[id] ?? '' })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset aria-describedby={peopleError ? 'eco-people-error' : undefined}>
        <legend>{t('collectives.sheet.resourcePeople')}</legend>
        <DirectoryPicker
          what="people"
          label={t('collectives.sheet.addPerson')}
          hint={t('collectives.sheet.addPersonHint')}
          name="resourcePerson"
          territoryId={territoryId}
          freeText={t('collectives.sheet.keepName')}
          exclude={people.flatMap((p) => (p.personId ? [p.personId] : []))}
          onPick={(p) => onChange({ ...value, resourcePeople: [...people, { name: p.name, personId: p.id || null, why: '' }] })}
        />
        {people.map((p, i) => (
          <div class="row" key={`${p.personId ?? p.name}-${i}`}>
            <Field
              label={t('collectives.sheet.personName', { n: i + 1 })}
              name={`resourcePeople.${i}.name`}
              value={p.name}
              readOnly={p.personId !== null}
              error={rowError(i, 'name') ?? rowError(i, 'personId')}
              onInput={(e) => setPerson(i, { name: e.currentTarget.value })}
            />
            <Field
              label={t('collectives.sheet.personWhy', { name: p.name || String(i + 1) })}
              name={`resourcePeople.${i}.why`}
              value={p.why}
              maxLength={300}
              error={rowError(i, 'why')}
              onInput={(e) => setPerson(i, { why: e.currentTarget.value })}
            />
            <Button
              type="button"
              variant="secondary"
              onClick={() => onChange({ ...value, resourcePeople: people.filter((_, j) => j !== i) })}
            >
              {t('collectives.pick.remove', { name: p.name })}
            </Button>
          </div>
        ))}
        <GroupError id="eco-people-error" message={peopleError} />
      </fieldset>
    </>
  );
}

function Leads({ value, onChange, error }: FieldsProps<'financement'>) {
  const { t } = useI18n();
  const leads = value.leads;
  const message = exactErrorFor(error, 'content.leads');
  const rowError = (i: number, field: string) => errorFor(error, `content.leads.${i}.${field}`);
  const set = (i: number, patch: Partial<Lead>) => onChange({ ...value, leads: leads.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  return (
    <fieldset aria-describedby={message ? 'leads-error' : undefined}>
      <legend>{t('collectives.sheet.leads')}</legend>
      {leads.map((l, i) => (
        <fieldset class="row" key={i}>
          <legend>{t('collectives.sheet.leadN', { n: i + 1 })}</legend>
          <Field
            label={t('collectives.sheet.funder')}
            name={`leads.${i}.funder`}
            value={l.funder}
            error={rowError(i, 'funder')}
            maxLength={160}
            onInput={(e) => set(i, { funder: e.currentTarget.value })}
          />
          <Field
            label={t('collectives.sheet.scheme')}
            name={`leads.${i}.scheme`}
            value={l.scheme}
            error={rowError(i, 'scheme')}
            maxLength={200}
            onInput={(e) => set(i, { scheme: e.currentTarget.value })}
          />
          <Field
            label={t('collectives.sheet.amountEuros')}
            name={`leads.${i}.amount`}
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={l.amount === null ? '' : String(l.amount)}
            error={rowError(i, 'amount')}
            onInput={(e) => {
              const raw = e.currentTarget.value;
              set(i, { amount: raw === '' || Number.isNaN(Number(raw)) ? null : Number(raw) });
            }}
          />
          <div class="field">
            <label for={`lead-${i}-status`}>{t('collectives.sheet.leadStatus')}</label>
            <select id={`lead-${i}-status`} value={l.status} onChange={(e) => set(i, { status: e.currentTarget.value as Lead['status'] })}>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`collectives.lead.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <Button type="button" variant="secondary" onClick={() => onChange({ ...value, leads: leads.filter((_, j) => j !== i) })}>
            {t('collectives.sheet.removeLead', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        variant="secondary"
        onClick={() => onChange({ ...value, leads: [...leads, { funder: '', scheme: '', amount: null, status: 'piste' }] })}
      >
        {t('collectives.sheet.addLead')}
      </Button>
      <GroupError id="leads-error" message={message} />
    </fieldset>
  );
}

function Milestones({ value, onChange, error }: FieldsProps<'calendrier'>) {
  const { t } = useI18n();
  const list = value.milestones;
  const message = exactErrorFor(error, 'content.milestones');
  const rowError = (i: number, field: string) => errorFor(error, `content.milestones.${i}.${field}`);
  const set = (i: number, patch: Partial<(typeof list)[number]>) =>
    onChange({ ...value, milestones: list.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <fieldset aria-describedby={message ? 'milestones-error' : undefined}>
      <legend>{t('collectives.sheet.milestones')}</legend>
      {list.map((m, i) => (
        <div class="row" key={i}>
          <Field
            label={t('collectives.sheet.milestoneDate', { n: i + 1 })}
            name={`milestones.${i}.date`}
            type="date"
            value={m.date}
            error={rowError(i, 'date')}
            onInput={(e) => set(i, { date: e.currentTarget.value })}
          />
          <Field
            label={t('collectives.sheet.milestoneLabel', { n: i + 1 })}
            name={`milestones.${i}.label`}
            value={m.label}
            error={rowError(i, 'label')}
            maxLength={200}
            onInput={(e) => set(i, { label: e.currentTarget.value })}
          />
          <Button type="button" variant="secondary" onClick={() => onChange({ ...value, milestones: list.filter((_, j) => j !== i) })}>
            {t('collectives.sheet.removeMilestone', { n: i + 1 })}
          </Button>
        </div>
      ))}
      <Button type="button" variant="secondary" onClick={() => onChange({ ...value, milestones: [...list, { date: '', label: '' }] })}>
        {t('collectives.sheet.addMilestone')}
      </Button>
      <GroupError id="milestones-error" message={message} />
    </fieldset>
  );
}

function LegalForm({ value, onChange, error }: FieldsProps<'forme_juridique'>) {
  const { t, locale } = useI18n();
  const message = errorFor(error, 'content.form');
  return (
    <fieldset aria-describedby={message ? 'form-error' : undefined}>
      <legend>{t('collectives.sheet.legalForm')}</legend>
      {[...LEGAL_FORMS, null].map((form) => (
        <div key={form ?? 'none'} class="radio-described">
          <label class="check">
            <input
              type="radio"
              name="legal-form"
              checked={value.form === form}
              aria-describedby={form ? `form-${form}-implies` : undefined}
              onChange={() => onChange({ ...value, form })}
            />
            {form ? pick(locale, LEGAL_FORM_LABELS[form]) : t('collectives.sheet.formUndecided')}
          </label>
          {form && (
            <p class="hint" id={`form-${form}-implies`} lang="fr">
              {LEGAL_FORM_LABELS[form].implies}
            </p>
          )}
        </div>
      ))}
      <GroupError id="form-error" message={message} />
    </fieldset>
  );
}

/** The structured fields of a section (after its text), each section its own. */
export function SectionFields(props: FieldsProps<SheetSection>) {
  const { t } = useI18n();
  const { section } = props;
  // The section decides the shape of the value: each structured part reads its own.
  const of = <S extends SheetSection>() => props as unknown as FieldsProps<S>;
  const textError = errorFor(props.error, 'content.text');
  return (
    <>
      <div class="field">
        <label for={`${section}-text`}>{t('collectives.sheet.text')}</label>
        <p class="hint" id={`${section}-text-hint`}>
          {t(`collectives.sheet.hint.${section}`)}
        </p>
        <textarea
          id={`${section}-text`}
          rows={8}
          maxLength={8000}
          value={props.value.text}
          aria-invalid={textError ? 'true' : undefined}
          aria-describedby={`${section}-text-hint${textError ? ` ${section}-text-error` : ''}`}
          onInput={(e) => props.onChange({ ...props.value, text: e.currentTarget.value })}
        />
        {textError && (
          <p class="field-error" id={`${section}-text-error`}>
            {textError}
          </p>
        )}
      </div>
      {section === 'enjeux' && <Motivations {...of<'enjeux'>()} />}
      {section === 'niveau' && <Aim {...of<'niveau'>()} />}
      {section === 'ecosysteme' && <Ecosystem {...of<'ecosysteme'>()} />}
      {section === 'financement' && <Leads {...of<'financement'>()} />}
      {section === 'calendrier' && <Milestones {...of<'calendrier'>()} />}
      {section === 'gouvernance' && (
        <Field
          label={t('collectives.sheet.meetings')}
          hint={t('collectives.sheet.meetingsHint')}
          name="meetings"
          value={(props.value as SectionContent<'gouvernance'>).meetings}
          maxLength={200}
          error={errorFor(props.error, 'content.meetings')}
          onInput={(e) => props.onChange({ ...(props.value as SectionContent<'gouvernance'>), meetings: e.currentTarget.value })}
        />
      )}
      {section === 'forme_juridique' && <LegalForm {...of<'forme_juridique'>()} />}
    </>
  );
}
