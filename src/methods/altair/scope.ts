/**
 * Where an Altair node sits: its connection, space and, below a category, that category. A Thing under
 * a category is created, replaced and deleted through the category's path (SDK `Categories1` →
 * `_ThingsMethods`), one under All things through the space's.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import type { MethodsDeps } from '../deps';

export interface AltairScope {
  readonly connectionId: string;
  readonly space: string;
  /** Set below a category. */
  readonly category?: string;
}

/** The scope of `node` itself or of the nearest category or space above it; undefined outside a space. */
export function scopeOf(node: TreeNode | undefined): AltairScope | undefined {
  for (let n = node; n; n = n.parent) {
    const ref = n.ref;
    if (ref?.kind === 'altair-category') return { connectionId: ref.connectionId, space: ref.space, category: ref.category };
    if (ref?.kind === 'altair-space') return { connectionId: ref.connectionId, space: ref.space };
  }
  return undefined;
}

export function requireScope(node: TreeNode | undefined, command: string): AltairScope {
  const scope = scopeOf(node);
  if (!scope) throw new ValidationError('node', vscode.l10n.t('Run "{0}" on an Altair space, its Things or Categories, or a category.', command));
  return scope;
}

/** The space's API of a scope's connection. */
export async function spaceApi(deps: MethodsDeps, scope: AltairScope) {
  const session = await deps.services.sessions.altair(scope.connectionId);
  return session.api.spaces(scope.space);
}

/** The Things collection of the scope: the category's when there is one. */
export async function thingsOf(deps: MethodsDeps, scope: AltairScope) {
  const s = await spaceApi(deps, scope);
  return scope.category === undefined ? s.things() : s.categories(scope.category).things();
}

/** One Thing through the scope's path. */
export async function thingOf(deps: MethodsDeps, scope: AltairScope, uid: string) {
  const s = await spaceApi(deps, scope);
  return scope.category === undefined ? s.things(uid) : s.categories(scope.category).things(uid);
}
