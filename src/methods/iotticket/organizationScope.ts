/**
 * The organization a node belongs to: organization-level requests (das `organization_id`: credentials,
 * credential queries, organization details) are scoped to it rather than to the client's default. Pure.
 */
interface Walkable {
  readonly ref?: { readonly kind: string; readonly organizationId?: string };
  readonly parent?: Walkable;
}

/** The id of the nearest organization node at or above `node`; undefined outside an organization. */
export function organizationIdOf(node: Walkable | undefined): string | undefined {
  for (let n = node; n; n = n.parent) {
    if (n.ref?.kind === 'iotticket-organization' && n.ref.organizationId) return n.ref.organizationId;
  }
  return undefined;
}
