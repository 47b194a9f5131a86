import type { ActivityResults, LiveRejectCode, LiveRole, MeView, RoomView, ServerMessage, SubmissionInput } from '@maillage/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LiveSocket, type LiveStatus } from '../../shared/live-socket';

export interface LiveState {
  readonly status: LiveStatus;
  readonly room: RoomView | null;
  readonly me: MeView | null;
  readonly results: Readonly<Record<string, ActivityResults>>;
  readonly participants: number | null;
  /** Server clock minus this device's clock, for the timer. */
  readonly clockOffset: number;
  /** Keys sent and not yet acknowledged. */
  readonly pending: readonly string[];
  readonly fatal: LiveRejectCode | null;
  readonly lastReject: { code: LiveRejectCode; message: string } | null;
}

const initial: LiveState = {
  status: 'connecting',
  room: null,
  me: null,
  results: {},
  participants: null,
  clockOffset: 0,
  pending: [],
  fatal: null,
  lastReject: null,
};

/** Follows a live room over its socket; `submit` queues an answer until the server stores it. */
export function useLive(code: string, role: LiveRole, token?: string) {
  const [state, setState] = useState<LiveState>(initial);
  const socket = useRef<LiveSocket | undefined>(undefined);
  /** What each pending key carried, so an acknowledgement shows "received" at once. */
  const sent = useRef(new Map<string, SubmissionInput>());
  useEffect(() => {
    if (role === 'participant' && !token) return;
    const s = new LiveSocket({
      code,
      role,
      ...(token ? { token } : {}),
      onStatus: (status) => setState((st) => ({ ...st, status })),
      onMessage: (m: ServerMessage) =>
        setState((st) => {
          switch (m.type) {
            case 'welcome':
              return {
                ...st,
                room: m.room,
                me: m.me ?? null,
                results: m.results ?? st.results,
                participants: m.room.participants,
                clockOffset: m.serverTime - Date.now(),
                pending: s.queued().map((q) => q.key),
              };
            case 'synced':
              return { ...st, clockOffset: m.serverTime - Date.now(), pending: s.queued().map((q) => q.key) };
            case 'room':
              return { ...st, room: m.room };
            case 'results':
              return { ...st, results: m.results, participants: m.participants };
            case 'me':
              return { ...st, me: m.me };
            case 'ack': {
              const input = sent.current.get(m.key);
              sent.current.delete(m.key);
              // Keywords and votes show "received" at once; the other answers come back in `me`.
              // Several words asked: the slot's word replaces that slot only.
              const keywordSent = (k: { text: string; slot?: number | undefined }) => {
                const slot = k.slot ?? 0;
                const keywords = st.me?.submitted?.keywords;
                if (!keywords && slot === 0) return { keyword: k.text };
                const all = [...(keywords ?? [st.me?.submitted?.keyword ?? ''])];
                while (all.length <= slot) all.push('');
                all[slot] = k.text;
                return { ...(all[0] ? { keyword: all[0] } : {}), keywords: all };
              };
              const submitted = input?.kind === 'keyword' ? keywordSent(input) : input?.kind === 'vote' ? { choices: input.choices } : null;
              return {
                ...st,
                me: st.me && submitted ? { ...st.me, submitted } : st.me,
                pending: st.pending.filter((k) => k !== m.key),
                lastReject: null,
              };
            }
            case 'reject':
              return { ...st, pending: st.pending.filter((k) => k !== m.key), lastReject: { code: m.code, message: m.message } };
            case 'error':
              return { ...st, fatal: m.code, lastReject: { code: m.code, message: m.message } };
            default:
              return st;
          }
        }),
    });
    socket.current = s;
    setState((st) => ({ ...st, pending: s.queued().map((q) => q.key) }));
    return () => s.close();
  }, [code, role, token]);
  const submit = (activityId: string, input: SubmissionInput) => {
    const key = socket.current?.submit(activityId, input);
    if (key) sent.current.set(key, input);
    if (key) setState((st) => ({ ...st, pending: [...st.pending, key] }));
  };
  return { ...state, submit };
}
