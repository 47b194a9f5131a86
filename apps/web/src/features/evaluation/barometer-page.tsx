import type { FactorGroup } from '@maillage/core';
import { FACTOR_GROUP_LABELS, FACTOR_GROUPS, FACTORS } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Alert, Button, PageTitle } from '../../shared/ui';
import './evaluation.css';

type Form = { title: string; closed: boolean; statements: { index: number; factor: string; text: string }[] };

/** The phone's random token for this run: it only keeps one phone from answering twice (the server keeps its hash). */
function respondentToken(code: string): string {
  const key = `maillage.barometer.${code}`;
  try {
    const saved = localStorage.getItem(key);
    if (saved) return saved;
  } catch {
    // Storage refused: a fresh token each time.
  }
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    localStorage.setItem(key, token);
  } catch {
    // Nothing to keep it in.
  }
  return token;
}

/** A member answers a barometer run by its link, without an account: the statements grouped by factor, a 1–5 scale each, one submit. */
export default function BarometerPage({ params }: { params: Record<string, string> }) {
  const { t, locale } = useI18n();
  const code = params.code as string;
  const [form, setForm] = useState<Form>();
  const [answers, setAnswers] = useState<(number | null)[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  useEffect(() => {
    request('GET /api/barometer/form/:code', { params: { code } })
      .then((f) => {
        setForm(f);
        setAnswers(f.statements.map(() => null));
      })
      .catch((e: Error) => setError(e.message || t('common.error')));
  }, [code]);
  if (sent) {
    return (
      <div class="evaluation">
        <PageTitle>{t('evaluation.barometer.thanks')}</PageTitle>
        <p>{t('evaluation.barometer.thanksText')}</p>
      </div>
    );
  }
  if (!form) return error ? <Alert>{error}</Alert> : <p aria-busy="true">{t('common.loading')}</p>;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (answers.every((a) => a === null)) {
      setError(t('evaluation.barometer.empty'));
      return;
    }
    setBusy(true);
    try {
      await request('POST /api/barometer/form/:code/answers', {
        params: { code },
        body: { respondentToken: respondentToken(code), answers },
      });
      setSent(true);
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  const answered = answers.filter((a) => a !== null).length;
  const byGroup = (group: FactorGroup) => FACTORS.filter((f) => f.group === group);
  return (
    <div class="evaluation barometer">
      <PageTitle>{form.title}</PageTitle>
      <p>{t('evaluation.barometer.title')}</p>
      {form.closed ? (
        <Alert kind="info">{t('evaluation.barometer.closed')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('evaluation.barometer.intro')}</p>
          {FACTOR_GROUPS.map((group) => (
            <section key={group} aria-labelledby={`group-${group}`}>
              <h2 id={`group-${group}`}>{FACTOR_GROUP_LABELS[group][locale]}</h2>
              {byGroup(group).map((factor) => (
                <div key={factor.key}>
                  <h3>{factor[locale]}</h3>
                  {form.statements
                    .filter((s) => s.factor === factor.key)
                    .map((s) => (
                      <fieldset key={s.index} class="barometer-statement">
                        <legend>{s.text}</legend>
                        <div class="barometer-scale">
                          {[1, 2, 3, 4, 5].map((n) => (
                            <label key={n}>
                              <input
                                type="radio"
                                name={`statement-${s.index}`}
                                value={n}
                                checked={answers[s.index] === n}
                                onChange={() => setAnswers((a) => a.map((v, i) => (i === s.index ? n : v)))}
                              />
                              {n} — {t(`evaluation.barometer.scale.${n}`)}
                            </label>
                          ))}
                        </div>
                      </fieldset>
                    ))}
                </div>
              ))}
            </section>
          ))}
          <p aria-live="polite">{t('evaluation.barometer.answered', { count: answered, total: answers.length })}</p>
          {error && <Alert>{error}</Alert>}
          <Button type="submit" busy={busy}>
            {t('evaluation.barometer.submit')}
          </Button>
        </form>
      )}
    </div>
  );
}
