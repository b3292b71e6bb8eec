/**
 * MQTT credentials of a Thing (`…/things/{id}/mqtt-credentials`) or a Category
 * (`…/categories/{name}/mqtt-credentials`). GET hides the password; an update without a body
 * generates new credentials with a random password, which only that answer carries.
 */
import { addSecret } from '../http';
import { Resource } from './resource';
import type { CallOptions, MqttCategoryForm, MqttCredentials } from './types';

function remember(doc: MqttCredentials): MqttCredentials {
  if (doc && typeof doc.password === 'string' && doc.password !== '<hidden_secret>') addSecret(doc.password);
  return doc;
}

export class MqttCredentialsResource extends Resource {
  async create(form: MqttCategoryForm, opts: CallOptions = {}): Promise<MqttCredentials> {
    if (form.password) addSecret(form.password);
    return remember(await this.call<MqttCredentials>({ method: 'POST', json: form, signal: opts.signal }));
  }

  async get(opts: CallOptions = {}): Promise<MqttCredentials> {
    return this.call<MqttCredentials>({ method: 'GET', signal: opts.signal });
  }

  /** With no form, the server generates a new random password. */
  async update(form?: MqttCategoryForm, opts: CallOptions = {}): Promise<MqttCredentials> {
    if (form?.password) addSecret(form.password);
    return remember(await this.call<MqttCredentials>({ method: 'PUT', json: form ?? {}, signal: opts.signal }));
  }

  async delete(opts: CallOptions = {}): Promise<void> {
    await this.call<void>({ method: 'DELETE', signal: opts.signal, responseType: 'text' });
  }
}
