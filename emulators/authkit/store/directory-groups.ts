import { defineCollection } from "./collection.ts";

export interface DirectoryGroupRecord {
  id: string;
  directory_id: string;
  organization_id: string;
  /** The identity provider's id of the group; one per directory. */
  idp_id: string;
  name: string;
  raw_attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export const directoryGroups = defineCollection<DirectoryGroupRecord>()({
  name: "directory_groups",
  key: (g) => g.id,
  indexes: {
    directory_id: { of: (g) => g.directory_id },
    idp_id: { of: (g) => `${g.directory_id}\u0000${g.idp_id}`, unique: true },
  },
});

/** The key of the `idp_id` index for a group of `directoryId`. */
export const groupIdpKey = (directoryId: string, idpId: string) => `${directoryId}\u0000${idpId}`;

/** The WorkOS `directory_group` object (also the data of `dsync.group.*` events). */
export function directoryGroupResponse(g: DirectoryGroupRecord) {
  return {
    object: "directory_group" as const,
    id: g.id,
    idp_id: g.idp_id,
    directory_id: g.directory_id,
    organization_id: g.organization_id,
    name: g.name,
    raw_attributes: g.raw_attributes,
    created_at: g.created_at,
    updated_at: g.updated_at,
  };
}
