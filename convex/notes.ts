import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { appError, requirePermission, viewerMutation, viewerQuery, type Viewer } from "./functions";
import { NOTES_PAGE_MAX, noteTextProblem } from "./limits";
import { ensureUser, findUser } from "./users";

// Inside an organization the role's permissions apply; a user without one owns their notes outright.
function requireNotesPermission(viewer: Viewer, permission: "notes:read" | "notes:write") {
  if (viewer.orgId !== null) requirePermission(viewer, permission);
}

function cleanText(text: string): string {
  const problem = noteTextProblem(text);
  if (problem !== null) throw appError("INVALID_ARGUMENT", problem);
  return text.trim();
}

/** The caller's own note in the organization they are signed in to, or a NOT_FOUND error. */
async function ownNote(ctx: MutationCtx, viewer: Viewer, noteId: Id<"notes">): Promise<Doc<"notes">> {
  const user = await findUser(ctx, viewer);
  const note = await ctx.db.get("notes", noteId);
  // Someone else's note and a missing one look the same, so ids reveal nothing.
  if (note === null || user === null || note.ownerId !== user._id || (note.orgId ?? null) !== viewer.orgId) {
    throw appError("NOT_FOUND", "This note does not exist or is not yours. Reload the list and try again.");
  }
  return note;
}

/** The caller's notes in their current organization, newest first, a page at a time. */
export const list = viewerQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    requireNotesPermission(ctx.viewer, "notes:read");
    if (!(paginationOpts.numItems >= 1 && paginationOpts.numItems <= NOTES_PAGE_MAX)) {
      throw appError("INVALID_ARGUMENT", `A page holds 1 to ${NOTES_PAGE_MAX} notes; ${paginationOpts.numItems} were asked for.`);
    }
    const user = await findUser(ctx, ctx.viewer);
    if (user === null) return { page: [], isDone: true, continueCursor: "" };
    return await ctx.db
      .query("notes")
      .withIndex("by_owner_and_org", (q) =>
        q.eq("ownerId", user._id).eq("orgId", ctx.viewer.orgId ?? undefined),
      )
      .order("desc")
      .paginate(paginationOpts);
  },
});

export const add = viewerMutation({
  args: { text: v.string() },
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

export const update = viewerMutation({
  args: { noteId: v.id("notes"), text: v.string() },
  handler: async (ctx, { noteId, text }) => {
    requireNotesPermission(ctx.viewer, "notes:write");
    const note = await ownNote(ctx, ctx.viewer, noteId);
    await ctx.db.patch("notes", note._id, { text: cleanText(text), updatedAt: Date.now() });
    return null;
  },
});

export const remove = viewerMutation({
  args: { noteId: v.id("notes") },
  handler: async (ctx, { noteId }) => {
    requireNotesPermission(ctx.viewer, "notes:write");
    const note = await ownNote(ctx, ctx.viewer, noteId);
    await ctx.db.delete("notes", note._id);
    return null;
  },
});
