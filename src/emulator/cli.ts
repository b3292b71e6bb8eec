/**
 * `npm run emulator -- [--port N] [--mqtt-port N] [--live-ms MS] [--dataset demo|large|hostile] [--assets N]
 *   [--children-per-level N] [--points N] [--seed N] [--token-ttl S] [--fault KIND[:COUNT[:RETRY_AFTER]]]... [--latency MS]`
 * The first line on stdout starts `IoT emulator listening on http://127.0.0.1:<port>` (other tools rely on
 * it) and goes on with ` (Altair MQTT broker on mqtt://127.0.0.1:<port>)`.
 */
import { parseFaultSpec, type FaultRule } from './faults';
import type { DatasetName, LargeDatasetOptions } from './module';
import { startEmulator } from './server';

function parse(argv: readonly string[]): Parameters<typeof startEmulator>[0] {
  const large: Partial<Record<keyof LargeDatasetOptions, number>> = {};
  const faults: FaultRule[] = [];
  let port = 0;
  let dataset: DatasetName = 'demo';
  let seed: number | undefined;
  let tokenTtlSec: number | undefined;
  let mqttPort = 0;
  let altairLiveMs = 0;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got ${v}`);
      return n;
    };
    switch (flag) {
      case '--port': port = int(); break;
      case '--mqtt-port': mqttPort = int(); break;
      case '--live-ms': altairLiveMs = int(); break;
      case '--dataset': {
        const v = value();
        if (v !== 'demo' && v !== 'large' && v !== 'hostile') throw new Error(`--dataset must be demo, large or hostile, got ${v}`);
        dataset = v;
        break;
      }
      case '--assets': large.assets = int(); break;
      case '--children-per-level': large.childrenPerLevel = int(); break;
      case '--points': large.pointsPerSeries = int(); break;
      case '--seed': seed = int(); break;
      case '--token-ttl': tokenTtlSec = int(); break;
      case '--latency': faults.push({ kind: 'latency', ms: int() }); break;
      case '--fault': faults.push(parseFaultSpec(value())); break;
      case '--help': case '-h':
        console.log('usage: npm run emulator -- [--port N] [--mqtt-port N] [--live-ms MS] [--dataset demo|large|hostile] [--assets N] [--children-per-level N] [--points N] [--seed N] [--token-ttl S] [--latency MS] [--fault KIND[:COUNT[:RETRY_AFTER]]]');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (large.assets !== undefined && large.assets > 1_000_000) throw new Error('--assets is at most 1000000');
  if (altairLiveMs > 0 && altairLiveMs < 50) throw new Error('--live-ms is 0 (off) or at least 50');
  return { port, mqttPort, altairLiveMs, dataset, large, seed, tokenTtlSec, faults };
}

async function main(): Promise<void> {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(2);
  }
  const emulator = await startEmulator(options);
  console.log(`IoT emulator listening on ${emulator.url} (Altair MQTT broker on ${emulator.mqttUrl})`);
  console.log(`Credentials and example ids: ${emulator.url}/_emulator/info`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
