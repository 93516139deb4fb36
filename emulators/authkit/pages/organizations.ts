import { flowFields } from "./fields.ts";
import { alert, esc, layout } from "./layout.ts";

export function organizationPickerPage(
  flow: { id: string; csrfToken: string },
  organizations: { id: string; name: string }[],
  error?: string,
): string {
  const items = organizations
    .map((org) => `<li><button type="submit" name="organization_id" value="${esc(org.id)}">${esc(org.name)}</button></li>`)
    .join("\n");
  return layout(
    "Choose an organization",
    `<p id="orgs-help">You belong to several organizations. Which one do you want to sign in to?</p>
${alert(error)}
<form method="post" action="/organization-selection" aria-describedby="orgs-help">
${flowFields(flow)}
<ul class="orgs">
${items}
</ul>
</form>`,
  );
}
