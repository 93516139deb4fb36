import { optionalString, readFields, requiredString, type Fields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { badRequest, invalidField, notFound } from "../../http/errors.ts";
import { ConnectionInputError, createConnection, isConnectionState, setConnectionState } from "../../provisioning/connections.ts";
import { toWire } from "./connections.ts";

function stringList(fields: Fields, name: string): string[] | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.split(",").map((v) => v.trim()).filter(Boolean);
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw badRequest(`\`${name}\` must be a list of strings.`);
  return value as string[];
}

/** POST /_local/connections `{ organization_id, name?, connection_type?, state? ("active"), domains?, id? }`: 201 WorkOS `connection`. */
export async function createConnectionRoute(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  try {
    const connection = createConnection(store, {
      organizationId: requiredString(fields, "organization_id"),
      name: optionalString(fields, "name"),
      connectionType: optionalString(fields, "connection_type"),
      state: optionalString(fields, "state"),
      domains: stringList(fields, "domains"),
      id: optionalString(fields, "id"),
    });
    note(c, `created ${connection.id} (${connection.state}) for ${connection.organization_id}`);
    return c.json(toWire(store)(connection), 201);
  } catch (error) {
    if (error instanceof ConnectionInputError) {
      if (error.field === "organization_id") throw notFound("Organization", requiredString(fields, "organization_id"));
      throw invalidField(error.field, error.message);
    }
    throw error;
  }
}

/** PUT /_local/connections/<id> `{ state }`: activates, deactivates or drafts a connection. */
export async function updateConnectionRoute(c: Ctx): Promise<Response> {
  const id = c.req.param("id")!;
  const fields = await readFields(c);
  const { store } = c.var.app;
  if (!store.connections.get(id)) throw notFound("Connection", id);
  const state = requiredString(fields, "state");
  if (!isConnectionState(state)) throw invalidField("state", `state must be draft, active, inactive or validating, got "${state}".`);
  const connection = setConnectionState(store, id, state);
  note(c, `${id} is ${state}`);
  return c.json(toWire(store)(connection));
}
