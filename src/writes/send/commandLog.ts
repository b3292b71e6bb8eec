/**
 * The command log of an asset: das `get_command_details` (the latest entry of each Command attribute)
 * plus each attribute's full log, read from `GET assets/{a}/commands/{attr}` on the client's own HTTP
 * client (the das client has no call for the whole log). Formatted as text for a read-only editor.
 */
import type { AssetApi } from '../../platforms/iotticket/assetApi';
import { IotTicketClient } from '../../platforms/iotticket/client';
import { commandLog as commandLogShape } from '../../platforms/iotticket/shapes';
import { isFinalStatus } from '../model/commandFollow';

export interface CommandRecordView {
  readonly id: string;
  readonly status: string;
  readonly payload?: unknown;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly kind?: string;
  readonly aggregated?: boolean;
  readonly desiredValue?: unknown;
  readonly history?: readonly { readonly status: string; readonly ts: string }[];
  readonly response?: { readonly status: number; readonly body?: string; readonly ts?: string } | null;
  readonly [key: string]: unknown;
}

export interface CommandAttributeLog {
  readonly attributeId: string;
  readonly name: string;
  readonly deviceId?: string | null;
  readonly payloadType?: string;
  /** Newest first. */
  readonly entries: readonly CommandRecordView[];
}

export interface CommandLog {
  readonly assetId: string;
  readonly attributes: readonly CommandAttributeLog[];
  /** Commands not yet SUCCEEDED/FAILED/SKIPPED. */
  readonly open: number;
}

/** Reads the log of every Command attribute of an asset (or just one), at most `perAttribute` entries each. */
export async function readCommandLog(core: AssetApi, assetId: string, options: { attributeId?: string; perAttribute?: number; signal?: AbortSignal } = {}): Promise<CommandLog> {
  const latest = await core.commands.getCommandDetails({ assetId, signal: options.signal });
  const attributes = (await core.assets.getAttributes({ assetId, signal: options.signal })).filter(
    (a) => a.type === 'Command' && (options.attributeId === undefined || a.id === options.attributeId),
  );
  const logs: CommandAttributeLog[] = [];
  for (const a of attributes) {
    // The full log is a route of the HTTP asset API; das has no call for it (the latest entry below then).
    const body: { history?: CommandRecordView[]; latest?: CommandRecordView | null; deviceId?: string | null; payloadType?: string } =
      core instanceof IotTicketClient ? await core.http.get(core.routes.command(assetId, a.id), { signal: options.signal, expect: commandLogShape }) : {};
    let entries = body.history ?? (body.latest ? [body.latest] : []);
    // Servers without a full log still give the latest entry through get_command_details.
    if (entries.length === 0) {
      const l = latest.find((d) => d.attributeId === a.id);
      if (l?.commandId) entries = [{ ...l, id: l.commandId, status: String(l.status ?? ''), createdAt: String(l.timestamp ?? '') }];
    }
    logs.push({ attributeId: a.id, name: a.name, deviceId: body.deviceId ?? a.deviceId, payloadType: body.payloadType, entries: entries.slice(0, options.perAttribute ?? 20) });
  }
  const open = logs.reduce((n, l) => n + l.entries.filter((e) => !isFinalStatus(e.status)).length, 0);
  return { assetId, attributes: logs, open };
}

/** The log as text: one block per attribute, one line per command with its status trail and the device's answer. */
export function formatCommandLog(log: CommandLog, title: string, refreshedAt: Date, following: boolean): string {
  const lines = [`Command log — ${title}`, ''];
  lines.push(
    log.open > 0
      ? `${log.open} command(s) not final yet${following ? ' — refreshing until they are' : ' — refresh stopped; run Show Command Log again to resume'} (last read ${refreshedAt.toLocaleTimeString()})`
      : `Every command is final (read ${refreshedAt.toLocaleTimeString()})`,
  );
  lines.push('Statuses: QUEUED (accepted, waiting for the device) → DELIVERED (the device fetched it) → SUCCEEDED / FAILED (the device\'s answer); SKIPPED = control command with skip-first-command.');
  for (const attr of log.attributes) {
    lines.push('', `${attr.name} (${attr.attributeId})${attr.payloadType ? ` · ${attr.payloadType}` : ''}${attr.deviceId ? ` · device ${attr.deviceId}` : ''}`);
    if (attr.entries.length === 0) lines.push('  no commands yet');
    for (const e of attr.entries) {
      const trail = e.history?.length ? e.history.map((h) => h.status).join(' → ') : e.status;
      const payload = typeof e.payload === 'string' ? e.payload : JSON.stringify(e.payload);
      const extra = [
        e.kind === 'control' ? `control, desired ${JSON.stringify(e.desiredValue)}` : undefined,
        e.aggregated ? 'aggregated' : undefined,
        e.response ? `device answered ${e.response.status}${e.response.body ? ` ${e.response.body}` : ''}` : undefined,
      ].filter(Boolean);
      lines.push(`  ${e.createdAt ?? ''}  ${e.id}  ${trail}${isFinalStatus(e.status) ? '' : '  …'}`);
      lines.push(`      payload ${payload ?? '—'}${extra.length ? `; ${extra.join('; ')}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
