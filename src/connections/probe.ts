/**
 * The cheapest request that shows a connection answers (recovery and health checks use it): without
 * rebuilding the session, so a signed-in Altair token is reused and nothing is revoked.
 */
import type { SessionManager } from './sessionManager';

export async function probeConnection(sessions: SessionManager, connectionId: string, signal: AbortSignal): Promise<void> {
  const session = await sessions.get(connectionId);
  if (session.platform === 'iotticket') {
    if (session.assetApi) await session.assetApi.organizations.getOrganizations({ signal });
    else if (session.v1) await session.v1.ping(signal);
  } else {
    await session.api.spaces(session.space).things().get({ limit: 1, signal });
  }
}
