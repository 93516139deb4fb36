import { v } from "convex/values";
import { internal } from "./_generated/api";
import { managerAction, managerQuery } from "./functions";
import { workos } from "./workos/client";
import { callWorkOS } from "./workos/errors";
import { connectionState, directoryState, domainState, fromSdk } from "./workos/records";

const settingsView = v.object({
  organizationName: v.union(v.string(), v.null()),
  domains: v.array(v.object({ id: v.string(), domain: v.string(), state: domainState })),
  connections: v.array(v.object({ id: v.string(), name: v.string(), type: v.string(), state: connectionState })),
  directories: v.array(
    v.object({ id: v.string(), name: v.string(), type: v.string(), state: directoryState, activeUsers: v.number() }),
  ),
});

/**
 * The organization's enterprise setup as the mirror has it, for its IT admin (`members:manage`):
 * its domains and whether each is verified, its SSO connections and its directories. Live: the
 * webhooks (`organization.*`, `organization_domain.*`, `connection.*`, `dsync.*`) change it in
 * every open settings page, so coming back from the Admin Portal shows what was set up there.
 */
export const get = managerQuery({
  args: {},
  returns: settingsView,
  handler: async (ctx) => {
    const orgId = ctx.member.orgId;
    const organization = await ctx.db
      .query("organizations")
      .withIndex("by_workos_id", (q) => q.eq("workosId", orgId))
      .unique();
    const connections = await ctx.db
      .query("connections")
      .withIndex("by_organization", (q) => q.eq("organizationId", orgId))
      .collect();
    const directories = await ctx.db
      .query("directories")
      .withIndex("by_organization", (q) => q.eq("organizationId", orgId))
      .collect();
    return {
      organizationName: organization?.name ?? null,
      domains: (organization?.domains ?? [])
        .map((d) => ({ id: d.workosId, domain: d.domain, state: d.state }))
        .sort((a, b) => a.domain.localeCompare(b.domain)),
      connections: connections
        .filter((c) => c.deletedAt === undefined)
        .map((c) => ({ id: c.workosId, name: c.name, type: c.connectionType, state: c.state })),
      directories: await Promise.all(
        directories
          .filter((d) => d.deletedAt === undefined)
          .map(async (d) => {
            const users = await ctx.db
              .query("directoryUsers")
              .withIndex("by_directory", (q) => q.eq("directoryId", d.workosId))
              .collect();
            const activeUsers = users.filter((u) => u.deletedAt === undefined && u.state === "active").length;
            return { id: d.workosId, name: d.name, type: d.type, state: d.state, activeUsers };
          }),
      ),
    };
  },
});

/**
 * Reads the organization, its SSO connections and directories from WorkOS into the mirror, for
 * what was set up before this deployment received webhooks (the settings page asks once when it
 * opens). Webhooks keep it current from then on; the mirror's `updated_at` rule makes this safe
 * to run at any time.
 */
export const refresh = managerAction({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const client = workos();
    const orgId = ctx.member.orgId;
    const context = { doing: `read the enterprise setup of ${orgId}`, organizationName: ctx.member.orgName ?? undefined };
    const [organization, connections, directories] = await callWorkOS(context, () =>
      Promise.all([
        client.organizations.getOrganization(orgId),
        client.sso.listConnections({ organizationId: orgId }).then((page) => page.autoPagination()),
        client.directorySync.listDirectories({ organizationId: orgId }).then((page) => page.autoPagination()),
      ]),
    );
    await ctx.runMutation(internal.workos.mirror.write, {
      organizations: [fromSdk.organization(organization)],
      connections: connections.map(fromSdk.connection),
      directories: directories.map(fromSdk.directory),
    });
    return null;
  },
});
