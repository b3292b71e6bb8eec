/**
 * The emulator's "devices": every interval, each thing that an MQTT session watches gets the values its
 * generated series has at that moment, written like a device's report (status, history, feed). Off
 * unless an interval is set (`--live-ms`, or `PUT /_emulator/altair/live`), so tests stay deterministic.
 */
import { writeProperties } from '../propertyWrite';
import type { Api } from '../routes/api';
import type { ThingDoc } from '../types';
import type { Watched } from './topics';

/** Members of a watched category updated per tick, and things looked at to find them (large dataset). */
const MAX_MEMBERS = 200;
const MAX_SCAN = 20_000;

export class LiveGenerator {
  private timer: ReturnType<typeof setInterval> | undefined;
  private interval = 0;

  constructor(
    private readonly api: Api,
    private readonly watched: () => readonly Watched[],
  ) {}

  get intervalMs(): number {
    return this.interval;
  }

  /** 0 stops it. */
  setInterval(ms: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.interval = ms;
    if (ms > 0) {
      this.timer = setInterval(() => this.tick(), ms);
      this.timer.unref?.();
    }
  }

  /** One round: returns how many things got new values. */
  tick(at = this.api.now()): number {
    let n = 0;
    const seen = new Set<string>();
    for (const w of this.watched()) {
      const space = this.api.state().spaces.get(w.space);
      if (!space) continue;
      const docs = 'uid' in w ? [space.things.get(w.uid)].filter((d): d is ThingDoc => d !== undefined) : this.members(space.things.ascending(), w.category);
      for (const doc of docs) {
        const key = `${w.space}/${doc.uid}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const values: Record<string, unknown> = {};
        for (const [name, series] of space.history.seriesOf(doc.uid)) {
          const v = series.generated(at);
          if (v !== undefined) values[name] = v;
        }
        if (Object.keys(values).length === 0) continue;
        writeProperties(this.api, space, doc, values, true, at);
        n++;
      }
    }
    return n;
  }

  stop(): void {
    this.setInterval(0);
  }

  private members(all: Iterator<ThingDoc>, category: string): ThingDoc[] {
    const out: ThingDoc[] = [];
    for (let i = 0; i < MAX_SCAN && out.length < MAX_MEMBERS; i++) {
      const r = all.next();
      if (r.done) break;
      if (r.value.categories.includes(category)) out.push(r.value);
    }
    return out;
  }
}
