import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { directorySetupPage } from "../../pages/portal.ts";
import { createDirectory } from "../../provisioning/directories.ts";
import { DIRECTORY_TYPES, type DirectoryType } from "../../store/directories.ts";
import { pageContext } from "./page-context.ts";
import { sessionFor, sessionForForm, type PortalSession } from "./session.ts";

function render(c: Ctx, session: PortalSession, error?: string): Response {
  const { store, config } = c.var.app;
  const views = store.directories
    .findBy("organization_id", session.organization.id)
    .map((directory) => ({ directory, usersEndpoint: `${config.publicUrl}/_local/directories/${directory.id}/users` }));
  return html(c, error ? 422 : 200, directorySetupPage(pageContext(session), views, error));
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
