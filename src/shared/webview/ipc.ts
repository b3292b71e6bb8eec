/**
 * What every webview protocol shares: the request/reply pair by which the host asks a webview for
 * something only it has (typed per request kind), and the bounds the host checks messages against
 * (`validate.ts`). Types and constants only, so a webview bundle pays nothing for importing it.
 */

/** Request kind → what the webview answers to it. */
export type ReplyMap = Record<string, object>;

export interface RequestMessage<R extends ReplyMap> {
  readonly type: 'request';
  readonly requestId: number;
  readonly what: keyof R & string;
}

/** The webview's answer, or `replyError` when it could not produce one. */
export type ReplyMessage<R extends ReplyMap> =
  | { [K in keyof R & string]: { readonly type: 'reply'; readonly requestId: number; readonly what: K; readonly value: R[K] } }[keyof R & string]
  | { readonly type: 'replyError'; readonly requestId: number; readonly error: string };

/** Longest text a webview may hand the host for its log or as an error. */
export const MAX_TEXT = 2000;
/** The levels a webview may log at: nothing else of the log channel is reachable. */
export const LOG_LEVELS = ['info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Epoch ms a JavaScript Date can hold. */
export const MAX_TIME = 8.64e15;
