/**
 * Fault injection: rules that make matching requests slow or fail, set by CLI flags or at run time
 * through `POST /_emulator/faults` ({"rules":[…]}) and cleared by `DELETE /_emulator/faults`.
 */
/**
 * `reset`: answer 200 with part of a body, then drop the connection (the request is not applied).
 * `malformed`: answer 200 with a cut JSON body (not applied). `drop`: apply the request, then drop the
 * connection instead of answering: the client cannot know whether its write took effect.
 */
export type FaultKind = 'latency' | '400' | '401' | '403' | '404' | '409' | '413' | '429' | '500' | '502' | '503' | '504' | 'reset' | 'malformed' | 'drop';

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
  /** For status kinds: the error body to send as it is, instead of the platform's envelope (odd bodies for tests). */
  readonly body?: string;
  /** Internal counter of matching requests. */
  seen?: number;
}

const KINDS: readonly FaultKind[] = ['latency', '400', '401', '403', '404', '409', '413', '429', '500', '502', '503', '504', 'reset', 'malformed', 'drop'];

export class FaultInjector {
  private rules: FaultRule[] = [];

  set(rules: readonly FaultRule[]): void {
    for (const r of rules) {
      if (!r || typeof r !== 'object' || !KINDS.includes(r.kind)) throw new Error(`unknown fault kind ${String((r as FaultRule | null)?.kind)}; use one of ${KINDS.join(', ')}`);
      if (r.body !== undefined && typeof r.body !== 'string') throw new Error('a fault\'s body must be a string');
    }
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
