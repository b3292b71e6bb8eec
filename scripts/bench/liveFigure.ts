/**
 * live_update_ms: a property update through the Altair API (PUT …/properties/{p}) until our MQTT live
 * client (src/platforms/altair/mqtt) has decoded it, median over `updates` updates on loopback. The
 * API round trip alone (the PUT's answer) is reported beside it, so the broker's share shows.
 */
import { performance } from 'node:perf_hooks';
import type { AltairApi } from '../../src/platforms/altair';
import { AltairLiveClient } from '../../src/platforms/altair/mqtt';
import { median } from './timing';

export interface LiveFigure {
  readonly ms: number;
  readonly p95Ms: number;
  /** Median of the PUT's own round trip. */
  readonly apiMs: number;
  readonly updates: number;
}

export async function liveUpdate(api: AltairApi, mqttUrl: string, space: string, uid: string, property: string, updates = 100): Promise<LiveFigure> {
  const thing = api.spaces(space).things(uid);
  const creds = await thing.mqttCredentials().create({ enabled: true, description: 'bench live_update_ms' });
  const client = new AltairLiveClient({ url: mqttUrl, username: creds.username!, password: creds.password!, owner: { kind: 'thing', space, uid }, credential: creds }).start();
  try {
    const status = await client.waitFor((s) => s.state === 'connected' || s.state === 'failed');
    if (status.state === 'failed') throw new Error(`the live client failed: ${status.error}`);
    let waiting: { value: number; resolve: (at: number) => void } | undefined;
    client.onUpdate((u) => {
      // Timed on arrival: the message may come before the PUT's own answer.
      if (waiting && u.property === property && u.value === waiting.value) waiting.resolve(performance.now());
    });
    const total: number[] = [];
    const apiOnly: number[] = [];
    // A value no generator produces, one per update, so that each wait ends on its own message.
    for (let i = 0; i < updates; i++) {
      const value = 1_000_000 + i + Math.random() / 2;
      const arrived = new Promise<number>((resolve) => (waiting = { value, resolve }));
      const t0 = performance.now();
      await thing.properties(property).update(value, { updateHistory: false });
      apiOnly.push(performance.now() - t0);
      total.push((await arrived) - t0);
    }
    const sorted = [...total].sort((a, b) => a - b);
    return { ms: median(total), p95Ms: sorted[Math.floor(sorted.length * 0.95) - 1], apiMs: median(apiOnly), updates };
  } finally {
    await client.dispose();
    await thing.mqttCredentials().delete().catch(() => undefined);
  }
}
