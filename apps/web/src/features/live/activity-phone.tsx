import type { ActivityResults, ActivityView, MeView, SubmissionInput } from '@maillage/core';
import { CollectiveUrgencies, RenameCollective } from './collective-parts';
import { useState } from 'preact/hooks';
import { useI18n } from '../../shared/i18n';
import { Button, Field } from '../../shared/ui';

/**
 * What a phone shows for the longer activities: the world café (my table now and next, the host's
 * synthesis), the idea wall (post, vote) and the forming of collectives (my urgency, my collective).
 */

interface PhoneProps {
  readonly activity: ActivityView;
  readonly me: MeView | null;
  readonly results: ActivityResults | undefined;
  readonly pending: boolean;
  readonly submit: (input: SubmissionInput) => void;
}

function Feedback({ pending, text }: { pending: boolean; text: string }) {
  const { t } = useI18n();
  return (
    <p role="status" class="live-feedback">
      {pending ? t('live.pending') : text}
    </p>
  );
}

export function CafePhone({ activity, me, results, pending, submit }: PhoneProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const round = activity.round ?? -1;
  const itinerary = me?.cafe?.itinerary ?? [];
  const hosts = me?.cafe?.hosts ?? null;
  const now = round >= 0 ? itinerary[round] : itinerary[0];
  const next = round >= 0 ? itinerary[round + 1] : undefined;
  const table = results?.kind === 'worldcafe' && hosts ? results.tables.find((x) => x.id === hosts.id) : undefined;
  return (
    <div class="live-cafe">
      {hosts ? (
        <section class="live-seat" aria-labelledby="live-seat-h">
          <h3 id="live-seat-h">{t('live.cafe.host', { number: hosts.number })}</h3>
          <p class="live-seat-theme">{hosts.theme}</p>
          <p>{t('live.group.place', { place: hosts.place })}</p>
        </section>
      ) : now ? (
        <section class="live-seat" aria-labelledby="live-seat-h">
          <h3 id="live-seat-h">{round >= 0 ? t('live.cafe.now', { round: round + 1 }) : t('live.cafe.first')}</h3>
          <p class="live-seat-number">{t('live.cafe.table', { number: now.table.number })}</p>
          <p class="live-seat-theme">{now.table.theme}</p>
          <p>{t('live.group.place', { place: now.table.place })}</p>
        </section>
      ) : (
        <p>{t('live.cafe.notPlanned')}</p>
      )}
      {!hosts && next && (
        <p class="live-next">{t('live.cafe.next', { round: round + 2, number: next.table.number, theme: next.table.theme })}</p>
      )}
      {!hosts && itinerary.some(Boolean) && (
        <details>
          <summary>{t('live.cafe.itinerary')}</summary>
          <ol>
            {itinerary.map((seat, i) => (
              <li key={i}>{seat ? t('live.cafe.seat', { number: seat.table.number, theme: seat.table.theme }) : t('live.cafe.absent')}</li>
            ))}
          </ol>
        </details>
      )}
      {hosts && (
        <form
          noValidate
          class="live-answer"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) submit({ kind: 'synthesis', table: hosts.id, text: text.trim() });
          }}
        >
          <div class="field">
            <label for="live-synthesis">{t('live.cafe.synthesis', { round: Math.max(0, round) + 1 })}</label>
            <p class="hint" id="live-synthesis-hint">
              {t('live.cafe.synthesisHint')}
            </p>
            <textarea
              id="live-synthesis"
              rows={6}
              maxLength={1200}
              aria-describedby="live-synthesis-hint"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <Button type="submit" disabled={!activity.open || !text.trim()}>
            {t('live.cafe.save')}
          </Button>
          <Feedback pending={pending} text="" />
          {table && table.syntheses.length > 0 && (
            <section aria-labelledby="live-earlier">
              <h4 id="live-earlier">{t('live.cafe.earlier')}</h4>
              {table.syntheses.map((s) => (
                <p key={s.round}>
                  <strong>{t('live.cafe.roundN', { round: s.round + 1 })}</strong> {s.text}
                </p>
              ))}
            </section>
          )}
        </form>
      )}
    </div>
  );
}

