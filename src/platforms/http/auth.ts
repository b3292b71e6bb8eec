/** Credential strategies shared by the clients. Secrets are registered for redaction as soon as they are seen. */
import type { AuthStrategy } from './httpClient';
import { addSecret } from './redact';

/** HTTP Basic with fixed credentials (IoT-TICKET users and devices). */
export function basicAuth(username: string, password: string): AuthStrategy {
  addSecret(password);
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  addSecret(value.slice(6));
  return { apply: (headers) => headers.set('Authorization', value) };
}

/** A static bearer token. */
export function bearerToken(token: string): AuthStrategy {
  addSecret(token);
  return { apply: (headers) => headers.set('Authorization', `Bearer ${token}`) };
}
