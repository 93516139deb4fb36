/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as access from "../access.js";
import type * as config from "../config.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as invitations from "../invitations.js";
import type * as limits from "../limits.js";
import type * as members from "../members.js";
import type * as notes from "../notes.js";
import type * as organizationSettings from "../organizationSettings.js";
import type * as organizations from "../organizations.js";
import type * as portal from "../portal.js";
import type * as sso from "../sso.js";
import type * as users from "../users.js";
import type * as workos_backfill from "../workos/backfill.js";
import type * as workos_client from "../workos/client.js";
import type * as workos_errors from "../workos/errors.js";
import type * as workos_mirror from "../workos/mirror.js";
import type * as workos_records from "../workos/records.js";
import type * as workos_sessions from "../workos/sessions.js";
import type * as workos_signature from "../workos/signature.js";
import type * as workos_webhook from "../workos/webhook.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  access: typeof access;
  config: typeof config;
  functions: typeof functions;
  http: typeof http;
  invitations: typeof invitations;
  limits: typeof limits;
  members: typeof members;
  notes: typeof notes;
  organizationSettings: typeof organizationSettings;
  organizations: typeof organizations;
  portal: typeof portal;
  sso: typeof sso;
  users: typeof users;
  "workos/backfill": typeof workos_backfill;
  "workos/client": typeof workos_client;
  "workos/errors": typeof workos_errors;
  "workos/mirror": typeof workos_mirror;
  "workos/records": typeof workos_records;
  "workos/sessions": typeof workos_sessions;
  "workos/signature": typeof workos_signature;
  "workos/webhook": typeof workos_webhook;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
