import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESYNC_HOLD_MS, RESYNC_QUIET_MS, RESYNC_STORM, resyncGate } from './socket';

describe('resync gate', () => {
  let t = 0;
  const now = () => t;
  const advance = async (ms: number) => {
    t += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };
  beforeEach(() => {
    vi.useFakeTimers();
    t = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const track = (p: Promise<void>) => {
    const state = { done: false };
    void p.then(() => {
      state.done = true;
    });
    return state;
  };

  it('does not hold submissions when a few phones reconnect (no storm)', async () => {
    const gate = resyncGate(now);
    for (let i = 0; i < RESYNC_STORM - 1; i++) gate.resyncing();
    const s = track(gate.passed());
    await advance(0);
    expect(s.done).toBe(true);
  });

  it('holds submissions during a storm of reconnections and releases them together once it calms down', async () => {
    const gate = resyncGate(now);
    for (let i = 0; i < RESYNC_STORM; i++) gate.resyncing();
    const a = track(gate.passed());
    await advance(50);
    const b = track(gate.passed());
    await advance(RESYNC_QUIET_MS - 60);
    expect([a.done, b.done]).toEqual([false, false]);
    await advance(20);
    expect([a.done, b.done]).toEqual([true, true]);
  });

  it('never holds a submission longer than the cap while reconnections keep coming', async () => {
    const gate = resyncGate(now);
    const storm = () => {
      for (let i = 0; i < RESYNC_STORM; i++) gate.resyncing();
    };
    storm();
    const s = track(gate.passed());
    for (let elapsed = 0; elapsed < RESYNC_HOLD_MS - 100; elapsed += 100) {
      await advance(100);
      storm();
    }
    expect(s.done).toBe(false);
    await advance(150);
    storm();
    expect(s.done).toBe(true);
  });
});
