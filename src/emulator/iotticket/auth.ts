/**
 * Authentication. v1 and the asset API take HTTP Basic user credentials (or a Bearer token from
 * `POST /uaa/oauth/token`); a missing or wrong credential gets 401 with the `Wapice IOT` realm challenge
 * (Python's urllib only sends credentials after it) and the v1 envelope, code 8001. The adapter takes device
 * credentials `deviceId@tenant : password`.
 */
import { randomBytes } from 'node:crypto';
import type { Router, RequestContext } from '../router';
import { sendJson } from '../respond';
import { EmulatorHttpError } from '../router';
import { ErrorCode, v1Error } from './envelope';
import type { Device, IotTicketModel } from './model';
import type { User } from './types';

export const REALM = 'Wapice IOT';
const TOKEN_TTL_SEC = 3600;

export function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function unauthorized(): EmulatorHttpError {
  return v1Error(401, ErrorCode.permission, 'Provide a valid authorization credential', { 'WWW-Authenticate': `Basic realm="${REALM}"` });
}

/** The user behind a request's Basic or Bearer credential, or 401. */
export function requireUser(ctx: RequestContext, model: IotTicketModel): User {
  const header = ctx.req.headers.authorization;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (bearer) {
    const token = model.tokens.get(bearer[1]);
    if (!token || token.expiresAt <= model.now()) throw unauthorized();
    const user = model.users.find((u) => u.username === token.username);
    if (user) return user;
    throw unauthorized();
  }
  const basic = parseBasic(header);
  const user = basic && model.users.find((u) => u.username.toLowerCase() === basic.username.toLowerCase() && u.password === basic.password);
  if (!user) throw unauthorized();
  return user;
}

/**
 * The device behind `deviceId@tenant:password`, or 401. When the path names a tenant/device, they must be the
 * credential's own (403 otherwise, as Hono answers for a device outside its tenant or another device's path).
 */
export function requireDevice(ctx: RequestContext, model: IotTicketModel, tenant?: string, deviceId?: string): Device {
  const basic = parseBasic(ctx.req.headers.authorization);
  const at = basic ? basic.username.lastIndexOf('@') : -1;
  const device = basic && at > 0 ? model.devices.get(basic.username.slice(0, at)) : undefined;
  if (!basic || !device || device.tenantId !== basic.username.slice(at + 1) || device.password !== basic.password) {
    throw new EmulatorHttpError(401, { error: 'Bad device credentials' }, { 'WWW-Authenticate': 'Basic realm="Hono"' });
  }
  if ((tenant !== undefined && tenant !== device.tenantId) || (deviceId !== undefined && deviceId !== device.id)) {
    throw new EmulatorHttpError(403, { error: 'Device is not allowed to act for this tenant/device' });
  }
  return device;
}

/** `POST /uaa/oauth/token` (form: grant_type=password&username&password) → a Bearer token for v1 and the asset API. */
export function registerTokenRoute(router: Router, model: () => IotTicketModel): void {
  router.post('/uaa/oauth/token', async (ctx) => {
    const m = model();
    const form = new URLSearchParams((await ctx.body()).toString('utf8'));
    const basic = parseBasic(ctx.req.headers.authorization);
    // Standard UAA: user in the form (grant_type=password) or, for client_credentials, the client in Basic/form.
    const username = form.get('username') ?? form.get('client_id') ?? basic?.username ?? '';
    const password = form.get('password') ?? form.get('client_secret') ?? basic?.password ?? '';
    const grant = form.get('grant_type');
    if (grant !== 'password' && grant !== 'client_credentials') {
      throw new EmulatorHttpError(400, { error: 'unsupported_grant_type', error_description: 'Use grant_type=password or client_credentials' });
    }
    const user = m.users.find((u) => u.username.toLowerCase() === username.toLowerCase() && u.password === password);
    if (!user) throw new EmulatorHttpError(401, { error: 'unauthorized', error_description: 'Bad credentials' });
    const token = randomBytes(24).toString('hex');
    m.tokens.set(token, { username: user.username, expiresAt: m.now() + TOKEN_TTL_SEC * 1000 });
    sendJson(ctx.res, 200, { access_token: token, token_type: 'bearer', expires_in: TOKEN_TTL_SEC, scope: 'openid', jti: token.slice(0, 16) });
  });
}
