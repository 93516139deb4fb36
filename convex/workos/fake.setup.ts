import { vi } from "vitest";

/**
 * A WorkOS server API in memory, behind a stubbed `fetch`, for convex-test: the few endpoints
 * this deployment calls, answering in WorkOS's wire shapes (snake_case, list envelopes, `{message,
 * code}` errors). Conformance against the local AuthKit's real endpoints is a separate test.
 * (The extra dot in the file name keeps it out of the Convex push.)
 */

type Org = { id: string; name: string; created_at: string; updated_at: string };
type User = { id: string; email: string; first_name: string | null; last_name: string | null; created_at: string; updated_at: string };
type Membership = {
  id: string;
  user_id: string;
  organization_id: string;
  role: { slug: string };
  status: "active" | "inactive" | "pending";
  created_at: string;
  updated_at: string;
};
type Invitation = {
  id: string;
  email: string;
  state: "pending" | "accepted" | "expired" | "revoked";
  organization_id: string | null;
  inviter_user_id: string | null;
  role_slug: string | null;
  token: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
};
type Session = { id: string; user_id: string; organization_id?: string; status: "active" | "revoked"; created_at: string; updated_at: string; ended_at: string | null };
type Role = { slug: string; permissions: string[]; type: "EnvironmentRole" | "OrganizationRole" };

const ROLES: Role[] = [
  { slug: "admin", permissions: ["notes:read", "notes:write", "notes:delete", "members:manage"], type: "EnvironmentRole" },
  { slug: "member", permissions: ["notes:read", "notes:write"], type: "EnvironmentRole" },
];

export type FakeWorkOS = ReturnType<typeof fakeWorkOS>;

