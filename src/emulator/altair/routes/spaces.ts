/**
 * `GET /spaces` and `GET /spaces/{space}` (paginated since Preview 2024.1; the shape is not public).
 * Choices: a Space is `{name, description, created}`, and any valid token may read them.
 */
import type { Router } from '../../router';
import { sendJson } from '../../respond';
import { pageArray, parsePageRequest } from '../paging';
import type { SpaceState } from '../store';
import { spaceOf, type Api } from './api';

function renderSpace(s: SpaceState): Record<string, unknown> {
  return { name: s.name, description: s.description, created: s.created };
}

export function registerSpaceRoutes(router: Router, api: Api): void {
  router.get('/spaces', (ctx) => {
    api.tokens.authorize(ctx, []);
    const request = parsePageRequest(ctx.query);
    sendJson(ctx.res, 200, pageArray([...api.state().spaces.values()], (s) => [s.name], request, renderSpace));
  });
  router.get('/spaces/:space', (ctx) => {
    api.tokens.authorize(ctx, []);
    sendJson(ctx.res, 200, renderSpace(spaceOf(api, ctx)));
  });
}
