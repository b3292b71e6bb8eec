/**
 * A node's `resource()`: its reference together with what the tree read of the entity, typed by the
 * reference's kind (AWS Toolkit's `TreeNode.resource` with `unboxTreeNode`). Features use `resourceOf`
 * to get the data of the kinds they act on, without knowing the node classes. Types and pure code only.
 */
import type { EntityRef, RefOf } from '../shared/refs';
import type { AltairResources } from './platforms/altair/resources';
import type { IotTicketResources } from './platforms/iotticket/resources';

export interface ResourceData extends IotTicketResources, AltairResources {}
export type ResourceKind = keyof ResourceData;
export type Resource = { [K in ResourceKind]: { readonly ref: RefOf<K> } & ResourceData[K] }[ResourceKind];
export type ResourceOf<K extends ResourceKind> = Extract<Resource, { readonly ref: { readonly kind: K } }>;

interface HasResource {
  readonly ref?: EntityRef;
  resource?(): Resource;
}

/** The resource of a node when its reference is of one of `kinds`. */
export function resourceOf<K extends ResourceKind>(node: HasResource | undefined, ...kinds: K[]): ResourceOf<K> | undefined {
  const kind = node?.ref?.kind;
  if (!kind || !(kinds as string[]).includes(kind)) return undefined;
  const resource = node.resource?.();
  return resource && isOfKind(resource, kinds) ? resource : undefined;
}

function isOfKind<K extends ResourceKind>(resource: Resource, kinds: readonly K[]): resource is ResourceOf<K> {
  return (kinds as readonly string[]).includes(resource.ref.kind);
}
