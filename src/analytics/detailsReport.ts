/**
 * The details of an ML model, ML service or ONNX model as a Markdown page: the facts in a table, the help
 * text rendered as the platform would, inputs and outputs, and the assets that use the item. vscode-free.
 */
import { kindLabel, type AnalyticsKind } from './analyticsOps';
import { formatBytes } from './inspectOnnx';

const FACTS: readonly (readonly [string, string])[] = [
  ['id', 'Id'],
  ['type', 'Type'],
  ['level', 'Level'],
  ['managed', 'Managed'],
  ['organization', 'Organization'],
  ['subscription', 'Subscription'],
  ['sizeBytes', 'Size'],
  ['sha256', 'SHA-256'],
  ['triggerUrl', 'Trigger URL'],
  ['endpointUrl', 'Endpoint URL'],
  ['method', 'Method'],
  ['jobId', 'Job id'],
  ['credentialId', 'Credential'],
  ['clientId', 'Client id'],
  ['scope', 'Scope'],
  ['requestContainsTimestamps', 'Request has timestamps'],
  ['responseContainsTimestamps', 'Response has timestamps'],
  ['createdBy', 'Created by'],
  ['createdAt', 'Created'],
  ['updatedBy', 'Updated by'],
  ['updatedAt', 'Updated'],
];

function cell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fieldTable(title: string, fields: unknown): string[] {
  if (!Array.isArray(fields) || fields.length === 0) return [];
  const rows = fields.map((f: Record<string, unknown>) => `| \`${cell(f.name ?? '')}\` | ${cell(f.dataType ?? f.type ?? '')} | ${cell(f.unit ?? '')} |`);
  return [`## ${title}`, '', '| Name | Data type | Unit |', '| --- | --- | --- |', ...rows, ''];
}

function jsonBlock(title: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return [`## ${title}`, '', '```json', JSON.stringify(value, null, 2), '```', ''];
}

export function detailsMarkdown(kind: AnalyticsKind, details: Readonly<Record<string, unknown>>, connectionLabel: string): string {
  const lines = [`# ${cell(details.name ?? details.id)}`, '', `_${kindLabel(kind)} in ${cell(connectionLabel)}_`, ''];
  if (typeof details.description === 'string' && details.description) lines.push(details.description, '');
  lines.push('| | |', '| --- | --- |');
  for (const [key, label] of FACTS) {
    const v = details[key];
    if (v === undefined || v === null || v === '') continue;
    lines.push(`| ${label} | ${key === 'sizeBytes' && typeof v === 'number' ? `${formatBytes(v)} (${v.toLocaleString('en-US')} bytes)` : key === 'sha256' ? `\`${cell(v)}\`` : cell(v)} |`);
  }
  lines.push('');
  const used = Array.isArray(details.attachedAssetIds) ? (details.attachedAssetIds as unknown[]) : [];
  lines.push(used.length > 0 ? `**In use** by asset(s) ${used.map((a) => `\`${cell(a)}\``).join(', ')}: it cannot be deleted until it is detached.` : 'Not used by any asset.', '');
  lines.push(...fieldTable('Inputs', details.inputs), ...fieldTable('Outputs', details.outputs));
  lines.push(...jsonBlock('Input schema', details.inputSchema), ...jsonBlock('Output schema', details.outputSchema));
  if (details.headers && typeof details.headers === 'object') lines.push(`Headers: ${Object.keys(details.headers).map((h) => `\`${cell(h)}\``).join(', ')} (values not shown)`, '');
  lines.push('## Help text', '', typeof details.helpText === 'string' && details.helpText ? details.helpText : '_None._', '');
  return lines.join('\n');
}
