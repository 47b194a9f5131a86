import type { OutboxFailureView as Failure } from '@maillage/core';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { problemMessage } from '../../shared/problem';
import { Alert, Button } from '../../shared/ui';

/**
 * The e-mails that keep failing (administrators): to whom, what, how many attempts, the SMTP
 * server's last answer; a given-up one (10 attempts) can be tried again once the settings are fixed.
 */
export function OutboxFailures() {
  const { t, formatDate } = useI18n();
  const [messages, setMessages] = useState<Failure[]>();
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [busy, setBusy] = useState<number>();
  useEffect(() => {
    request('GET /api/admin/outbox').then(
      (r) => setMessages(r.messages),
      (e) => setStatus({ kind: 'error', text: problemMessage(e, t) }),
    );
  }, []);
  const retry = async (m: Failure) => {
    setBusy(m.id);
    try {
      const again = await request('POST /api/admin/outbox/:id/retry', { params: { id: m.id } });
      setMessages((list) => list?.map((x) => (x.id === m.id ? again : x)));
      setStatus({ kind: 'success', text: t('outbox.retried', { to: m.to }) });
    } catch (e) {
      setStatus({ kind: 'error', text: problemMessage(e, t) });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <div aria-live="polite">{status && <Alert kind={status.kind}>{status.text}</Alert>}</div>
      {messages && messages.length === 0 && <p>{t('outbox.none')}</p>}
      {messages && messages.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption>{t('outbox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.to')}</th>
                <th scope="col">{t('outbox.subject')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.lastError')}</th>
                <th scope="col">{t('outbox.state')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.to}</td>
                  <td>{m.subject}</td>
                  <td>{m.attempts}</td>
                  <td>{m.lastError ?? '—'}</td>
                  <td>
                    {m.givenUp ? (
                      <Button variant="secondary" busy={busy === m.id} onClick={() => void retry(m)}>
                        {t('outbox.retry', { to: m.to })}
                      </Button>
                    ) : (
                      t('outbox.next', { date: formatDate(m.nextAttemptAt, { dateStyle: 'short', timeStyle: 'short' }) })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
