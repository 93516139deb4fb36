import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { signInPage, signUpPage } from "../../pages/sign-in.ts";
import { burnPasswordCheck, hashPassword, passwordWeakness, verifyPassword } from "../../passwords.ts";
import { issueVerificationCode, proceed, underFailureLimit } from "../../sign-in/finish.ts";
import { flowForForm, flowForPage, stepUrl, text } from "../../sign-in/forms.ts";
import { EmailTakenError } from "../../store.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function showSignIn(c: Ctx): Response {
  const page = flowForPage(c);
  return page.flow ? html(c, 200, signInPage(page.flow, { email: page.flow.loginHint })) : page.response;
}

export async function signIn(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const email = text(fields, "email").toLowerCase();
  const password = typeof fields.password === "string" ? fields.password : "";
  const again = (error: string, invalid: "email" | "password") => {
    note(c, error);
    return html(c, 400, signInPage(flow, { email, error, invalid }));
  };
  if (!EMAIL.test(email)) return again("Enter your email address, e.g. alice@example.com.", "email");
  if (!password) return again("Enter your password.", "password");
  return underFailureLimit(c, email, (error) => signInPage(flow, { email, error }), async (attempt) => {
    const user = c.var.app.store.userByEmail(email);
    if (!user || !user.password_hash) {
      await burnPasswordCheck(password);
      return user
        ? again(`${email} has no password yet (it was created without one). Use "Forgot password?" to set one.`, "password")
        : again(`No account uses ${email}. Check the address, or create an account.`, "email");
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      return again(`Wrong password for ${email}. Try again, or reset your password.`, "password");
    }
    attempt.succeed(user.email_verified);
    return proceed(c, flow, user);
  });
}

export function showSignUp(c: Ctx): Response {
  const page = flowForPage(c);
  return page.flow ? html(c, 200, signUpPage(page.flow, { email: page.flow.loginHint })) : page.response;
}

export async function signUp(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const form = {
    email: text(fields, "email").toLowerCase(),
    firstName: text(fields, "first_name"),
    lastName: text(fields, "last_name"),
  };
  const password = typeof fields.password === "string" ? fields.password : "";
  const again = (error: string, invalid: "email" | "password" | "name") => {
    note(c, error);
    return html(c, 400, signUpPage(flow, { ...form, error, invalid }));
  };
  if (!form.firstName || !form.lastName) return again("Enter your first and last name.", "name");
  if (form.firstName.length > 100 || form.lastName.length > 100) return again("Names can be at most 100 characters.", "name");
  if (!EMAIL.test(form.email) || form.email.length > 254) return again("Enter a valid email address, e.g. dana@example.com.", "email");
  const taken = () => again(`An account already uses ${form.email}. Sign in instead.`, "email");
  if (c.var.app.store.userByEmail(form.email)) return taken();
  const weakness = passwordWeakness(password, form.email);
  if (weakness) return again(weakness, "password");

  const passwordHash = await hashPassword(password);
  let user;
  try {
    // Checked again here: another sign-up for the same email may have finished while this one hashed.
    user = c.var.app.store.createUser({ email: form.email, passwordHash, firstName: form.firstName, lastName: form.lastName, emailVerified: false });
  } catch (error) {
    if (error instanceof EmailTakenError) return taken();
    throw error;
  }
  note(c, `created ${user.id} for ${user.email}`);
  flow.userId = user.id;
  flow.step = "verify-email";
  issueVerificationCode(c, user.email);
  return redirect(c, stepUrl("/email-verification", flow), 303);
}
