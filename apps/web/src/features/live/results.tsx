import { lazyComponent } from '../../shared/lazy-component';
import type { ActivityResults, ActivityView } from '@maillage/core';
import { useI18n } from '../../shared/i18n';
import { CodevSummary } from './codev-projector';
import { WordCloud } from './word-cloud';
import { Link } from '../../shared/router';
import { CollectiveUrgencies } from './collective-parts';

/** The quiz's bars (with the profiles' texts) load only when a room shows a quiz. */
const QuizMix = lazyComponent(() => import('../evaluation/quiz-mix').then((m) => m.QuizMix));

/**
 * The results of an activity, large: the word cloud, the poll bars, the groups formed. With
 * `linkCollectives` (the console), each collective already stored links to its page.
 */
export function Results({
  activity,
  results,
  linkCollectives = false,
}: {
  activity: ActivityView;
  results: ActivityResults | undefined;
  linkCollectives?: boolean;
}) {
  const { t, formatNumber } = useI18n();
  if (!results) return <p class="live-empty">{t('live.projector.noAnswer')}</p>;
  if (results.kind === 'cloud') {
    if (results.words.length === 0) return <p class="live-empty">{t('live.projector.noAnswer')}</p>;
    return <WordCloud words={results.words} label={activity.prompt} formatCount={formatNumber} />;
  }
  if (results.kind === 'tally') {
    const max = Math.max(1, ...results.counts);
    return (
      <table class="live-tally">
        <caption class="visually-hidden">{activity.prompt}</caption>
        <tbody>
          {(activity.options ?? []).map((option, i) => (
            <tr key={option}>
              <th scope="row">{activity.pollKind === 'continuum' ? `${i + 1}. ${option}` : option}</th>
              <td>
                <span class="live-bar" style={{ width: `${(100 * (results.counts[i] ?? 0)) / max}%` }} />
                <span>{t('live.projector.votes', { count: results.counts[i] ?? 0 })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (results.kind === 'worldcafe') {
    const tables = activity.tables ?? [];
    return (
      <div class="live-cafe-tables">
        {results.round >= 0 && <p class="live-round">{t('live.cafe.roundOf', { round: results.round + 1, rounds: results.rounds })}</p>}
        <ul>
          {results.tables.map((r) => {
            const table = tables.find((x) => x.id === r.id);
            return (
              <li key={r.id}>
                <h3>
                  {t('live.cafe.table', { number: table?.number ?? r.id })} · {table?.theme}
                </h3>
                <p>
                  {table?.place}
                  {r.host ? ` · ${t('live.cafe.hostName', { name: r.host })}` : ''}
                  {results.planned ? ` · ${t('live.group.size', { count: r.seated })}` : ''}
                </p>
                {r.syntheses.map((syn) => (
                  <p key={syn.round} class="live-synthesis">
                    <strong>{t('live.cafe.roundN', { round: syn.round + 1 })}</strong> {syn.text}
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      </div>
    );
  }
  if (results.kind === 'ideas') {
    if (results.ideas.length === 0) return <p class="live-empty">{t('live.projector.noAnswer')}</p>;
    const groups = new Map(results.groups.map((g) => [g.id, g.label]));
    return (
      <div class="live-idea-columns">
        {results.themes.map((theme, i) => (
          <section key={theme} aria-label={theme}>
            {results.themes.length > 1 && <h3>{theme}</h3>}
            <ul class="live-wall">
              {results.ideas
                .filter((idea) => idea.theme === i)
                .slice(0, 12)
                .map((idea) => (
                  <li key={idea.id} class={idea.hidden ? 'live-hidden-word' : undefined}>
                    <span class="live-idea-text">
                      {idea.text}
                      {idea.group !== null && <span class="live-idea-theme"> · {groups.get(idea.group)}</span>}
                    </span>
                    <span class="live-count">{t('live.projector.votes', { count: idea.votes })}</span>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    );
  }
  if (results.kind === 'collectives') {
    if (results.collectives.length === 0)
      return <p class="live-empty">{t('live.collectives.declaredCount', { count: formatNumber(results.declared) })}</p>;
    return (
      <ul class="live-collective-list">
        {results.collectives.map((c) => (
          <li key={c.number}>
            <h3>{linkCollectives && c.collectiveId ? <Link href={`/collectifs/${c.collectiveId}`}>{c.name}</Link> : c.name}</h3>
            <p>{c.members.map((m) => (m.accepted ? `${m.name} ✓` : m.name)).join(', ')}</p>
            <CollectiveUrgencies collective={c} />
          </li>
        ))}
      </ul>
    );
  }
  if (results.kind === 'codev') return <CodevSummary results={results} />;
  if (results.kind === 'quiz') return <QuizMix mix={results} idPrefix={`live-quiz-${activity.id}`} />;
  return <p class="live-empty">{t('live.projector.groups', { groups: results.groups, seated: results.seated })}</p>;
}
