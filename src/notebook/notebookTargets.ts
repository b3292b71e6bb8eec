/**
 * What "Open in Notebook" reads, from what the user picked: tree nodes (a series, an IoT-TICKET asset, an
 * Altair Thing) by their `node.ref`, or a chart's series. Also the SDK set-up each target needs, from the
 * snippet generator with the connection's host and client id. vscode-free.
 */
import { refAs, type EntityRef } from '../shared/refs';
import { seriesExportKey, type SeriesDescriptor } from '../shared/chart/series';
import { pythonSnippet } from '../snippets/pythonSnippet';
import type { NotebookTarget } from './notebookCells';

export interface ConnectionInfo {
  readonly host?: string;
  readonly clientId?: string;
  readonly authMethod?: 'clientCredentials' | 'accessToken';
  readonly demo?: boolean;
}

/** The target for a tree node's reference (label from the tree); undefined for kinds no SDK reads as a series here. */
export function targetOfRef(ref: EntityRef | undefined, label: string): NotebookTarget | undefined {
  const attribute = refAs(ref, 'iotticket-attribute');
  if (attribute) return { kind: 'das-attribute', attributeId: attribute.attributeId, label, key: seriesExportKey(attribute) };
  const asset = refAs(ref, 'iotticket-asset');
  if (asset) return { kind: 'das-asset', assetId: asset.assetId, label };
  const property = refAs(ref, 'altair-property');
  if (property) return { kind: 'iots-property', space: property.space, thingId: property.thingId, property: property.property, label, key: seriesExportKey(property) };
  const thing = refAs(ref, 'altair-thing');
  if (thing) return { kind: 'iots-thing', space: thing.space, thingId: thing.thingId, label };
  return undefined;
}

/** A chart series' target (REST API v1 datanodes have no SDK read here). */
export function targetOfSeries(d: SeriesDescriptor): NotebookTarget | undefined {
  return d.kind === 'v1-datanode' ? undefined : targetOfRef(d, d.label);
}

/** The set-up lines of the SDK a target is read with, once per SDK and Altair connection. */
export function headersFor(items: readonly { target: NotebookTarget; connection?: ConnectionInfo }[]): string[][] {
  const headers = new Map<string, string[]>();
  for (const { target, connection } of items) {
    if (target.kind.startsWith('das-')) {
      headers.set('das', [...pythonSnippet({ kind: 'organization', organizationId: '' }).header]);
      continue;
    }
    const host = connection?.demo ? 'http://127.0.0.1:<demo port>' : (connection?.host ?? 'https://api.swx.altairone.com');
    const clientId = connection?.authMethod === 'accessToken' ? undefined : (connection?.clientId ?? 'demo-client');
    const space = 'space' in target ? target.space : '';
    headers.set(`iots ${host} ${clientId ?? 'token'}`, [...pythonSnippet({ kind: 'space', host, clientId, space }).header]);
  }
  return [...headers.values()];
}
