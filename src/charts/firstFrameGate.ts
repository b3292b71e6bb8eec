/**
 * Holds the rest of a long chart read back while its first preview travels to the webview and is drawn
 * (issue 17 §2). On two cores, the next pages being generated and parsed took the CPU the workbench needs
 * to relay the preview and the webview to draw it: the way back and the drawing were most of the first
 * frame's time. The gate opens when the webview says the frame is on screen, when the read is cancelled,
 * or after `maxWaitMs` (a hidden webview draws nothing), so a read is never held longer than that.
 * vscode-free.
 */

/** The longest the rest of a read waits for its first frame. */
export const FIRST_FRAME_MAX_WAIT_MS = 500;

export class FirstFrameGate {
  private waiting: Promise<void> | undefined;
  private opened = false;
  private release: () => void = () => {
    this.opened = true;
  };

  constructor(private readonly maxWaitMs = FIRST_FRAME_MAX_WAIT_MS) {}

  /** The read's first preview was posted: the requests after it wait until it is drawn. */
  hold(signal?: AbortSignal): void {
    if (this.waiting || this.opened || signal?.aborted) return;
    this.waiting = new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.release(), this.maxWaitMs);
      timer.unref?.();
      this.release = () => {
        this.opened = true;
        this.waiting = undefined;
        clearTimeout(timer);
        signal?.removeEventListener('abort', this.release);
        resolve();
      };
      signal?.addEventListener('abort', this.release, { once: true });
    });
  }

  /** What a request awaits first: undefined when nothing holds it. */
  wait(): Promise<void> | undefined {
    return this.waiting;
  }

  /** The webview has the read's first frame on screen. */
  drawn(): void {
    this.release();
  }
}
