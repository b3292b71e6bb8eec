/**
 * The inline features' pushed values without loading the live feature (and its MQTT library) at
 * activation: the first read of an Altair property of a connection that may go live (a broker set, or
 * the demo) loads it; until then, and for everything else, values are polled. Pure: no `vscode`.
 */
import type { Disposable, ValueBackend } from './latestValues';
import type { LiveValueSource, PushedValue } from './liveSource';
import type { ValueRef } from './valueRef';

export function deferredLiveSource(load: () => Promise<LiveValueSource>, wants: (connectionId: string) => boolean): LiveValueSource {
  let source: LiveValueSource | undefined;
  let loading: Promise<LiveValueSource | undefined> | undefined;
  const listeners = new Set<(value: PushedValue) => void>();
  const ensure = (): Promise<LiveValueSource | undefined> =>
    (loading ??= load().then(
      (s) => {
        source = s;
        s.onValue((v) => listeners.forEach((l) => l(v)));
        return s;
      },
      () => undefined, // the live feature failed to load: everything stays polled
    ));
  const needed = (refs: readonly ValueRef[]): boolean => refs.some((r) => r.kind === 'altair-property' && wants(r.connectionId));
  return {
    wrap(backend: ValueBackend): ValueBackend {
      let wrapped: ValueBackend | undefined;
      return {
        latest: async (refs, signal) => {
          if (!wrapped && needed(refs)) {
            const s = await ensure();
            if (s) wrapped = s.wrap(backend);
          }
          return (wrapped ?? backend).latest(refs, signal);
        },
        history: (ref, from, to, signal) => backend.history(ref, from, to, signal),
      };
    },
    isLive: (ref) => source?.isLive(ref) ?? false,
    onValue(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
}
