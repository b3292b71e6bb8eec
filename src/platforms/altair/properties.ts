/** Current property values of a Thing: SDK `Properties2` (all) and `Properties1` (one). */
import { Resource, joinPath, type AltairTransport } from './resource';
import type { CallOptions, Properties } from './types';

export interface PropertyUpdateOptions extends CallOptions {
  /** `update_history`: store the values in the properties history too. Server default true. */
  readonly updateHistory?: boolean;
}

/** `…/things/{id}/properties` */
export class PropertiesResource extends Resource {
  /** All current values, e.g. `{"cpu":22,"memory":67}`. */
  get(opts: CallOptions = {}): Promise<Properties> {
    return this.call<Properties>({ method: 'GET', signal: opts.signal });
  }

  /** Updates one or more values; answers with the map that was sent. */
  update(values: Properties, opts: PropertyUpdateOptions = {}): Promise<Properties> {
    return this.call<Properties>({ method: 'PUT', json: values, query: { update_history: opts.updateHistory }, signal: opts.signal });
  }
}

/** `…/things/{id}/properties/{name}` */
export class PropertyResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly property: string) {
    super(transport, joinPath(base, property));
  }

  /** A single-key object `{"<name>": value}`, as the API returns it. */
  get(opts: CallOptions = {}): Promise<Properties> {
    return this.call<Properties>({ method: 'GET', signal: opts.signal });
  }

  /** Just the value. */
  async value(opts: CallOptions = {}): Promise<unknown> {
    return (await this.get(opts))[this.property];
  }

  /** Sets the value (the body is `{"<name>": value}`). */
  update(value: unknown, opts: PropertyUpdateOptions = {}): Promise<Properties> {
    return this.call<Properties>({
      method: 'PUT',
      json: { [this.property]: value },
      query: { update_history: opts.updateHistory },
      signal: opts.signal,
    });
  }
}
