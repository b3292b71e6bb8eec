/**
 * Fault injection: rules that make matching requests slow or fail, set by CLI flags or at run time
 * through `POST /_emulator/faults` ({"rules":[…]}) and cleared by `DELETE /_emulator/faults`.
 */
export type FaultKind = 'latency' | '429' | '500' | '502' | '503' | '504' | 'reset' | 'malformed';

export interface FaultRule {
  readonly kind: FaultKind;
  /** Only requests whose path starts with this prefix (default: every platform request). */
  readonly pathPrefix?: string;
  /** Only this method. */
  readonly method?: string;
  /** How many matching requests to affect; default unlimited. */
  count?: number;
  /** Affect only every n-th matching request (1 = all). */
  readonly every?: number;
  /** For `latency`: added delay in ms. */
  readonly ms?: number;
  /** For `429`/`503`: the Retry-After header's seconds (may be fractional, e.g. 0.05, to keep tests fast). */
  readonly retryAfterSec?: number;
  /** Internal counter of matching requests. */
  seen?: number;
}

const KINDS: readonly FaultKind[] = ['latency', '429', '500', '502', '503', '504', 'reset', 'malformed'];

export class FaultInjector {
  private rules: FaultRule[] = [];

  set(rules: readonly FaultRule[]): void {
    for (const r of rules) if (!KINDS.includes(r.kind)) throw new Error(`unknown fault kind ${String(r.kind)}; use one of ${KINDS.join(', ')}`);
    this.rules = rules.map((r) => ({ ...r, seen: 0 }));
  }

  add(rule: FaultRule): void {
    this.set([...this.rules, rule]);
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /**
   * The faults that apply to this request: every matching latency rule, then at most one failure.
   * Only applied rules use up their counts, so two failure rules on one path fail two requests.
   */
  take(method: string, path: string): FaultRule[] {
    const hits: FaultRule[] = [];
    let failed = false;
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (failed && rule.kind !== 'latency') continue;
      rule.seen = (rule.seen ?? 0) + 1;
      if (rule.every && rule.seen % rule.every !== 0) continue;
      if (rule.count !== undefined) rule.count--;
      if (rule.kind !== 'latency') failed = true;
      hits.push(rule);
    }
    return hits;
  }
}

/** Parses a CLI fault spec such as `503:3`, `429:2:0.1` (kind:count:retryAfter) or `latency:50`. */
export function parseFaultSpec(spec: string): FaultRule {
  const [kind, a, b] = spec.split(':');
  if (kind === 'latency') return { kind, ms: Number(a ?? 0) };
  return { kind: kind as FaultKind, count: a ? Number(a) : undefined, retryAfterSec: b ? Number(b) : undefined };
}
