/**
 * Values pushed to the inline features instead of polled (Altair over MQTT, src/live/): the polling
 * backend is wrapped so that refs read are also watched, pushed values land in the cache as fresh
 * reads, and a ref whose values are pushed right now is not polled. Pure: no `vscode`.
 */
import type { Disposable, ValueBackend } from './latestValues';
import type { ValueRef } from './valueRef';

export interface PushedValue {
  readonly ref: ValueRef;
  readonly value: unknown;
  /** Epoch ms it arrived. */
  readonly ts: number;
}

export interface LiveValueSource {
  /** The backend to read through: it reads like `backend` and starts pushing for the refs it is asked about. */
  wrap(backend: ValueBackend): ValueBackend;
  /** Whether the ref's values are pushed right now. */
  isLive(ref: ValueRef): boolean;
  onValue(listener: (value: PushedValue) => void): Disposable;
}
