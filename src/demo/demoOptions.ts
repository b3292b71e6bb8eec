/** The demo emulator's options, from the environment (a plain module: node tests read it). */
import type { EmulatorOptions } from '../emulator/server';

/**
 * `IOT_EXPLORER_DEMO_LIVE_MS`: the emulator's devices report new values of the Things an MQTT session
 * watches every that many ms (Monitor Thing and live values then have something to show); off by default.
 */
export function demoLive(env: NodeJS.ProcessEnv = process.env): Pick<EmulatorOptions, 'altairLiveMs'> {
  const ms = Number(env.IOT_EXPLORER_DEMO_LIVE_MS);
  return Number.isInteger(ms) && ms >= 50 ? { altairLiveMs: ms } : {};
}

/**
 * The demo's IoT-TICKET devices answer the commands sent to them (fetched, then succeeded, each step
 * 2 s apart) so the command lifecycle can be watched. `IOT_EXPLORER_DEMO_DEVICE_MS` sets the step (0 is
 * off); tests (`IOT_EXPLORER_TEST=1`) play the device themselves, so there it is off unless set.
 */
export function demoDevices(env: NodeJS.ProcessEnv = process.env): Pick<EmulatorOptions, 'deviceAnswerMs'> {
  const set = env.IOT_EXPLORER_DEMO_DEVICE_MS;
  const ms = set === undefined ? (env.IOT_EXPLORER_TEST === '1' ? 0 : 2000) : Number(set);
  return Number.isInteger(ms) && ms > 0 ? { deviceAnswerMs: ms } : {};
}

/**
 * The demo's dataset. `IOT_EXPLORER_DEMO_DATASET=large` swaps in the generated large dataset (2,000 assets
 * and things, 100 children per level) so charts can be tried at scale; `IOT_EXPLORER_DEMO_POINTS` sets its
 * points per series over the 90-day history (default 1,000,000). `hostile` is the demo plus names and
 * event texts a platform may send to break a sink (src/emulator/hostileNames.ts).
 */
export function demoDataset(env: NodeJS.ProcessEnv = process.env): Pick<EmulatorOptions, 'dataset' | 'large'> {
  if (env.IOT_EXPLORER_DEMO_DATASET === 'hostile') return { dataset: 'hostile' };
  if (env.IOT_EXPLORER_DEMO_DATASET !== 'large') return { dataset: 'demo' };
  const points = Number(env.IOT_EXPLORER_DEMO_POINTS);
  return {
    dataset: 'large',
    large: { assets: 2000, childrenPerLevel: 100, pointsPerSeries: Number.isInteger(points) && points > 0 ? points : 1_000_000 },
  };
}
