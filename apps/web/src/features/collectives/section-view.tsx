import { COOPERATION_AIM_LABELS, LEGAL_FORM_LABELS, MOTIVATION_LABELS, type SectionContent, type SheetSection } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import { pick, useOrganisationNames } from './common';

type AnyContent = Partial<{
  text: string;
  motivations: SectionContent<'enjeux'>['motivations'];
  aim: SectionContent<'niveau'>['aim'];
  keyOrganisationIds: string[];
  resourcePeople: SectionContent<'ecosysteme'>['resourcePeople'];
  leads: SectionContent<'financement'>['leads'];
  milestones: SectionContent<'calendrier'>['milestones'];
  meetings: string;
  form: SectionContent<'forme_juridique'>['form'];
}>;

function KeyOrganisations({ ids }: { ids: readonly string[] }) {
  const { t } = useI18n();
  const names = useOrganisationNames(ids);
  if (ids.length === 0) return null;
  return (
    <>
      <h4>{t('collectives.sheet.keyOrganisations')}</h4>
      <ul>
        {ids.map((id) => (
          <li key={id}>{names[id] ?? t('collectives.sheet.organisationLoading')}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * A section's content, read-only: its text, then its structured fields in words. Reads any
 * version (an old one may lack a field: it is then not shown).
 */
export function SectionContentView({ section, content }: { section: SheetSection; content: unknown }) {
  const { t, locale, formatDate, formatNumber } = useI18n();
  const c = (content ?? {}) as AnyContent;
  const motivations = c.motivations ?? [];
  const people = c.resourcePeople ?? [];
  const leads = c.leads ?? [];
  const milestones = [...(c.milestones ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const empty =
    !c.text?.trim() &&
    motivations.length === 0 &&
    !c.aim &&
    (c.keyOrganisationIds ?? []).length === 0 &&
    people.length === 0 &&
    leads.length === 0 &&
    milestones.length === 0 &&
    !c.meetings?.trim() &&
    !c.form;
  if (empty) return <p class="hint">{t('collectives.sheet.empty')}</p>;
  return (
    <div class="section-content">
      {c.text?.trim() && <p class="prewrap">{c.text}</p>}
      {section === 'enjeux' && motivations.length > 0 && (
        <>
          <h4>{t('collectives.sheet.motivations')}</h4>
          <ol>
            {motivations.map((m) => (
              <li key={m}>{pick(locale, MOTIVATION_LABELS[m])}</li>
            ))}
          </ol>
        </>
      )}
      {section === 'niveau' && c.aim && (
        <p>
          <strong>{t('collectives.sheet.aim')} :</strong> {pick(locale, COOPERATION_AIM_LABELS[c.aim])}
        </p>
      )}
      {section === 'ecosysteme' && <KeyOrganisations ids={c.keyOrganisationIds ?? []} />}
      {section === 'ecosysteme' && people.length > 0 && (
        <>
          <h4>{t('collectives.sheet.resourcePeople')}</h4>
          <ul>
            {people.map((p, i) => (
              <li key={`${p.name}-${i}`}>
                {p.name}
                {p.why && ` — ${p.why}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {section === 'financement' && leads.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('collectives.sheet.leads')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collectives.sheet.funder')}</th>
                <th scope="col">{t('collectives.sheet.scheme')}</th>
                <th scope="col">{t('collectives.sheet.amount')}</th>
                <th scope="col">{t('collectives.sheet.leadStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((l, i) => (
                <tr key={`${l.funder}-${i}`}>
                  <td>{l.funder}</td>
                  <td>{l.scheme}</td>
                  <td>{l.amount === null ? '—' : `${formatNumber(l.amount)} €`}</td>
                  <td>{t(`collectives.lead.${l.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {section === 'calendrier' && milestones.length > 0 && (
        <>
          <h4>{t('collectives.sheet.milestones')}</h4>
          <ul>
            {milestones.map((m, i) => (
              <li key={`${m.date}-${i}`}>
                <time dateTime={m.date}>{formatDate(`${m.date}T12:00:00Z`)}</time> — {m.label}
              </li>
            ))}
          </ul>
        </>
      )}
      {section === 'gouvernance' && c.meetings?.trim() && (
        <p>
          <strong>{t('collectives.sheet.meetings')} :</strong> {c.meetings}
        </p>
      )}
      {section === 'forme_juridique' && c.form && (
        <p>
          <strong>{pick(locale, LEGAL_FORM_LABELS[c.form])}</strong> — {LEGAL_FORM_LABELS[c.form].implies}
        </p>
      )}
    </div>
  );
}
