/**
 * The inspection of an ONNX file as users read it: a compact plain-text summary for the confirmation
 * dialog before an upload, and a Markdown report for "Inspect ONNX Model". vscode-free.
 */
import { formatBytes, formatShape, type OnnxInspection, type OnnxValueInfo } from './inspectOnnx';

function signature(v: OnnxValueInfo): string {
  return v.shape !== undefined || v.kind === 'tensor' || v.kind === 'sparse_tensor' ? `${v.name}: ${v.type} ${formatShape(v.shape)}` : `${v.name}: ${v.type}`;
}

function producer(r: OnnxInspection): string {
  return [r.producerName || 'unknown producer', r.producerVersion].filter(Boolean).join(' ');
}

function opsets(r: OnnxInspection): string {
  return r.opsets.map((o) => `${o.domain} ${o.version}`).join(', ') || 'none';
}

/** Lists values, at most `max` of them (models with hundreds of inputs stay readable). */
function listValues(values: readonly OnnxValueInfo[], max: number): string[] {
  const lines = values.slice(0, max).map((v) => `  • ${signature(v)}`);
  if (values.length > max) lines.push(`  … and ${values.length - max} more`);
  if (values.length === 0) lines.push('  (none)');
  return lines;
}

/** Plain text for a modal dialog's detail. */
export function inspectionText(r: OnnxInspection, maxValues = 12): string {
  const lines = [
    `${r.fileName} — ${formatBytes(r.sizeBytes)} (${r.sizeBytes.toLocaleString('en-US')} bytes)`,
    `sha256 ${r.sha256}`,
    `Producer: ${producer(r)} · IR version ${r.irVersion} · opset ${opsets(r)}`,
    '',
    `Inputs (${r.inputs.length}):`,
    ...listValues(r.inputs, maxValues),
    `Outputs (${r.outputs.length}):`,
    ...listValues(r.outputs, maxValues),
  ];
  if (r.externalDataFiles.length > 0) {
    lines.push('', `Warning: weights are kept in external file(s) ${r.externalDataFiles.join(', ')}, which are not uploaded.`);
  }
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(values: readonly OnnxValueInfo[]): string[] {
  if (values.length === 0) return ['_None._'];
  return [
    '| Name | Type | Element type | Shape |',
    '| --- | --- | --- | --- |',
    ...values.map((v) => `| \`${cell(v.name)}\` | ${cell(v.type)} | ${v.elementType ?? '—'} | ${v.shape !== undefined ? cell(formatShape(v.shape)) : '—'} |`),
  ];
}

/** A Markdown report of everything the inspection found. */
export function inspectionMarkdown(r: OnnxInspection): string {
  const lines = [
    `# ${cell(r.fileName)}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Size | ${formatBytes(r.sizeBytes)} (${r.sizeBytes.toLocaleString('en-US')} bytes) |`,
    `| SHA-256 | \`${r.sha256}\` |`,
    `| Producer | ${cell(producer(r))} |`,
    `| IR version | ${r.irVersion} |`,
    `| Opsets | ${cell(opsets(r))} |`,
  ];
  if (r.domain) lines.push(`| Domain | ${cell(r.domain)} |`);
  if (r.modelVersion) lines.push(`| Model version | ${r.modelVersion} |`);
  if (r.graphName) lines.push(`| Graph | ${cell(r.graphName)} (${r.nodeCount} nodes, ${r.initializerCount} initializers) |`);
  for (const [k, v] of Object.entries(r.metadata)) lines.push(`| ${cell(k)} | ${cell(v)} |`);
  lines.push('', `## Inputs (${r.inputs.length})`, '', ...table(r.inputs), '', `## Outputs (${r.outputs.length})`, '', ...table(r.outputs));
  if (r.docString) lines.push('', '## Description', '', r.docString);
  if (r.externalDataFiles.length > 0) {
    lines.push('', `> **Warning:** weights are kept in external file(s) ${r.externalDataFiles.map((f) => `\`${f}\``).join(', ')}, which are not uploaded with the model.`);
  }
  return lines.join('\n') + '\n';
}

/** A help text generated from the inspection: what the model takes and gives, in Markdown. */
export function helpTextFromInspection(r: OnnxInspection): string {
  const item = (v: OnnxValueInfo): string => `- \`${v.name}\`: ${v.type}${v.shape !== undefined ? ` ${formatShape(v.shape)}` : ''}`;
  const lines = ['## Inputs', '', ...r.inputs.map(item), '', '## Outputs', '', ...r.outputs.map(item), ''];
  lines.push(`Produced by ${producer(r)}; IR version ${r.irVersion}; opset ${opsets(r)}.`);
  if (r.docString) lines.push('', r.docString);
  return lines.join('\n');
}
