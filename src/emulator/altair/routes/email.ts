/**
 * `POST /spaces/{s}/communications/email` → 202 with no body; the mail is kept for tests
 * (`GET /_emulator/altair/emails`). Choices: the scope is `communications` or `email` (unknown in
 * the public material), and bodies over 64 KB get the SDK's 413.
 */
import type { Router } from '../../router';
import { sendEmpty } from '../../respond';
import { isObject, readObject } from '../body';
import { badRequest } from '../errors';
import { rfc3339 } from '../time';
import type { EmailRec } from '../types';
import { spaceOf, type Api } from './api';
import { optionalString, stringArray } from './validate';

export const EMAIL_LIMIT_BYTES = 64 * 1024;
/** How many sent e-mails the emulator keeps for `GET /_emulator/altair/emails`. */
export const EMAILS_KEPT = 1000;

export function registerEmailRoutes(router: Router, api: Api): void {
  router.post('/spaces/:space/communications/email', async (ctx) => {
    api.tokens.authorize(ctx, ['communications', 'email']);
    const space = spaceOf(api, ctx);
    const body = await readObject(ctx, { maxBytes: EMAIL_LIMIT_BYTES, tooLargeStatus: 413 });
    const to = stringArray(body.to, 'to');
    if (!to || to.length === 0) throw badRequest('"to" needs at least one recipient');
    if (body.body !== undefined && body.body !== null && !isObject(body.body)) throw badRequest('"body" must be an object with "html" and/or "text"');
    const mail: EmailRec = {
      space: space.name,
      to,
      ...(body.cc !== undefined ? { cc: stringArray(body.cc, 'cc') } : {}),
      ...(body.bcc !== undefined ? { bcc: stringArray(body.bcc, 'bcc') } : {}),
      subject: optionalString(body, 'subject'),
      ...(isObject(body.body) ? { body: body.body as EmailRec['body'] } : {}),
      receivedAt: rfc3339(api.now()),
    };
    // Kept for tests to read, the latest EMAILS_KEPT only: an emulator that runs for days must not grow without bound.
    const emails = api.state().emails;
    emails.push(mail);
    if (emails.length > EMAILS_KEPT) emails.splice(0, emails.length - EMAILS_KEPT);
    sendEmpty(ctx.res, 202);
  });
}
