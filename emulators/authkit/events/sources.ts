import { userResponse } from "../data.ts";
import type { Store } from "../store.ts";
import type { Change, CollectionSpec } from "../store/collection.ts";
import { connectionDomains } from "../provisioning/connections.ts";
import { connectionResponse, connections } from "../store/connections.ts";
import { directories } from "../store/directories.ts";
import { directoryGroupMembers } from "../store/directory-group-members.ts";
import { directoryGroups } from "../store/directory-groups.ts";
import { directoryUsers } from "../store/directory-users.ts";
import { invitationEventData, invitations } from "../store/invitations.ts";
import { membershipEventData, memberships } from "../store/memberships.ts";
import { organizations } from "../store/organizations.ts";
import { sessionResponse, sessions } from "../store/sessions.ts";
import { users } from "../store/users.ts";
import { organizationJson } from "../store/wire.ts";
import { directoryEvents, directoryGroupEvents, directoryGroupMemberEvents, directoryUserEvents } from "./directory-sync.ts";
import type { WebhookEventName } from "./names.ts";

/** An event a saved change gives, before it gets its id and time. */
export interface EventDraft {
  event: WebhookEventName;
  data: Record<string, unknown>;
  /** The organization the event concerns (for `GET /events?organization_id=`), or null. */
  organizationId: string | null;
}

/** `store` is the saved state after the change: what a wire shape reads besides its record (an organization's domains). */
type Source = (change: Change, store: Store) => EventDraft[];

/** The events of one collection's changes, typed by its record. */
function source<T>(spec: CollectionSpec<T>, events: (change: Change<T>, store: Store) => EventDraft[]): [string, Source] {
  return [spec.name, events as Source];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `<prefix>.created`, `.updated` and `.deleted` with the resource's WorkOS shape. An update is
 * announced whenever that shape changed, `updated_at` included: a user's sign-in (its
 * `last_sign_in_at`) or a new password is a `user.updated`, as both change the user object. An
 * update that leaves the shape as it was (none today) is not announced.
 */
function lifecycle<T>(
  prefix: "user" | "organization" | "organization_membership",
  toWire: (record: T, store: Store) => Record<string, unknown>,
  organizationOf: (record: T) => string | null,
) {
  return (change: Change<T>, store: Store): EventDraft[] => {
    const record = (change.after ?? change.before)!;
    const draft = (event: WebhookEventName): EventDraft[] => [{ event, data: toWire(record, store), organizationId: organizationOf(record) }];
    if (change.kind === "created") return draft(`${prefix}.created`);
    if (change.kind === "deleted") return draft(`${prefix}.deleted`);
    return same(toWire(change.before!, store), toWire(change.after!, store)) ? [] : draft(`${prefix}.updated`);
  };
}

/**
 * Which saved changes WorkOS would announce, by collection: each gives the event names and the
 * `data` (the resource's WorkOS shape, from its store module). Collections not listed (refresh
 * tokens, emailed codes, roles, the events and webhook lists themselves) are internal: WorkOS
 * announces nothing for them. A new resource is one line here.
 */
export const EVENT_SOURCES: ReadonlyMap<string, Source> = new Map([
  source(users, lifecycle("user", userResponse, () => null)),
  source(organizations, lifecycle("organization", (org, store) => organizationJson(store, org), (org) => org.id)),
  // WorkOS announces a connection when it starts or stops signing people in, and when it is
  // deleted; drafts, renames and domain changes are not announced.
  source(connections, (change, store) => {
    const connection = (change.after ?? change.before)!;
    const draft = (event: WebhookEventName): EventDraft[] => [
      { event, data: { ...connectionResponse(connection, connectionDomains(store, connection)) }, organizationId: connection.organization_id },
    ];
    const wasActive = change.before?.state === "active";
    const isActive = change.after?.state === "active";
    if (change.kind === "deleted") return draft("connection.deleted");
    if (isActive && !wasActive) return draft("connection.activated");
    if (wasActive && !isActive) return draft("connection.deactivated");
    return [];
  }),
  source(memberships, lifecycle("organization_membership", (m, store) => membershipEventData(m, store.organization(m.organization_id)), (m) => m.organization_id)),
  // `session.created` when one starts; `session.revoked` when it ends, by sign-out or because a used
  // refresh token came back (WorkOS revokes on both). Moving a session to another organization and
  // forgetting ended sessions a day later are not announced: WorkOS has no event for either.
  source(sessions, (change) => {
    const organizationId = (change.after ?? change.before)!.organization_id;
    if (change.kind === "created") return [{ event: "session.created", data: sessionResponse(change.after!), organizationId }];
    if (change.kind === "updated" && !change.before!.ended_at && change.after!.ended_at) {
      return [{ event: "session.revoked", data: sessionResponse(change.after!), organizationId }];
    }
    return [];
  }),
  // The event form has no `token` or `accept_invitation_url` (invitationEventData). WorkOS has no
  // `invitation.updated`, `.expired` or `.deleted`: only these state changes and a resend are announced.
  source(invitations, (change) => {
    const invitation = (change.after ?? change.before)!;
    const draft = (event: WebhookEventName): EventDraft[] => [{ event, data: invitationEventData(invitation), organizationId: invitation.organization_id }];
    if (change.kind === "created") return draft("invitation.created");
    if (change.kind !== "updated") return [];
    const { before, after } = change as { before: typeof invitation; after: typeof invitation };
    if (before.state === "pending" && after.state === "accepted") return draft("invitation.accepted");
    if (before.state === "pending" && after.state === "revoked") return draft("invitation.revoked");
    if (before.sent_at !== after.sent_at) return draft("invitation.resent");
    return [];
  }),
  // Directory Sync (events/directory-sync.ts).
  source(directories, directoryEvents),
  source(directoryUsers, directoryUserEvents),
  source(directoryGroups, directoryGroupEvents),
  source(directoryGroupMembers, directoryGroupMemberEvents),
]);

/** The events a saved change gives (none for a collection WorkOS does not announce). */
export function eventsOf(change: Change, store: Store): EventDraft[] {
  return EVENT_SOURCES.get(change.collection)?.(change, store) ?? [];
}
