import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { appError, requireOrganization, requirePermission, viewerMutation, viewerQuery, type Viewer } from "./functions";
import { NOTES_PAGE_MAX, noteTextProblem } from "./limits";
import schema from "./schema";
import { ensureUser, findUser } from "./users";

// Inside an organization notes belong to it and the role's permissions apply; a user without
// one owns their notes outright.
function requireNotesPermission(viewer: Viewer, permission: "notes:read" | "notes:write") {
  if (viewer.orgId !== null) requirePermission(viewer, permission);
}

function cleanText(text: string): string {
  const problem = noteTextProblem(text);
  if (problem !== null) throw appError("INVALID_ARGUMENT", problem);
  return text.trim();
}

const noteView = v.object({
  ...schema.doc("notes").fields,
  /** Who wrote it (null if their row is gone). */
  author: v.union(v.object({ name: v.union(v.string(), v.null()), email: v.union(v.string(), v.null()) }), v.null()),
  /** Whether the caller may edit it (its author) and delete it (its author, or `notes:delete`). */
  canEdit: v.boolean(),
  canDelete: v.boolean(),
});

const mayDeleteAny = (viewer: Viewer) => viewer.orgId !== null && viewer.permissions.includes("notes:delete");

/** A note the caller can see (their organization's, or their own private one), or NOT_FOUND. */
async function visibleNote(ctx: MutationCtx, viewer: Viewer, noteId: Id<"notes">): Promise<{ note: Doc<"notes">; isAuthor: boolean }> {
  const user = await findUser(ctx, viewer);
  const note = await ctx.db.get("notes", noteId);
  const isAuthor = note !== null && user !== null && note.ownerId === user._id;
  const visible =
    note !== null && (note.orgId ?? null) === viewer.orgId && (viewer.orgId !== null || isAuthor);
  // Someone else's private note and a missing one look the same, so ids reveal nothing.
  if (!visible) throw appError("NOT_FOUND", "This note does not exist or is not yours. Reload the list and try again.");
  return { note, isAuthor };
}

async function withAuthors(ctx: QueryCtx, viewer: Viewer, me: Id<"users"> | null, notes: Doc<"notes">[]) {
  const authors = new Map<Id<"users">, Doc<"users"> | null>();
  for (const note of notes) {
    if (!authors.has(note.ownerId)) authors.set(note.ownerId, await ctx.db.get("users", note.ownerId));
  }
  return notes.map((note) => {
    const author = authors.get(note.ownerId) ?? null;
    const isAuthor = note.ownerId === me;
    return {
      ...note,
      author: author === null ? null : { name: author.name ?? null, email: author.email ?? null },
      canEdit: isAuthor,
      canDelete: isAuthor || mayDeleteAny(viewer),
    };
  });
}

/**
 * Newest first, a page at a time: inside an organization all of its notes (with `notes:read`),
 * each with its author; outside one, the caller's own.
 */
export const list = viewerQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(noteView),
  handler: async (ctx, { paginationOpts }) => {
    requireNotesPermission(ctx.viewer, "notes:read");
    if (!(paginationOpts.numItems >= 1 && paginationOpts.numItems <= NOTES_PAGE_MAX)) {
      throw appError("INVALID_ARGUMENT", `A page holds 1 to ${NOTES_PAGE_MAX} notes; ${paginationOpts.numItems} were asked for.`);
    }
    const user = await findUser(ctx, ctx.viewer);
    const { orgId } = ctx.viewer;
    let result;
    if (orgId !== null) {
      result = await ctx.db
        .query("notes")
        .withIndex("by_org", (q) => q.eq("orgId", orgId))
        .order("desc")
        .paginate(paginationOpts);
    } else {
      if (user === null) return { page: [], isDone: true, continueCursor: "" };
      result = await ctx.db
        .query("notes")
        .withIndex("by_owner_and_org", (q) => q.eq("ownerId", user._id).eq("orgId", undefined))
        .order("desc")
        .paginate(paginationOpts);
    }
    return { ...result, page: await withAuthors(ctx, ctx.viewer, user?._id ?? null, result.page) };
  },
});

export const add = viewerMutation({
  args: { text: v.string() },
  returns: v.id("notes"),
  handler: async (ctx, { text }) => {
    requireNotesPermission(ctx.viewer, "notes:write");
    const ownerId = await ensureUser(ctx, ctx.viewer);
    return await ctx.db.insert("notes", {
      ownerId,
      orgId: ctx.viewer.orgId ?? undefined,
      text: cleanText(text),
      updatedAt: Date.now(),
    });
  },
});

/** Its author edits a note. */
export const update = viewerMutation({
  args: { noteId: v.id("notes"), text: v.string() },
  returns: v.null(),
  handler: async (ctx, { noteId, text }) => {
    requireNotesPermission(ctx.viewer, "notes:write");
    const { note, isAuthor } = await visibleNote(ctx, ctx.viewer, noteId);
    if (!isAuthor) throw appError("FORBIDDEN", "Only its author can edit this note.");
    await ctx.db.patch("notes", note._id, { text: cleanText(text), updatedAt: Date.now() });
    return null;
  },
});

/** Its author deletes a note; in an organization, so does anyone whose role has `notes:delete`. */
export const remove = viewerMutation({
  args: { noteId: v.id("notes") },
  returns: v.null(),
  handler: async (ctx, { noteId }) => {
    if (ctx.viewer.orgId !== null) requireOrganization(ctx.viewer);
    const { note, isAuthor } = await visibleNote(ctx, ctx.viewer, noteId);
    if (isAuthor) requireNotesPermission(ctx.viewer, "notes:write");
    else if (!mayDeleteAny(ctx.viewer)) {
      throw appError("FORBIDDEN", 'Only its author, or someone whose role has the "notes:delete" permission, can delete this note.');
    }
    await ctx.db.delete("notes", note._id);
    return null;
  },
});
