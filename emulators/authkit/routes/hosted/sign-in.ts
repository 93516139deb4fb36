import { sendHtml } from "../../http/respond.ts";
import type { Ctx, Route } from "../../http/router.ts";
import { signInPage, signUpPage } from "../../pages/sign-in.ts";
import { burnPasswordCheck, hashPassword, passwordWeakness, verifyPassword } from "../../passwords.ts";
import { flowForForm, flowForPage, issueVerificationCode, proceed, rateLimited, text, stepUrl } from "./flow.ts";
import { redirect } from "../../http/respond.ts";
import { EmailTakenError } from "../../store.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function showSignIn(ctx: Ctx): void {
  const flow = flowForPage(ctx);
  if (flow) sendHtml(ctx.res, 200, signInPage(flow, { email: flow.loginHint }));
}

async function signIn(ctx: Ctx): Promise<void> {
  const posted = await flowForForm(ctx);
  if (!posted) return;
  const { flow, fields } = posted;
  const email = text(fields, "email").toLowerCase();
  const password = typeof fields.password === "string" ? fields.password : "";
  const again = (error: string, invalid: "email" | "password", status = 400) => {
    ctx.note(error);
    sendHtml(ctx.res, status, signInPage(flow, { email, error, invalid }));
  };
  if (!EMAIL.test(email)) return again("Enter your email address, e.g. alice@example.com.", "email");
  if (!password) return again("Enter your password.", "password");
  if (rateLimited(ctx, email, (error) => signInPage(flow, { email, error }))) return;

  const user = ctx.app.store.userByEmail(email);
  if (!user || !user.password_hash) {
    await burnPasswordCheck(password);
    return user
      ? again(`${email} has no password yet (it was created without one). Use "Forgot password?" to set one.`, "password")
      : again(`No account uses ${email}. Check the address, or create an account.`, "email");
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    return again(`Wrong password for ${email}. Try again, or reset your password.`, "password");
  }
  proceed(ctx, flow, user);
}

function showSignUp(ctx: Ctx): void {
  const flow = flowForPage(ctx);
  if (flow) sendHtml(ctx.res, 200, signUpPage(flow, { email: flow.loginHint }));
}

async function signUp(ctx: Ctx): Promise<void> {
  const posted = await flowForForm(ctx);
  if (!posted) return;
  const { flow, fields } = posted;
  const form = {
    email: text(fields, "email").toLowerCase(),
    firstName: text(fields, "first_name"),
    lastName: text(fields, "last_name"),
  };
  const password = typeof fields.password === "string" ? fields.password : "";
  const again = (error: string, invalid: "email" | "password" | "name") => {
    ctx.note(error);
    sendHtml(ctx.res, 400, signUpPage(flow, { ...form, error, invalid }));
  };
  if (!form.firstName || !form.lastName) return again("Enter your first and last name.", "name");
  if (form.firstName.length > 100 || form.lastName.length > 100) return again("Names can be at most 100 characters.", "name");
  if (!EMAIL.test(form.email) || form.email.length > 254) return again("Enter a valid email address, e.g. dana@example.com.", "email");
  const taken = () => again(`An account already uses ${form.email}. Sign in instead.`, "email");
  if (ctx.app.store.userByEmail(form.email)) return taken();
  const weakness = passwordWeakness(password, form.email);
  if (weakness) return again(weakness, "password");

  const passwordHash = await hashPassword(password);
  let user;
  try {
    // Checked again here: another sign-up for the same email may have finished while this one hashed.
    user = ctx.app.store.createUser({ email: form.email, passwordHash, firstName: form.firstName, lastName: form.lastName, emailVerified: false });
  } catch (error) {
    if (error instanceof EmailTakenError) return taken();
    throw error;
  }
  ctx.note(`created ${user.id} for ${user.email}`);
  flow.userId = user.id;
  flow.step = "verify-email";
  issueVerificationCode(ctx, user.email);
  redirect(ctx.res, stepUrl("/email-verification", flow), 303);
}

export const signInRoutes: Route[] = [
  { method: "GET", path: "/sign-in", kind: "page", handle: showSignIn },
  { method: "POST", path: "/sign-in", kind: "page", handle: signIn },
  { method: "GET", path: "/sign-up", kind: "page", handle: showSignUp },
  { method: "POST", path: "/sign-up", kind: "page", handle: signUp },
];
