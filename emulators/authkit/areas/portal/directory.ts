import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { directorySetupPage } from "../../pages/portal.ts";
import { createDirectory } from "../../provisioning/directories.ts";
import { setGroupRole } from "../../provisioning/directory-groups.ts";
import { roleFor } from "../../provisioning/memberships.ts";
import { DIRECTORY_TYPES, type DirectoryType } from "../../store/directories.ts";
import { pageContext } from "./page-context.ts";
import { sessionFor, sessionForForm, type PortalSession } from "./session.ts";

function render(c: Ctx, session: PortalSession, error?: string): Response {
  const { store, config } = c.var.app;
  const organizationId = session.organization.id;
  const views = store.directories.findBy("organization_id", organizationId).map((directory) => ({
    directory,
    usersEndpoint: `${config.publicUrl}/_local/directories/${directory.id}/users`,
    groups: store.directoryGroups
      .findBy("directory_id", directory.id)
      .map((g) => ({ id: g.id, name: g.name, role: store.directoryRoleAssignments.get(g.id)?.role_slug ?? null })),
  }));
  // The roles its members can have, in WorkOS's priority order.
  const roles = store.roles.list((r) => !r.organization_id || r.organization_id === organizationId).map((r) => r.slug);
  return html(c, error ? 422 : 200, directorySetupPage(pageContext(session), views, roles, error));
}

/** POST /portal/setup/directory/roles `{ directory_id, group_id, role }`: a group's role assignment ("" removes it). */
export async function assignGroupRoleFromPortal(c: Ctx): Promise<Response> {
  const found = await sessionForForm(c, "dsync");
  if (!found.session) return found.response;
  const { session, fields } = found;
  const { store } = c.var.app;
  const group = typeof fields.group_id === "string" ? store.directoryGroups.get(fields.group_id) : undefined;
  if (!group || group.organization_id !== session.organization.id || group.directory_id !== fields.directory_id) {
    return render(c, session, "That group is not in one of this organization's directories: reload the page.");
  }
  const role = typeof fields.role === "string" && fields.role !== "" ? fields.role : null;
  if (role !== null && !roleFor(store, group.organization_id, role)) return render(c, session, `There is no role "${role}": choose one from the list.`);
  setGroupRole(store, group, role);
  note(c, `portal: ${group.id} "${group.name}" → ${role ?? "no role"}`);
  return redirect(c, "/portal/setup/directory", 303);
}

/** GET /portal/setup/directory: the organization's directories and a form to add one (intent `dsync`). */
export function showDirectorySetup(c: Ctx): Response {
  const found = sessionFor(c, "dsync");
  return found.session ? render(c, found.session) : found.response;
}

export async function createDirectoryFromPortal(c: Ctx): Promise<Response> {
  const found = await sessionForForm(c, "dsync");
  if (!found.session) return found.response;
  const { session, fields } = found;
  const name = typeof fields.name === "string" ? fields.name.trim() : "";
  const type = typeof fields.type === "string" ? fields.type : "";
  if (!name) return render(c, session, "Give the directory a name.");
  if (name.length > 200) return render(c, session, "The name is too long (at most 200 characters).");
  if (!DIRECTORY_TYPES.includes(type as DirectoryType)) return render(c, session, "Choose a directory provider from the list.");
  const directory = createDirectory(c.var.app.store, { organization_id: session.organization.id, name, type: type as DirectoryType });
  note(c, `portal created ${directory.id} for ${session.organization.id}`);
  return redirect(c, "/portal/setup/directory", 303);
}
