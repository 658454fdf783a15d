/**
 * Who may see a share, the one rule every share query applies. The sharer always; a direct share
 * (audience USER) only its recipient besides; a share to followers anyone, unless the sharer's
 * `shareVisibility` is FOLLOWERS, then only their followers. Users stored before the setting
 * existed have none, which means PUBLIC.
 */

/**
 * A Cypher condition on share `share` by user `sharer`, for the viewer in `$viewerId`, or for the
 * bound user node `viewer` when given (to read what every user may see in one query).
 */
export function shareVisible(share = 's', sharer = 'u', viewer?: string): string {
  const viewerId = viewer ? `${viewer}.id` : '$viewerId';
  const viewerNode = viewer ? `(${viewer})` : '(:User {id: $viewerId})';
  return `(${sharer}.id = ${viewerId}
  OR (${share}.audience = 'USER' AND EXISTS { MATCH (${share})-[:SHARED_WITH]->${viewerNode} })
  OR (${share}.audience = 'FOLLOWERS' AND (coalesce(${sharer}.shareVisibility, 'PUBLIC') = 'PUBLIC'
      OR EXISTS { MATCH ${viewerNode}-[:FOLLOWS]->(${sharer}) })))`;
}

/** The `$viewerId` parameter: no user has the empty id, so an anonymous viewer sees public shares only. */
export function viewerParam(viewerId: string | null): { viewerId: string } {
  return { viewerId: viewerId ?? '' };
}
