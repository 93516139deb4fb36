import { expect, type Page } from "@playwright/test";

/** Where the screenshots are taken: the running stack, and what was set up in it first. */
export interface World {
  appUrl: string;
  authkitUrl: string;
  /** The same app served with no configuration, which shows the configuration error page. */
  unconfiguredAppUrl: string;
  /** The invitation link the local AuthKit "emailed" for the pending invitation. */
  invitationUrl: string;
}

/** Who looks at the page: a visitor signed out, Alice (admin of Acme Corp) signed in to Acme, or Carol (in no organization). */
export type Viewer = "visitor" | "alice" | "carol";

export interface Shot {
  /** The file name's stem in docs/screenshots/. */
  name: string;
  title: string;
  /** The router's pages (routerPages() paths) this shot shows; none for a state that is no route. */
  covers: string[];
  as: Viewer;
  /** Opens the page and waits until it shows what the screenshot is for. */
  open(page: Page, world: World): Promise<void>;
}

const heading = (page: Page, name: string | RegExp) => expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

/** The main pages; every page of the router is one of them (screenshots.test.ts checks). */
export const SHOTS: Shot[] = [
  {
    name: "landing",
    title: "Landing page",
    covers: ["/"],
    as: "visitor",
    open: async (page) => {
      await page.goto("/");
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    },
  },
  {
    name: "sign-in",
    title: "Sign-in (the hosted page)",
    covers: ["/sign-in"],
    as: "visitor",
    open: async (page, { authkitUrl }) => {
      await page.goto("/sign-in");
      await page.waitForURL((url) => url.origin === new URL(authkitUrl).origin);
      await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
    },
  },
  {
    name: "sign-up",
    title: "Sign-up (the hosted page)",
    covers: ["/sign-up"],
    as: "visitor",
    open: async (page, { authkitUrl }) => {
      await page.goto("/sign-up");
      await page.waitForURL((url) => url.origin === new URL(authkitUrl).origin);
      await expect(page.getByLabel("First name", { exact: true })).toBeVisible();
    },
  },
  {
    name: "sso-sign-in",
    title: "Sign in with SSO",
    covers: ["/sign-in/sso"],
    as: "visitor",
    open: async (page) => {
      await page.goto("/sign-in/sso");
      await heading(page, "Sign in with SSO");
    },
  },
  {
    name: "callback-error",
    title: "A sign-in that failed, explained (/callback)",
    covers: ["/callback"],
    as: "visitor",
    open: async (page) => {
      await page.goto(`/callback?${new URLSearchParams({ error: "organization_invalid", error_description: "The organization has no active SSO connection." })}`);
      await heading(page, /./);
    },
  },
  {
    name: "invitation",
    title: "An invitation link",
    covers: ["/invite"],
    as: "visitor",
    open: async (page, { invitationUrl }) => {
      await page.goto(invitationUrl);
      await expect(page.getByRole("button", { name: "Accept invitation" })).toBeVisible();
    },
  },
  {
    name: "not-found",
    title: "Page not found",
    covers: ["/*", "/app/*"],
    as: "visitor",
    open: async (page) => {
      await page.goto("/no/such/page");
      await heading(page, "Page not found");
    },
  },
  {
    name: "home",
    title: "Signed-in home with notes",
    covers: ["/app"],
    as: "alice",
    open: async (page) => {
      await page.goto("/app");
      await heading(page, "Welcome, Alice Anderson");
      await expect(page.getByRole("list", { name: "Notes" }).getByRole("listitem").first()).toBeVisible();
    },
  },
  {
    name: "members",
    title: "Members",
    covers: ["/app/members"],
    as: "alice",
    open: async (page) => {
      await page.goto("/app/members");
      await expect(page.getByRole("table", { name: "Members" }).getByText("bob@example.com")).toBeVisible();
      await expect(page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").first()).toBeVisible();
    },
  },
  {
    name: "organization-settings",
    title: "Organization settings",
    covers: ["/app/organization"],
    as: "alice",
    open: async (page) => {
      await page.goto("/app/organization");
      await expect(page.getByRole("region", { name: "Single sign-on" }).getByText("Acme Corp Okta")).toBeVisible();
    },
  },
  {
    name: "account",
    title: "Account",
    covers: ["/app/account"],
    as: "alice",
    open: async (page) => {
      await page.goto("/app/account");
      await heading(page, "Your account");
      await expect(page.getByRole("region", { name: "Profile" }).getByText("alice@example.com")).toBeVisible();
    },
  },
  {
    name: "new-organization",
    title: "Create an organization",
    covers: ["/app/organizations/new"],
    as: "carol",
    open: async (page) => {
      await page.goto("/app/organizations/new");
      await heading(page, "Create an organization");
    },
  },
  {
    name: "config-error",
    title: "The configuration error page",
    covers: [],
    as: "visitor",
    open: async (page, { unconfiguredAppUrl }) => {
      await page.goto(unconfiguredAppUrl);
      await heading(page, "The app is not configured yet");
    },
  },
];

/** The sizes and colour schemes every shot is taken in. */
export const VARIANTS = [
  { width: 1280, height: 800, colorScheme: "light" },
  { width: 1280, height: 800, colorScheme: "dark" },
  { width: 390, height: 844, colorScheme: "light" },
  { width: 390, height: 844, colorScheme: "dark" },
] as const;

export type Variant = (typeof VARIANTS)[number];

export function fileName(shot: Pick<Shot, "name">, variant: Variant): string {
  return `${shot.name}-${variant.colorScheme}-${variant.width}.png`;
}