export function IdeasPhone({ activity, me, results, pending, submit }: PhoneProps) {
  const { t, formatNumber } = useI18n();
  const themes = activity.options ?? [];
  const [theme, setTheme] = useState(0);
  const [text, setText] = useState('');
  const votes = new Set(me?.submitted?.votes ?? []);
  const ideas = results?.kind === 'ideas' ? results.ideas : [];
  return (
    <div class="live-ideas">
      <form
        noValidate
        class="live-answer"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim().length < 2) return;
          submit({ kind: 'idea', theme, text: text.trim() });
          setText('');
        }}
      >
        {themes.length > 1 && (
          <div class="field">
            <label for="live-idea-theme">{activity.kind === 'pathway' ? t('pathways.workshop.horizon') : t('live.ideas.theme')}</label>
            <select id="live-idea-theme" value={String(theme)} onChange={(e) => setTheme(Number(e.currentTarget.value))}>
              {themes.map((th, i) => (
                <option key={th} value={String(i)}>
                  {th}
                </option>
              ))}
            </select>
          </div>
        )}
        <Field
          label={activity.kind === 'pathway' ? t('pathways.workshop.proposal') : t('live.ideas.label')}
          name="idea"
          maxLength={200}
          autoComplete="off"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <Button type="submit" disabled={!activity.open}>
          {t('live.ideas.post')}
        </Button>
        <Feedback pending={pending} text={me?.submitted?.ideas ? t('live.ideas.posted', { count: me.submitted.ideas }) : ''} />
      </form>
      {ideas.length > 0 && (
        <section aria-labelledby="live-wall-h">
          <h3 id="live-wall-h">{t('live.ideas.wall')}</h3>
          <ul class="live-wall">
            {ideas.map((idea) => {
              const voted = votes.has(idea.id);
              return (
                <li key={idea.id}>
                  <span class="live-idea-text">
                    {idea.text}
                    {themes.length > 1 && <span class="live-idea-theme"> · {themes[idea.theme]}</span>}
                  </span>
                  <Button
                    type="button"
                    variant={voted ? 'primary' : 'secondary'}
                    aria-pressed={voted ? 'true' : 'false'}
                    disabled={!activity.open}
                    onClick={() => submit({ kind: 'idea-vote', idea: idea.id, vote: !voted })}
                  >
                    {t('live.ideas.vote', { count: formatNumber(idea.votes) })}
                    <span class="visually-hidden"> — {idea.text}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}

export function CollectivesPhone({ activity, me, results, pending, submit }: PhoneProps) {
  const { t } = useI18n();
  const themes = activity.options ?? [];
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [territory, setTerritory] = useState('');
  const proposal = results?.kind === 'collectives' ? results.collectives : [];
  const mine = me?.collective ?? null;
  return (
    <div class="live-collectives">
      {!mine && (
        <form
          noValidate
          class="live-answer"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim().length < 3) return;
            submit({ kind: 'urgency', text: text.trim(), themes: chosen, ...(territory.trim() ? { territory: territory.trim() } : {}) });
          }}
        >
          <div class="field">
            <label for="live-urgency">{t('live.collectives.urgency')}</label>
            <p class="hint" id="live-urgency-hint">
              {t('live.collectives.urgencyHint')}
            </p>
            <textarea
              id="live-urgency"
              rows={4}
              maxLength={300}
              aria-describedby="live-urgency-hint"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          {themes.length > 0 && (
            <fieldset>
              <legend>{t('live.collectives.themes')}</legend>
              {themes.map((th) => (
                <label key={th} class="live-choice">
                  <input
                    type="checkbox"
                    checked={chosen.includes(th)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setChosen((c) => (on ? [...c, th] : c.filter((x) => x !== th)));
                    }}
                  />
                  <span>{th}</span>
                </label>
              ))}
            </fieldset>
          )}
          <Field
            label={t('live.join.territory')}
            name="territory"
            maxLength={80}
            value={territory}
            onInput={(e) => setTerritory(e.currentTarget.value)}
          />
          <Button type="submit" disabled={!activity.open}>
            {t('live.collectives.declare')}
          </Button>
          <Feedback pending={pending} text={me?.submitted?.urgency ? t('live.collectives.declared', { text: me.submitted.urgency }) : ''} />
        </form>
      )}
      {mine && (
        <section class="live-seat" aria-labelledby="live-collective-h">
          <h3 id="live-collective-h">{mine.name}</h3>
          <p>{t('live.collectives.with', { names: mine.members.join(', ') })}</p>
          <CollectiveUrgencies collective={proposal.find((c) => c.number === mine.number)} />
          {!results || results.kind !== 'collectives' || !results.created ? (
            <RenameCollective
              name={mine.name}
              disabled={!activity.open}
              onRename={(name) => submit({ kind: 'collective-name', number: mine.number, name })}
            />
          ) : null}
          {mine.accepted ? (
            <p role="status">{t('live.collectives.accepted')}</p>
          ) : (
            <Button
              type="button"
              disabled={!activity.open}
              onClick={() => submit({ kind: 'collective', number: mine.number, accepted: true })}
            >
              {t('live.collectives.accept')}
            </Button>
          )}
        </section>
      )}
      {mine && proposal.length > 1 && (
        <details>
          <summary>{t('live.collectives.move')}</summary>
          <ul class="live-wall">
            {proposal
              .filter((c) => c.number !== mine.number)
              .map((c) => (
                <li key={c.number}>
                  <span class="live-idea-text">
                    {c.name} ({c.members.length})
                  </span>
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={!activity.open || c.members.length >= 5}
                    onClick={() => submit({ kind: 'collective', number: c.number, accepted: true })}
                  >
                    {t('live.collectives.join')}
                    <span class="visually-hidden"> — {c.name}</span>
                  </Button>
                </li>
              ))}
          </ul>
        </details>
      )}
    </div>
  );
}
