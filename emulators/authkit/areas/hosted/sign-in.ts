import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { passwordPage, signInPage, signUpPage, type SignUpField } from "../../pages/sign-in.ts";
import { burnPasswordCheck, hashPassword, passwordWeakness, verifyPassword } from "../../passwords.ts";
import { issueVerificationCode, proceed, underFailureLimit } from "../../sign-in/finish.ts";
import { flowForForm, flowForPage, stepUrl, text } from "../../sign-in/forms.ts";
import { flowInvitation, invitationEmailProblem, invitationNotice } from "../../sign-in/invitation.ts";
import { routedConnection, startSso } from "../../sign-in/sso.ts";
import { EmailTakenError } from "../../store.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** GET /sign-in: the email step, or the password step once the email is known (`step=email` goes back to the email). */
export function showSignIn(c: Ctx): Response {
  const page = flowForPage(c);
  if (!page.flow) return page.response;
  const { flow } = page;
  if (c.req.query("step") === "email") flow.email = undefined;
  if (flow.email && flow.step === "credentials") return html(c, 200, passwordPage(flow, { email: flow.email }));
  return html(c, 200, signInPage(flow, { email: flow.email ?? flow.loginHint, invitation: invitationNotice(c, flow) }));
}

/**
 * POST /sign-in: the email step (only `email`) routes an email of an SSO organization's domain to
 * its connection and any other to the password step; the password step (`email` and `password`)
 * checks the password. An email routed to SSO never gets a password check, even when one is sent.
 */
export async function signIn(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const email = text(fields, "email").toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    const error = "Enter your email address, e.g. alice@example.com.";
    note(c, error);
    return html(c, 400, signInPage(flow, { email, error }));
  }
  const mismatch = invitationEmailProblem(c, flow, email);
  if (mismatch) {
    note(c, mismatch);
    return html(c, 400, signInPage(flow, { email, error: mismatch, invitation: invitationNotice(c, flow) }));
  }
  const connection = routedConnection(c, flow, email);
  if (connection) {
    flow.email = email;
    return startSso(c, flow, connection, 303);
  }
  flow.step = "credentials";
  flow.email = email;
  if (!("password" in fields)) return redirect(c, stepUrl("/sign-in", flow), 303);
  const password = typeof fields.password === "string" ? fields.password : "";
  const again = (error: string) => {
    note(c, error);
    return html(c, 400, passwordPage(flow, { email, error, invalid: "password" }));
  };
  if (!password) return again("Enter your password.");
  return underFailureLimit(c, email, (error) => passwordPage(flow, { email, error }), async (attempt) => {
    const user = c.var.app.store.userByEmail(email);
    if (!user || !user.password_hash) {
      await burnPasswordCheck(password);
      if (user) return again(`${email} has no password yet (it was created without one). Use "Email me a code", or "Forgot password?" to set one.`);
      const error = `No account uses ${email}. Check the address, or create an account.`;
      note(c, error);
      flow.email = undefined;
      return html(c, 400, signInPage(flow, { email, error }));
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      return again(`Wrong password for ${email}. Try again, or reset your password.`);
    }
    attempt.succeed(user.email_verified);
    flow.authenticationMethod = "Password";
    return proceed(c, flow, user);
  });
}

export function showSignUp(c: Ctx): Response {
  const page = flowForPage(c);
  if (!page.flow) return page.response;
  const invitation = flowInvitation(c, page.flow);
  return html(c, 200, signUpPage(page.flow, { email: invitation?.email ?? page.flow.loginHint, invitation: invitationNotice(c, page.flow), emailLocked: !!invitation }));
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
  const invitation = flowInvitation(c, flow);
  type Problems = Partial<Record<SignUpField, string>>;
  const again = (problems: Problems) => {
    const error = Object.values(problems).join(" ");
    note(c, error);
    const invalid = Object.keys(problems) as SignUpField[];
    return html(c, 400, signUpPage(flow, { ...form, error, invalid, invitation: invitationNotice(c, flow), emailLocked: !!invitation }));
  };
  // Every field's problem at once, so a person fixes the form in one go rather than one per submit.
  const problems: Problems = {};
  if (!form.firstName || !form.lastName) problems.name = "Enter your first and last name.";
  else if (form.firstName.length > 100 || form.lastName.length > 100) problems.name = "Names can be at most 100 characters.";
  if (!EMAIL.test(form.email) || form.email.length > 254) problems.email = "Enter a valid email address, e.g. dana@example.com.";
  else {
    const mismatch = invitationEmailProblem(c, flow, form.email);
    if (mismatch) problems.email = mismatch;
  }
  // An SSO organization's people sign up through its identity provider, as they sign in: no password.
  const connection = problems.email ? undefined : routedConnection(c, flow, form.email);
  if (connection && !problems.name) return startSso(c, flow, connection, 303);
  const weakness = connection ? null : passwordWeakness(password, form.email);
  if (weakness) problems.password = weakness;
  if (Object.keys(problems).length > 0) return again(problems);
  const taken = () => again({ email: `An account already uses ${form.email}. Sign in instead.` });
  if (c.var.app.store.userByEmail(form.email)) return taken();

  const passwordHash = await hashPassword(password);
  let user;
  try {
    // Checked again here: another sign-up for the same email may have finished while this one hashed.
    user = c.var.app.store.createUser({ email: form.email, passwordHash, firstName: form.firstName, lastName: form.lastName, emailVerified: !!invitation });
  } catch (error) {
    if (error instanceof EmailTakenError) return taken();
    throw error;
  }
  note(c, `created ${user.id} for ${user.email}`);
  flow.authenticationMethod = "Password";
  // The invitation reached this address, so it needs no verification code.
  if (invitation) return proceed(c, flow, user);
  flow.userId = user.id;
  flow.step = "verify-email";
  issueVerificationCode(c, user.email);
  return redirect(c, stepUrl("/email-verification", flow), 303);
}
