import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { identities, newConvexTest } from "./test.setup";

const firstPage = { paginationOpts: { numItems: 10, cursor: null } };

async function texts(t: { query: ReturnType<typeof newConvexTest>["query"] }) {
  const result = await t.query(api.notes.list, firstPage);
  return result.page.map((note) => note.text);
}

describe("notes: signed out", () => {
  test("every function refuses an anonymous caller", async () => {
    const t = newConvexTest();
    const noteId = await t.withIdentity(identities.carol).mutation(api.notes.add, { text: "mine" });
    await expect(t.query(api.notes.list, firstPage)).rejects.toThrow(/not signed in/);
    await expect(t.mutation(api.notes.add, { text: "hi" })).rejects.toThrow(/not signed in/);
    await expect(t.mutation(api.notes.update, { noteId, text: "hi" })).rejects.toThrow(/not signed in/);
    await expect(t.mutation(api.notes.remove, { noteId })).rejects.toThrow(/not signed in/);
    expect(await texts(t.withIdentity(identities.carol))).toEqual(["mine"]);
  });
});

describe("notes: owner", () => {
  test("adds notes and lists them newest first, trimmed", async () => {
    const t = newConvexTest();
    const carol = t.withIdentity(identities.carol);
    await carol.mutation(api.notes.add, { text: "first" });
    await carol.mutation(api.notes.add, { text: "  second  " });
    expect(await texts(carol)).toEqual(["second", "first"]);
  });

  test("an empty list before the first note", async () => {
    const t = newConvexTest();
    expect(await t.withIdentity(identities.carol).query(api.notes.list, firstPage)).toMatchObject({
      page: [],
      isDone: true,
    });
  });

  test("paginates with a cursor", async () => {
    const t = newConvexTest();
    const carol = t.withIdentity(identities.carol);
    for (const text of ["1", "2", "3"]) await carol.mutation(api.notes.add, { text });
    const page1 = await carol.query(api.notes.list, { paginationOpts: { numItems: 2, cursor: null } });
    expect(page1.page.map((n) => n.text)).toEqual(["3", "2"]);
    expect(page1.isDone).toBe(false);
    const page2 = await carol.query(api.notes.list, {
      paginationOpts: { numItems: 2, cursor: page1.continueCursor },
    });
    expect(page2.page.map((n) => n.text)).toEqual(["1"]);
    expect(page2.isDone).toBe(true);
  });

  test("refuses a page size it would not read in one query", async () => {
    const carol = newConvexTest().withIdentity(identities.carol);
    for (const numItems of [0, 101, 1e9]) {
      await expect(carol.query(api.notes.list, { paginationOpts: { numItems, cursor: null } })).rejects.toThrow(/A page holds 1 to 100 notes/);
    }
    expect((await carol.query(api.notes.list, { paginationOpts: { numItems: 100, cursor: null } })).page).toEqual([]);
  });

  test("edits and deletes their own note", async () => {
    const t = newConvexTest();
    const carol = t.withIdentity(identities.carol);
    const noteId = await carol.mutation(api.notes.add, { text: "draft" });
    await carol.mutation(api.notes.update, { noteId, text: "final" });
    expect(await texts(carol)).toEqual(["final"]);
    await carol.mutation(api.notes.remove, { noteId });
    expect(await texts(carol)).toEqual([]);
  });

  test("refuses empty and over-long text with a message for the user", async () => {
    const t = newConvexTest();
    const carol = t.withIdentity(identities.carol);
    await expect(carol.mutation(api.notes.add, { text: "   " })).rejects.toThrow(/can't be empty/);
    await expect(carol.mutation(api.notes.add, { text: "x".repeat(2001) })).rejects.toThrow(
      /at most 2,000 characters; this one has 2,001/,
    );
    await expect(carol.mutation(api.notes.add, { text: "x".repeat(2000) })).resolves.toBeDefined();
    const noteId = await carol.mutation(api.notes.add, { text: "ok" });
    await expect(carol.mutation(api.notes.update, { noteId, text: "" })).rejects.toThrow(/can't be empty/);
  });

  test("the refusal is a ConvexError whose data carries code and message", async () => {
    const t = newConvexTest();
    const error: unknown = await t.withIdentity(identities.carol).mutation(api.notes.add, { text: "" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "INVALID_ARGUMENT", message: expect.stringMatching(/empty/) } });
  });

  test("validators refuse arguments of the wrong shape", async () => {
    const t = newConvexTest();
    const carol = t.withIdentity(identities.carol);
    // @ts-expect-error the validator, not the type checker, is under test
    await expect(carol.mutation(api.notes.add, { text: 5 })).rejects.toThrow(/Validator error/);
    // @ts-expect-error missing field
    await expect(carol.mutation(api.notes.add, {})).rejects.toThrow(/Validator error/);
    // @ts-expect-error an id of another table
    await expect(carol.mutation(api.notes.remove, { noteId: "not-an-id" })).rejects.toThrow(/Validator error/);
    const userId = await carol.mutation(api.users.store, {});
    await expect(
      carol.mutation(api.notes.remove, { noteId: userId as unknown as Id<"notes"> }),
    ).rejects.toThrow(/Validator error/);
  });
});

describe("notes: another user", () => {
  test("cannot see, edit or delete someone else's private note", async () => {
    const t = newConvexTest();
    const carol = t.withIdentity(identities.carol);
    const noteId = await carol.mutation(api.notes.add, { text: "carol's secret" });
    const dave = t.withIdentity({ ...identities.carol, subject: "user_dave", tokenIdentifier: "iss|user_dave" });
    await dave.mutation(api.notes.add, { text: "dave's" });

    expect(await texts(dave)).toEqual(["dave's"]);
    await expect(dave.mutation(api.notes.update, { noteId, text: "pwned" })).rejects.toThrow(/not yours/);
    await expect(dave.mutation(api.notes.remove, { noteId })).rejects.toThrow(/not yours/);
    expect(await texts(carol)).toEqual(["carol's secret"]);
  });

  test("a user who never stored a row gets not-found, not someone else's note", async () => {
    const t = newConvexTest();
    const noteId = await t.withIdentity(identities.aliceAtAcme).mutation(api.notes.add, { text: "a" });
    await expect(
      t.withIdentity(identities.carol).mutation(api.notes.remove, { noteId }),
    ).rejects.toThrow(/not yours/);
  });
});

describe("notes: shared inside an organization", () => {
  test("every member with notes:read sees all of the organization's notes, newest first, with their author", async () => {
    const t = newConvexTest();
    const alice = t.withIdentity(identities.aliceAtAcme);
    const bob = t.withIdentity(identities.bobAtAcme);
    await alice.mutation(api.users.store, { name: "Alice Anderson", email: "alice@example.com" });
    await alice.mutation(api.notes.add, { text: "alice's plan" });
    await bob.mutation(api.notes.add, { text: "bob's idea" });
    for (const member of [alice, bob, t.withIdentity(identities.readOnlyAtAcme)]) {
      expect(await texts(member)).toEqual(["bob's idea", "alice's plan"]);
    }
    const { page } = await bob.query(api.notes.list, firstPage);
    expect(page[1]).toMatchObject({ author: { name: "Alice Anderson", email: "alice@example.com" }, canEdit: false, canDelete: false });
    expect(page[0]).toMatchObject({ canEdit: true, canDelete: true });
  });

  test("authors edit and delete their own; only notes:delete deletes anyone's", async () => {
    const t = newConvexTest();
    const alice = t.withIdentity(identities.aliceAtAcme);
    const bob = t.withIdentity(identities.bobAtAcme);
    const alices = await alice.mutation(api.notes.add, { text: "alice's" });
    const bobs = await bob.mutation(api.notes.add, { text: "bob's" });

    await expect(bob.mutation(api.notes.update, { noteId: alices, text: "x" })).rejects.toThrow(/Only its author can edit/);
    await expect(bob.mutation(api.notes.remove, { noteId: alices })).rejects.toThrow(/notes:delete/);
    await expect(alice.mutation(api.notes.update, { noteId: bobs, text: "x" })).rejects.toThrow(/Only its author can edit/);
    expect((await alice.query(api.notes.list, firstPage)).page.map((n) => [n.text, n.canEdit, n.canDelete])).toEqual([
      ["bob's", false, true],
      ["alice's", true, true],
    ]);

    await bob.mutation(api.notes.update, { noteId: bobs, text: "bob's, edited" });
    await alice.mutation(api.notes.remove, { noteId: bobs });
    expect(await texts(bob)).toEqual(["alice's"]);
  });

  test("outside an organization, organization notes are not listed", async () => {
    const t = newConvexTest();
    await t.withIdentity(identities.aliceAtAcme).mutation(api.notes.add, { text: "acme" });
    const aliceAlone = t.withIdentity({ ...identities.carol, subject: identities.aliceAtAcme.subject, tokenIdentifier: identities.aliceAtAcme.tokenIdentifier });
    await aliceAlone.mutation(api.notes.add, { text: "private" });
    expect(await texts(aliceAlone)).toEqual(["private"]);
    expect(await texts(t.withIdentity(identities.aliceAtAcme))).toEqual(["acme"]);
  });
});

describe("notes: organizations and permissions", () => {
  test("the list follows the organization the session is signed in to", async () => {
    const t = newConvexTest();
    const atAcme = t.withIdentity(identities.aliceAtAcme);
    const atGlobex = t.withIdentity(identities.aliceAtGlobex);
    const acmeNote = await atAcme.mutation(api.notes.add, { text: "acme plan" });
    await atGlobex.mutation(api.notes.add, { text: "globex plan" });
    expect(await texts(atAcme)).toEqual(["acme plan"]);
    expect(await texts(atGlobex)).toEqual(["globex plan"]);
    await expect(atGlobex.mutation(api.notes.update, { noteId: acmeNote, text: "x" })).rejects.toThrow(/not yours/);
    await expect(atGlobex.mutation(api.notes.remove, { noteId: acmeNote })).rejects.toThrow(/not yours/);
  });

  test("a role without notes:write can read but not write", async () => {
    const t = newConvexTest();
    const reader = t.withIdentity(identities.readOnlyAtAcme);
    expect(await texts(reader)).toEqual([]);
    await expect(reader.mutation(api.notes.add, { text: "hi" })).rejects.toThrow(/notes:write/);
  });

  test("a role without notes:read cannot list", async () => {
    const t = newConvexTest();
    const none = t.withIdentity({ ...identities.readOnlyAtAcme, permissions: [] });
    await expect(none.query(api.notes.list, firstPage)).rejects.toThrow(/notes:read/);
  });
});
