/**
 * Thing Events, as the SDK splits them: `Events3` (all of a Thing), `Events2` (one event name: create,
 * list) and `Events1` (one event resource: get, delete; events have no update). At most 100 resources
 * are kept per event name.
 */
import { Resource, joinPath, type AltairTransport } from './resource';
import { keyedBy } from './shapes';
import type { CallOptions, CursorPage, EventResponse, PageOptions, PaginateOptions } from './types';

/** `…/things/{id}/events` */
export class EventsResource extends Resource {
  async get(opts: PageOptions = {}): Promise<CursorPage<EventResponse>> {
    return this.page<EventResponse>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<EventResponse, void, undefined> {
    return this.pages<EventResponse>(opts, (page) => this.page(page));
  }
}

/** `…/things/{id}/events/{name}` */
export class EventNameResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly eventName: string) {
    super(transport, joinPath(base, eventName));
  }

  /** Emits the event; the body sent is `{"<name>":{"data":…}}`. */
  async create(request: { data?: unknown } = {}, opts: CallOptions = {}): Promise<EventResponse> {
    return this.call<EventResponse>({ method: 'POST', json: { [this.eventName]: request }, signal: opts.signal, expect: keyedBy(this.eventName) });
  }

  async get(opts: PageOptions = {}): Promise<CursorPage<EventResponse>> {
    return this.page<EventResponse>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<EventResponse, void, undefined> {
    return this.pages<EventResponse>(opts, (page) => this.page(page));
  }
}

/** `…/things/{id}/events/{name}/{eventId}` */
export class EventResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly eventName: string, readonly eventId: string) {
    super(transport, joinPath(base, eventName, eventId));
  }

  async get(opts: CallOptions = {}): Promise<EventResponse> {
    return this.call<EventResponse>({ method: 'GET', signal: opts.signal });
  }

  async delete(opts: CallOptions = {}): Promise<void> {
    await this.call<void>({ method: 'DELETE', signal: opts.signal, responseType: 'text' });
  }
}
