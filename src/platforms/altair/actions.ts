/**
 * Thing Actions, as the SDK splits them: `Actions3` (all of a Thing), `Actions2` (one action name:
 * create, list) and `Actions1` (one action resource: get, update, delete). The server keeps at most
 * 100 resources per action name.
 */
import { Resource, joinPath, type AltairTransport } from './resource';
import { keyedBy } from './shapes';
import type { ActionResponse, ActionUpdateRequest, CallOptions, CursorPage, PageOptions, PaginateOptions } from './types';

/** `…/things/{id}/actions` */
export class ActionsResource extends Resource {
  async get(opts: PageOptions = {}): Promise<CursorPage<ActionResponse>> {
    return this.page<ActionResponse>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<ActionResponse, void, undefined> {
    return this.pages<ActionResponse>(opts, (page) => this.page(page));
  }
}

/** `…/things/{id}/actions/{name}` */
export class ActionNameResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly actionName: string) {
    super(transport, joinPath(base, actionName));
  }

  /**
   * Requests the action. `input` is the action's input; the body sent is `{"<name>":{"input":…}}`
   * (pass `{ input: undefined }` or nothing for actions without input).
   */
  async create(request: { input?: unknown } = {}, opts: CallOptions = {}): Promise<ActionResponse> {
    return this.call<ActionResponse>({ method: 'POST', json: { [this.actionName]: request }, signal: opts.signal, expect: keyedBy(this.actionName) });
  }

  async get(opts: PageOptions = {}): Promise<CursorPage<ActionResponse>> {
    return this.page<ActionResponse>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<ActionResponse, void, undefined> {
    return this.pages<ActionResponse>(opts, (page) => this.page(page));
  }
}

/** `…/things/{id}/actions/{name}/{actionId}` */
export class ActionResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly actionName: string, readonly actionId: string) {
    super(transport, joinPath(base, actionName, actionId));
  }

  async get(opts: CallOptions = {}): Promise<ActionResponse> {
    return this.call<ActionResponse>({ method: 'GET', signal: opts.signal });
  }

  /** Sets status and output, e.g. `{ status: 'completed', output: … }` (sent as `{"<name>":{…}}`). */
  async update(request: ActionUpdateRequest[string], opts: CallOptions = {}): Promise<ActionResponse> {
    return this.call<ActionResponse>({ method: 'PUT', json: { [this.actionName]: request }, signal: opts.signal, expect: keyedBy(this.actionName) });
  }

  async delete(opts: CallOptions = {}): Promise<void> {
    await this.call<void>({ method: 'DELETE', signal: opts.signal, responseType: 'text' });
  }
}

/** The action id at the end of an action's `href`. */
export function actionIdOf(response: ActionResponse): { name: string; id: string } | undefined {
  const [name] = Object.keys(response);
  const href = name === undefined ? undefined : response[name]?.href;
  const id = href?.split('/').pop();
  return name !== undefined && id ? { name, id } : undefined;
}
