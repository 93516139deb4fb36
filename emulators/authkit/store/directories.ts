import { defineCollection } from "./collection.ts";

/** The directory providers WorkOS names (the SDK's `DirectoryType`); the local one is pushed to through the test API whatever its type. */
export const DIRECTORY_TYPES = [
  "azure scim v2.0",
  "bamboohr",
  "breathe hr",
  "cezanne hr",
  "cyberark scim v2.0",
  "fourth hr",
  "generic scim v2.0",
  "gsuite directory",
  "hibob",
  "jump cloud scim v2.0",
  "okta scim v2.0",
  "onelogin scim v2.0",
  "people hr",
  "personio",
  "pingfederate scim v2.0",
  "rippling scim v2.0",
  "sftp",
  "sftp workday",
  "workday",
] as const;

export type DirectoryType = (typeof DIRECTORY_TYPES)[number];

export interface DirectoryRecord {
  id: string;
  organization_id: string;
  name: string;
  type: DirectoryType;
  /** WorkOS's wire states; the SDK reads `linked` as "active", `unlinked` as "inactive". A local directory is linked from creation. */
  state: "linked" | "unlinked";
  external_key: string;
  /** The deprecated `domain` of a directory (filterable with `GET /directories?domain=`); null when none was given. */
  domain: string | null;
  created_at: string;
  updated_at: string;
}

export const directories = defineCollection<DirectoryRecord>()({
  name: "directories",
  key: (d) => d.id,
  indexes: { organization_id: { of: (d) => d.organization_id } },
});

/** The WorkOS `directory` object, as `GET /directories[/<id>]` answers it. */
export function directoryResponse(d: DirectoryRecord) {
  return {
    object: "directory" as const,
    id: d.id,
    organization_id: d.organization_id,
    external_key: d.external_key,
    type: d.type,
    state: d.state,
    name: d.name,
    ...(d.domain !== null && { domain: d.domain }),
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}

/**
 * The directory as `dsync.activated` carries it (state in the SDK's words, the organization's
 * domains) and `dsync.deleted` (without `domains` and `external_key`), per the SDK's event types.
 */
export function directoryEventData(d: DirectoryRecord, domains: readonly { id: string; domain: string }[]) {
  return {
    object: "directory" as const,
    id: d.id,
    external_key: d.external_key,
    type: d.type,
    state: d.state === "linked" ? ("active" as const) : ("inactive" as const),
    name: d.name,
    organization_id: d.organization_id,
    domains: domains.map((x) => ({ object: "organization_domain" as const, id: x.id, domain: x.domain })),
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}

export function deletedDirectoryEventData(d: DirectoryRecord) {
  const { domains: _domains, external_key: _key, ...rest } = directoryEventData(d, []);
  return rest;
}
