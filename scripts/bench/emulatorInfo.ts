/** What the benchmarks read from the emulator's `GET /_emulator/info`, and the clients built from it. */
import { AltairApi, ClientCredentialsStrategy } from '../../src/platforms/altair';
import { IotTicketClient } from '../../src/platforms/iotticket';

export interface EmulatorInfo {
  readonly url: string;
  readonly iotticket: {
    readonly user: string;
    readonly password: string;
    readonly coreBaseUrl: string;
    readonly asset: { readonly id: string; readonly telemetryAttributeId: string };
  };
  readonly altair: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly space: string;
    readonly scopes: readonly string[];
    readonly thing: { readonly id: string; readonly numericProperty: string };
    readonly mqtt?: { readonly url: string };
  };
}

export async function emulatorInfo(baseUrl: string): Promise<EmulatorInfo> {
  const res = await fetch(`${baseUrl}/_emulator/info`);
  if (!res.ok) throw new Error(`emulator info: HTTP ${res.status}`);
  return (await res.json()) as EmulatorInfo;
}

export function iotTicketClient(info: EmulatorInfo): IotTicketClient {
  return new IotTicketClient({ coreBaseUrl: info.iotticket.coreBaseUrl, username: info.iotticket.user, password: info.iotticket.password });
}

export function altairApi(info: EmulatorInfo): AltairApi {
  // Lazy (useSecurity), as before setCredentials fetched at once: the token request stays inside the measured work.
  return new AltairApi({ host: info.url }).useSecurity(new ClientCredentialsStrategy({
    clientId: info.altair.clientId,
    clientSecret: info.altair.clientSecret,
    scopes: [...info.altair.scopes],
  }));
}

/**
 * Runs `task` while the emulator delays every asset-API request by `ms` (its latency fault), as a WAN
 * round trip to a real server would; the rule is removed afterwards.
 */
export async function withLatency<T>(info: EmulatorInfo, ms: number, task: () => Promise<T>): Promise<T> {
  const faults = `${info.url}/_emulator/faults`;
  const pathPrefix = new URL(info.iotticket.coreBaseUrl).pathname;
  const res = await fetch(faults, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ kind: 'latency', ms, pathPrefix }] }) });
  if (!res.ok) throw new Error(`setting the emulator's latency failed: HTTP ${res.status}`);
  try {
    return await task();
  } finally {
    await fetch(faults, { method: 'DELETE' });
  }
}
