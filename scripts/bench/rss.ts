/**
 * Figure 5: the peak resident set of this process while `task` runs. `resourceUsage().maxRSS` is the
 * kernel's high-water mark, so a peak between samples is not missed; a 20 ms sampler adds the RSS
 * before the task for reference. Run it in a fresh process, or earlier work sets the mark.
 */
import { resourceUsage } from 'node:process';

export interface RssFigure {
  /** Peak RSS of the process, MB (2^20 bytes). */
  readonly peakMb: number;
  /** RSS just before the task started, MB. */
  readonly beforeMb: number;
  /** Highest RSS seen by the 20 ms sampler, MB. */
  readonly sampledPeakMb: number;
  readonly fetched: number;
}

const MB = 1024 * 1024;

export async function peakRss(task: () => Promise<{ fetched: number }>): Promise<RssFigure> {
  const beforeMb = process.memoryUsage().rss / MB;
  let sampled = beforeMb;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss / MB);
  }, 20);
  try {
    const { fetched } = await task();
    sampled = Math.max(sampled, process.memoryUsage().rss / MB);
    return { peakMb: (resourceUsage().maxRSS * 1024) / MB, beforeMb, sampledPeakMb: sampled, fetched };
  } finally {
    clearInterval(timer);
  }
}
