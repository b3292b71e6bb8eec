/**
 * The inline features' `LiveValueSource` on the MQTT hub: a Thing whose property is read gets watched
 * (with a credential already stored; creating one needs the user's consent, see liveCommands.ts), its
 * property messages become pushed values, and while its client is connected it is not polled.
 */
import type { Disposable, ValueBackend } from '../inline/latestValues';
import type { LiveValueSource, PushedValue } from '../inline/liveSource';
import type { ValueRef } from '../inline/valueRef';
import { Listeners } from '../platforms/altair/mqtt';
import type { AltairLiveHub, LiveSessionInfo, LiveWatch } from './altairLiveHub';

export class HubValueSource<S extends LiveSessionInfo> implements LiveValueSource, Disposable {
  private readonly values = new Listeners<PushedValue>();
  private readonly watches = new Map<string, Promise<LiveWatch | undefined>>();
  private readonly subscription: Disposable;

  constructor(private readonly hub: AltairLiveHub<S>) {
    this.subscription = hub.onUpdate((u) => {
      const ref: ValueRef = { kind: 'altair-property', connectionId: u.connectionId, space: u.space, thingId: u.uid, property: u.property };
      this.values.fire({ ref, value: u.value, ts: u.receivedAt });
    });
  }

  readonly onValue = this.values.event;

  wrap(backend: ValueBackend): ValueBackend {
    return {
      latest: (refs, signal) => {
        for (const ref of refs) this.watch(ref);
        return backend.latest(refs, signal);
      },
      history: (ref, from, to, signal) => backend.history(ref, from, to, signal),
    };
  }

  isLive(ref: ValueRef): boolean {
    return ref.kind === 'altair-property' && this.hub.isLive(ref.connectionId, ref.thingId);
  }

  /** Starts watching the ref's Thing (once; a failed start is tried again on a later read). */
  watch(ref: ValueRef): void {
    if (ref.kind !== 'altair-property') return;
    const key = `${ref.connectionId}|${ref.space}|${ref.thingId}`;
    if (this.watches.has(key)) {
      const state = this.hub.state(ref.connectionId, { kind: 'thing', space: ref.space, uid: ref.thingId });
      if (!state || state.notLive !== 'failed') return;
    }
    const previous = this.watches.get(key);
    const next = (previous ?? Promise.resolve(undefined)).then(async (w) => {
      w?.dispose();
      return this.hub.watch(ref.connectionId, { kind: 'thing', space: ref.space, uid: ref.thingId }, ref.thingId).catch(() => undefined);
    });
    this.watches.set(key, next);
  }

  dispose(): void {
    this.subscription.dispose();
    this.values.clear();
    for (const w of this.watches.values()) void w.then((x) => x?.dispose());
    this.watches.clear();
  }
}
