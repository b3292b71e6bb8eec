/** SDK `Communications1` → `Email1`: `POST /spaces/{s}/communications/email` (202, no body). */
import { ValidationError } from '../http';
import { Resource } from './resource';
import type { CallOptions, Email } from './types';

export class CommunicationsResource extends Resource {
  email(): EmailResource {
    return new EmailResource(this.transport, `${this.path}/email`);
  }
}

export class EmailResource extends Resource {
  /** Sends an e-mail; the server strips links, styles and images from the body. */
  async send(email: Email, opts: CallOptions = {}): Promise<void> {
    if (!email || !Array.isArray(email.to) || email.to.length === 0) throw new ValidationError('to', 'at least one recipient is required');
    await this.call<void>({ method: 'POST', json: email, signal: opts.signal, responseType: 'text' });
  }
}
