import { expect, test } from "./fixtures.ts";
import { signUp, welcome } from "./support/flows.ts";
import { newUser } from "./support/users.ts";

test("a new user signs up on the hosted page, verifies the emailed code and is greeted by name from Convex", async ({ page, stack }) => {
  const person = newUser("Dana", "Diaz");
  await signUp(page, stack.authkitUrl, person);

  await expect(welcome(page, person)).toBeVisible();
  await expect(page).toHaveURL(`${stack.appUrl}/app`);
});
