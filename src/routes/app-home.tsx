import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { InlineStatus } from "../components/InlineStatus";
import { NotesPanel } from "../features/notes/NotesPanel";

/** `/app`: the signed-in home — a greeting read from Convex, and the user's notes. */
export default function AppHomePage() {
  const me = useQuery(api.users.me, {});

  return (
    <main className="page">
      {me === undefined ? (
        <InlineStatus kind="loading">Loading your profile…</InlineStatus>
      ) : me.user === null ? (
        <>
          <h1>Welcome</h1>
          <InlineStatus kind="loading">Setting up your account…</InlineStatus>
        </>
      ) : (
        <h1>{me.user.name || me.user.email ? `Welcome, ${me.user.name ?? me.user.email}` : "Welcome"}</h1>
      )}
      <NotesPanel />
    </main>
  );
}
