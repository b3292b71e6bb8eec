/**
 * Live charts of Altair properties over MQTT: each series of an Altair property watches its Thing on
 * the hub; its numeric values become chart points as they arrive, and while the Thing is live the
 * series is not polled (LiveSession polls it again as soon as it is not). vscode-free: the status
 * words come in as `describe`.
 */
import type { LivePush, PushSubscription } from '../charts/liveSession';
import type { SeriesDescriptor } from '../shared/chart/series';
import type { AltairLiveHub, LiveSessionInfo, OwnerState } from './altairLiveHub';
import { summarize, type LiveSummary } from './liveSummary';

export class HubChartPush<S extends LiveSessionInfo> implements LivePush {
  constructor(
    private readonly hub: AltairLiveHub<S>,
    private readonly describe: (summary: LiveSummary, pollSeconds: number) => string,
  ) {}

  subscribe(d: SeriesDescriptor, onPoint: (ts: number, value: number) => void): PushSubscription | undefined {
    if (d.kind !== 'altair-property') return undefined;
    let disposed = false;
    const watch = this.hub.watch(d.connectionId, { kind: 'thing', space: d.space, uid: d.thingId }, d.label ?? d.thingId).catch(() => undefined);
    const updates = this.hub.onUpdate((u) => {
      if (u.connectionId === d.connectionId && u.uid === d.thingId && u.property === d.property && typeof u.value === 'number' && Number.isFinite(u.value)) onPoint(u.receivedAt, u.value);
    });
    return {
      isLive: () => !disposed && this.hub.isLive(d.connectionId, d.thingId),
      dispose: () => {
        disposed = true;
        updates.dispose();
        void watch.then((w) => w?.dispose());
      },
    };
  }

  statusText(intervalMs: number, descriptors: readonly SeriesDescriptor[]): string | undefined {
    const states: OwnerState[] = [];
    for (const d of descriptors) {
      if (d.kind !== 'altair-property') continue;
      const s = this.hub.state(d.connectionId, { kind: 'thing', space: d.space, uid: d.thingId });
      if (s) states.push(s);
    }
    return this.describe(summarize(states), Math.round(intervalMs / 100) / 10);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.hub.onDidChange(() => listener());
  }
}
