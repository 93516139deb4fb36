import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { workos } from "./client";
import { callWorkOS } from "./errors";
import { fromSdk } from "./records";

/**
 * Fills the mirror from WorkOS's list APIs: for a deployment that missed webhook events, or
 * one set up after users and organizations existed. Safe to run again at any time: records
 * older than the mirror's are skipped, and nothing deleted comes back.
 *
 *   npx convex run workos/backfill:run
 */
export const run = internalAction({
  args: {},
  returns: v.object({ organizations: v.number(), memberships: v.number(), invitations: v.number(), users: v.number() }),
  handler: async (ctx) => {
    const client = workos();
    const um = client.userManagement;
    const organizations = await callWorkOS({ doing: "list organizations" }, async () =>
      (await client.organizations.listOrganizations()).autoPagination(),
    );
    await ctx.runMutation(internal.workos.mirror.write, { organizations: organizations.map(fromSdk.organization) });
    const counts = { organizations: organizations.length, memberships: 0, invitations: 0, users: 0 };
    for (const organization of organizations) {
      const organizationId = organization.id;
      const [memberships, invitations, users, roles] = await Promise.all([
        callWorkOS({ doing: `list the memberships of ${organizationId}` }, async () =>
          (await um.listOrganizationMemberships({ organizationId, statuses: ["active", "inactive", "pending"] })).autoPagination(),
        ),
        callWorkOS({ doing: `list the invitations of ${organizationId}` }, async () =>
          (await um.listInvitations({ organizationId })).autoPagination(),
        ),
        callWorkOS({ doing: `list the users of ${organizationId}` }, async () => (await um.listUsers({ organizationId })).autoPagination()),
        callWorkOS({ doing: `list the roles of ${organizationId}` }, () => client.organizations.listOrganizationRoles({ organizationId })),
      ]);
      await ctx.runMutation(internal.workos.mirror.write, {
        memberships: memberships.map(fromSdk.membership),
        invitations: invitations.map((i) => fromSdk.invitation(i)),
        users: users.map(fromSdk.user),
        roles: roles.data.map((r) => fromSdk.role(r, organizationId)),
      });
      counts.memberships += memberships.length;
      counts.invitations += invitations.length;
      counts.users += users.length;
    }
    console.log(`WorkOS backfill: ${JSON.stringify(counts)}`);
    return counts;
  },
});
