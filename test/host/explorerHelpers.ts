/**
 * Helpers of the explorer's extension-host tests: the extension's test API, tree walking by label and
 * context value (the tests run against the bundled extension, so they never use `instanceof` on its
 * classes), and raw HTTP to the emulator to compare the tree with what the platform says.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/treeNode';

export const EXTENSION_ID = 'iot-explorer.iot-explorer';

export async function explorerApi(): Promise<ExplorerApi> {
  const ext = vscode.extensions.getExtension<ExplorerApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.ok(api && typeof api.children === 'function', 'activate() returns the test API');
  return api;
}

/** The tree item VS Code would show for a node. */
export function item(api: ExplorerApi, node: TreeNode): vscode.TreeItem {
  return api.explorer.provider.getTreeItem(node);
}

export function labelOf(api: ExplorerApi, node: TreeNode): string {
  const label = item(api, node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** The child whose label is `label` (fails with the labels that exist). */
export async function child(api: ExplorerApi, parent: TreeNode | undefined, label: string | RegExp): Promise<TreeNode> {
  const children = await api.children(parent);
  const found = children.find((c) => (typeof label === 'string' ? labelOf(api, c) === label : label.test(labelOf(api, c))));
  assert.ok(found, `no child ${String(label)} under ${parent ? labelOf(api, parent) : '(root)'}; children: ${children.map((c) => labelOf(api, c)).join(', ')}`);
  return found;
}

/** Walks labels from a node (or the roots). */
export async function path(api: ExplorerApi, from: TreeNode | undefined, ...labels: (string | RegExp)[]): Promise<TreeNode> {
  let node = from;
  for (const l of labels) node = await child(api, node, l);
  assert.ok(node);
  return node;
}

export async function connectionNode(api: ExplorerApi, id: string): Promise<TreeNode> {
  const roots = await api.children();
  const found = roots.find((r) => r.connectionId === id && r.contextValue.startsWith('iot.connection'));
  assert.ok(found, `no connection node ${id}; roots: ${roots.map((r) => r.id).join(', ')}`);
  return found;
}

/** Children that are entities (not Load more, error or empty placeholders). */
export function entities(children: readonly TreeNode[]): TreeNode[] {
  return children.filter((c) => !/^iot\.(loadMore|error|empty)/.test(c.contextValue));
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function getJson<T>(url: string, authorization?: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { ...(authorization ? { Authorization: authorization } : {}), ...(init.headers as Record<string, string>) } });
  assert.ok(res.ok, `${url} → ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

/** An Altair access token for raw requests. */
export async function altairToken(baseUrl: string, clientId: string, clientSecret: string, scopes: readonly string[]): Promise<string> {
  const res = await fetch(`${baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes.join(' ') }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Waits until `check` passes (VS Code applies some changes asynchronously). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
