/**
 * Live charts' pushed points without loading the live feature (and its MQTT library) with the charts:
 * the first live series of a connection that may go live (src/inline/deferredLiveSource.ts `wantsLive`)
 * loads it; until it is there such a series is polled, as any series whose push is not live. Pure.
 */
import type { LivePush, PushSubscription } from './liveSession';

export function deferredLivePush(load: () => Promise<LivePush>, wants: (connectionId: string) => boolean): LivePush {
  let push: LivePush | undefined;
  let loading: Promise<LivePush | undefined> | undefined;
  const changed = new Set<() => void>();
  const ensure = (): Promise<LivePush | undefined> =>
    (loading ??= load().then(
      (p) => {
        push = p;
        p.onDidChange(() => changed.forEach((l) => l()));
        changed.forEach((l) => l());
        return p;
      },
      () => undefined, // without the live feature, live charts poll
    ));
  return {
    subscribe(d, onPoint): PushSubscription | undefined {
      if (push) return push.subscribe(d, onPoint);
      if (d.kind !== 'altair-property' || !wants(d.connectionId)) return undefined;
      let inner: PushSubscription | undefined;
      let disposed = false;
      void ensure().then((p) => {
        if (p && !disposed) inner = p.subscribe(d, onPoint);
      });
      return {
        isLive: () => inner?.isLive() ?? false,
        dispose: () => {
          disposed = true;
          inner?.dispose();
        },
      };
    },
    statusText: (intervalMs, descriptors) => push?.statusText(intervalMs, descriptors),
    onDidChange(listener) {
      changed.add(listener);
      return { dispose: () => changed.delete(listener) };
    },
  };
}
