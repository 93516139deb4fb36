import { DEMO_USERS, displayName, membershipsOf } from "../authkit/demo-world.ts";

/** The demo users as `npm run dev` lists them: who they are and what each one shows off. */
export const DEMO_ACCOUNTS = DEMO_USERS.map((user) => {
  const memberships = membershipsOf(user);
  const organizations = memberships.map((m) => `${m.organization.name} (${m.role.slug})`).join(", ") || "no organization";
  return {
    email: user.email,
    name: displayName(user),
    organizations: memberships.length > 1 ? `${organizations} — sees the organization picker` : organizations,
  };
});
