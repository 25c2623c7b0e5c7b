// What the signed-in user may do on a resource, read the way the API itself decides it: the user's role
// assignments at or above the scope (its own and its groups') and the actions of their role definitions. Only
// for showing or hiding buttons; the API still checks every call.
import { get, VERSIONS } from './api.js';

function pattern(action) {
  const escaped = action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp('^' + escaped + '$', 'i');
}

function grants(permission, action) {
  return (permission.actions || []).some(a => pattern(a).test(action))
    && !(permission.notActions || []).some(a => pattern(a).test(action));
}

/** Resolves to a function action → boolean, or to one that allows everything when the roles cannot be read. */
export async function rightsAt(scope, subscriptionId, claims) {
  const principals = new Set([claims.oid, ...(claims.groups || [])].filter(Boolean).map(p => p.toLowerCase()));
  try {
    const [assignments, definitions] = await Promise.all([
      get(`${scope}/providers/Microsoft.Authorization/roleAssignments`,
        { apiVersion: VERSIONS.authorization, query: { $top: 1000 } }),
      get(`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions`,
        { apiVersion: VERSIONS.authorization }),
    ]);
    if (assignments.nextLink) return () => true;
    const roles = new Map(definitions.value.map(d => [d.name.toLowerCase(), d.properties.permissions]));
    const permissions = assignments.value
      .filter(a => principals.has(a.properties.principalId.toLowerCase()))
      .flatMap(a => roles.get(a.properties.roleDefinitionId.split('/').pop().toLowerCase()) || []);
    return action => permissions.some(p => grants(p, action));
  } catch {
    return () => true;
  }
}
