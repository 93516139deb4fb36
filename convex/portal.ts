import type { GeneratePortalLinkIntent } from "@workos-inc/node";
import { v } from "convex/values";
import { appOrigins } from "./config";
import { appError, managerAction } from "./functions";
import { workos } from "./workos/client";
import { callWorkOS } from "./workos/errors";

/** Where the Admin Portal sends the IT admin back to: the organization settings page. */
export const SETTINGS_PATH = "/app/organization";

export const portalIntent = v.union(v.literal("sso"), v.literal("dsync"), v.literal("domain_verification"));

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The app origin the browser says it is on, if this deployment lets WorkOS send people back
 * there: one of `APP_ORIGINS` when that is set; otherwise only a loopback origin (the local
 * stack, `npm run dev`), so a deployment nobody configured never sends an admin to a site a
 * caller named. An origin is compared exactly (scheme, host and port), never as a prefix.
 */
export function allowedReturnOrigin(claimed: string, allowList: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== claimed.replace(/\/+$/, "")) return null;
  if (allowList.length > 0) return allowList.includes(url.origin) ? url.origin : null;
  return LOOPBACK_HOSTS.has(url.hostname) ? url.origin : null;
}

/**
 * A WorkOS Admin Portal link for the caller's organization, for one intent: set up SSO, set up
 * Directory Sync or verify a domain. Only holders of `members:manage` (checked on the mirrored
 * membership by `managerAction`) get one. The link works once and for five minutes: the app
 * opens it at once and never keeps it. The portal returns to the organization settings page.
 */
export const generateLink = managerAction({
  args: { intent: portalIntent, appOrigin: v.string() },
  returns: v.string(),
  handler: async (ctx, { intent, appOrigin }) => {
    const origin = allowedReturnOrigin(appOrigin, appOrigins());
    if (origin === null) {
      console.error(
        `Admin Portal link refused: the app says it is on "${appOrigin.slice(0, 200)}", which is not in APP_ORIGINS. ` +
          "Set the app's origins: `npx convex env set APP_ORIGINS https://your.app` (comma-separated; loopback origins are allowed while it is unset).",
      );
      throw appError(
        "FORBIDDEN",
        "This app's address is not one this deployment may send you back to, so the Admin Portal can't be opened. The administrator has been told why in the Convex logs.",
      );
    }
    const returnUrl = `${origin}${SETTINGS_PATH}`;
    const client = workos();
    const { link } = await callWorkOS(
      { doing: `open the Admin Portal (${intent}) for ${ctx.member.orgId}`, organizationName: ctx.member.orgName ?? undefined },
      () => client.portal.generateLink({ organization: ctx.member.orgId, intent: intent as GeneratePortalLinkIntent, returnUrl, successUrl: returnUrl }),
    );
    return link;
  },
});
