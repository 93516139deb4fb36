import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { getClaims, useAuth } from "@workos-inc/authkit-react";
import { useEffect, useState } from "react";
import { describe, expect, test } from "vitest";
import { renderWithAuth, testUser } from "./render-with-auth";

// A component that reads the session from the access token, as code that calls its own API does.
function TokenClaims() {
  const { getAccessToken, organizationId } = useAuth();
  const [claims, setClaims] = useState("");
  useEffect(() => {
    void getAccessToken().then((token) => {
      const { sub, org_id, role, permissions } = getClaims(token);
      setClaims(JSON.stringify({ sub, org_id, role, permissions }));
    });
  }, [getAccessToken, organizationId]);
  return <p>{claims}</p>;
}

describe("renderWithAuth", () => {
  test("the default access token carries the session it was given", async () => {
    const result = renderWithAuth(<TokenClaims />, {
      user: testUser({ id: "user_ada" }),
      organizationId: "org_acme",
      role: "admin",
      permissions: ["notes:read"],
    });
    expect(
      await screen.findByText('{"sub":"user_ada","org_id":"org_acme","role":"admin","permissions":["notes:read"]}'),
    ).toBeVisible();

    result.update({ user: testUser({ id: "user_ada" }), organizationId: "org_globex", role: "member", permissions: [] });
    expect(
      await screen.findByText('{"sub":"user_ada","org_id":"org_globex","role":"member","permissions":[]}'),
    ).toBeVisible();
  });

  test("getUser follows the session after update", async () => {
    function WhoAmI() {
      const { getUser } = useAuth();
      const [id, setId] = useState("");
      return <button onClick={() => setId(getUser()?.id ?? "nobody")}>{id || "Ask"}</button>;
    }
    const result = renderWithAuth(<WhoAmI />, { user: null });
    result.update({ user: testUser({ id: "user_bob" }) });
    await userEvent.click(screen.getByRole("button", { name: "Ask" }));
    expect(screen.getByRole("button")).toHaveTextContent("user_bob");
  });
});