export function fakeWorkOS(options: { apiUrl?: string } = {}) {
  const base = options.apiUrl ?? "https://api.workos.com";
  const orgs = new Map<string, Org>();
  const users = new Map<string, User>();
  const memberships = new Map<string, Membership>();
  const invitations = new Map<string, Invitation>();
  const sessions = new Map<string, Session>();
  const calls: { method: string; path: string; authorization: string | null; body: unknown }[] = [];
  const failures: { method: string; path: RegExp; status: number; body: unknown }[] = [];
  let seq = 0;
  // Strictly increasing timestamps, so each write is newer than the last.
  let clock = Date.parse("2026-01-01T00:00:00.000Z");
  const now = () => new Date((clock += 1000)).toISOString();
  const id = (prefix: string) => `${prefix}_${String(++seq).padStart(6, "0")}FAKE`;

  const orgJson = (o: Org) => ({ object: "organization", ...o, domains: [], allow_profiles_outside_organization: false, external_id: null, metadata: {} });
  const userJson = (u: User) => ({ object: "user", ...u, email_verified: true, profile_picture_url: null, last_sign_in_at: null, locale: null, external_id: null, metadata: {} });
  const membershipJson = (m: Membership) => ({
    object: "organization_membership",
    ...m,
    organization_name: orgs.get(m.organization_id)?.name,
    roles: [m.role],
    directory_managed: false,
    custom_attributes: {},
  });
  const invitationJson = (i: Invitation) => ({
    object: "invitation",
    ...i,
    accepted_at: null,
    revoked_at: null,
    accepted_user_id: null,
    accept_invitation_url: `http://localhost:5173/invite?invitation_token=${i.token}`,
  });
  const sessionJson = (x: Session) => ({ object: "session", ...x, ip_address: null, user_agent: null, auth_method: "password", expires_at: "2026-02-01T00:00:00.000Z" });
  const list = (data: unknown[]) => ({ object: "list", data, list_metadata: { before: null, after: null } });
  const error = (status: number, code: string, message: string) => Response.json({ code, message }, { status });
  const notFound = () => error(404, "entity_not_found", "Not found");

  function route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Response {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/organizations") {
      const t = now();
      const org = { id: id("org"), name: String(body.name), created_at: t, updated_at: t };
      orgs.set(org.id, org);
      return Response.json(orgJson(org), { status: 201 });
    }
    if (method === "GET" && path === "/organizations") return Response.json(list([...orgs.values()].map(orgJson)));
    if ((m = path.match(/^\/organizations\/([^/]+)$/))) {
      const org = orgs.get(m[1]!);
      if (!org) return notFound();
      if (method === "GET") return Response.json(orgJson(org));
      if (method === "DELETE") {
        orgs.delete(org.id);
        return new Response(null, { status: 204 });
      }
    }
    if (method === "GET" && (m = path.match(/^\/organizations\/([^/]+)\/roles$/))) {
      return Response.json(list(ROLES.map((r) => ({ object: "role", id: `role_${r.slug}`, name: r.slug, description: null, resource_type_slug: "organization", created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z", ...r }))));
    }
    if (path === "/user_management/organization_memberships") {
      if (method === "POST") {
        const t = now();
        const membership: Membership = {
          id: id("om"),
          user_id: String(body.user_id),
          organization_id: String(body.organization_id),
          role: { slug: String(body.role_slug ?? "member") },
          status: "active",
          created_at: t,
          updated_at: t,
        };
        if (!orgs.has(membership.organization_id)) return notFound();
        memberships.set(membership.id, membership);
        return Response.json(membershipJson(membership), { status: 201 });
      }
      const statuses = (query.get("statuses") ?? "active").split(",");
      const found = [...memberships.values()].filter(
        (x) => x.organization_id === query.get("organization_id") && statuses.includes(x.status),
      );
      return Response.json(list(found.map(membershipJson)));
    }
    if ((m = path.match(/^\/user_management\/organization_memberships\/([^/]+)$/))) {
      const membership = memberships.get(m[1]!);
      if (!membership) return notFound();
      if (method === "GET") return Response.json(membershipJson(membership));
      if (method === "PUT") {
        membership.role = { slug: String(body.role_slug) };
        membership.updated_at = now();
        return Response.json(membershipJson(membership));
      }
      if (method === "DELETE") {
        memberships.delete(membership.id);
        return new Response(null, { status: 200 });
      }
    }
    if (method === "GET" && path === "/user_management/users") {
      const orgId = query.get("organization_id");
      const ids = new Set([...memberships.values()].filter((x) => x.organization_id === orgId).map((x) => x.user_id));
      return Response.json(list([...users.values()].filter((u) => ids.has(u.id)).map(userJson)));
    }
    if (path === "/user_management/invitations") {
      if (method === "POST") {
        const email = String(body.email);
        const orgId = String(body.organization_id);
        const member = [...memberships.values()].find(
          (x) => x.organization_id === orgId && users.get(x.user_id)?.email === email,
        );
        if (member) return error(400, "user_already_organization_member", "The user is already a member of the organization.");
        const t = now();
        const invitation: Invitation = {
          id: id("invitation"),
          email,
          state: "pending",
          organization_id: orgId,
          inviter_user_id: (body.inviter_user_id as string) ?? null,
          role_slug: (body.role_slug as string) ?? null,
          token: `tok${++seq}`,
          expires_at: new Date(Date.now() + 7 * 86400_000).toISOString(),
          created_at: t,
          updated_at: t,
        };
        invitations.set(invitation.id, invitation);
        return Response.json(invitationJson(invitation), { status: 201 });
      }
      const found = [...invitations.values()].filter((i) => i.organization_id === query.get("organization_id"));
      return Response.json(list(found.map(invitationJson)));
    }
    if (method === "GET" && (m = path.match(/^\/user_management\/invitations\/by_token\/([^/]+)$/))) {
      const invitation = [...invitations.values()].find((i) => i.token === m![1]);
      return invitation ? Response.json(invitationJson(invitation)) : notFound();
    }
    if ((m = path.match(/^\/user_management\/invitations\/([^/]+)(?:\/(revoke|resend))?$/))) {
      const invitation = invitations.get(m[1]!);
      if (!invitation) return notFound();
      if (method === "GET" && !m[2]) return Response.json(invitationJson(invitation));
      if (method === "POST" && m[2]) {
        if (invitation.state !== "pending") return error(400, m[2] === "revoke" ? "invite_not_pending" : `invite_${invitation.state}`, "Not pending");
        if (m[2] === "revoke") invitation.state = "revoked";
        else invitation.expires_at = new Date(Date.now() + 7 * 86400_000).toISOString();
        invitation.updated_at = now();
        return Response.json(invitationJson(invitation));
      }
    }
    if (method === "GET" && (m = path.match(/^\/user_management\/users\/([^/]+)\/sessions$/))) {
      if (!users.has(m[1]!)) return notFound();
      // WorkOS lists a user's active sessions.
      return Response.json(list([...sessions.values()].filter((x) => x.user_id === m![1] && x.status === "active").map(sessionJson)));
    }
    if (method === "POST" && path === "/user_management/sessions/revoke") {
      const session = sessions.get(String(body.session_id));
      if (!session) return notFound();
      if (session.status === "active") Object.assign(session, { status: "revoked", ended_at: now(), updated_at: now() });
      return Response.json({});
    }
    return error(404, "not_found", `The fake WorkOS has no ${method} ${path}`);
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === "string" && init.body !== "" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    calls.push({ method, path: url.pathname, authorization: headers.get("authorization"), body });
    if (url.origin !== new URL(base).origin) throw new TypeError(`fetch failed: nothing at ${url.origin}`);
    const failure = failures.findIndex((f) => f.method === method && f.path.test(url.pathname));
    if (failure !== -1) {
      const [f] = failures.splice(failure, 1);
      return Response.json(f!.body, { status: f!.status });
    }
    return route(method, url.pathname, url.searchParams, body);
  });
  vi.stubGlobal("fetch", fetch);

  return {
    fetch,
    calls,
    /** The next `method` request to a path matching `path` gets this answer instead. */
    failNext(method: string, path: RegExp, status: number, body: unknown) {
      failures.push({ method, path, status, body });
    },
    addOrganization(o: { id: string; name: string }) {
      const t = now();
      orgs.set(o.id, { ...o, created_at: t, updated_at: t });
    },
    addUser(u: { id: string; email: string; first_name: string; last_name: string }) {
      const t = now();
      users.set(u.id, { ...u, created_at: t, updated_at: t });
    },
    addMembership(m: { id: string; userId: string; organizationId: string; role: string }) {
      const t = now();
      const membership: Membership = { id: m.id, user_id: m.userId, organization_id: m.organizationId, role: { slug: m.role }, status: "active", created_at: t, updated_at: t };
      memberships.set(m.id, membership);
      return membershipJson(membership);
    },
    /** A session of `userId`, signed in to `organizationId` (none: signed in to no organization). */
    addSession(x: { id: string; userId: string; organizationId?: string }) {
      const t = now();
      sessions.set(x.id, { id: x.id, user_id: x.userId, ...(x.organizationId && { organization_id: x.organizationId }), status: "active", created_at: t, updated_at: t, ended_at: null });
    },
    invitations,
    memberships,
    orgs,
    sessions,
  };
}
