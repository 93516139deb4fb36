import type { ReactNode } from "react";
import { PortalButton, type Navigate } from "./portal-button";
import { CONNECTION_STATES, DIRECTORY_STATES, DOMAIN_STATES, type OrganizationSettings } from "./settings-labels";

function Section({ id, title, children, action }: { id: string; title: string; children: ReactNode; action: ReactNode }) {
  return (
    <section className="card settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      {action}
    </section>
  );
}

/**
 * The organization's domains, SSO connections and directories, each with the Admin Portal
 * button that sets it up. What the portal changes comes back through WorkOS's webhooks, so these
 * lists update by themselves when the admin returns.
 */
export function SettingsSections({ settings, navigate }: { settings: OrganizationSettings; navigate?: Navigate }) {
  const { domains, connections, directories } = settings;
  return (
    <>
      <Section id="domains-title" title="Domains" action={<PortalButton intent="domain_verification" label="Verify a domain" navigate={navigate} />}>
        {domains.length === 0 ? (
          <p className="muted">No domains yet. A verified domain lets SSO and directory users of that domain join this organization.</p>
        ) : (
          <ul className="settings-list" aria-labelledby="domains-title">
            {domains.map((d) => (
              <li key={d.id}>
                <span className="settings-name">{d.domain}</span> <span className="badge">{DOMAIN_STATES[d.state]}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="sso-title" title="Single sign-on" action={<PortalButton intent="sso" label="Set up SSO" navigate={navigate} />}>
        {connections.length === 0 ? (
          <p className="muted">No SSO connection. Members sign in with their email and password or a code.</p>
        ) : (
          <ul className="settings-list" aria-labelledby="sso-title">
            {connections.map((c) => (
              <li key={c.id}>
                <span className="settings-name">{c.name}</span> <span className="muted">({c.type})</span>{" "}
                <span className="badge">{CONNECTION_STATES[c.state]}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="directory-title" title="Directory sync" action={<PortalButton intent="dsync" label="Set up directory sync" navigate={navigate} />}>
        {directories.length === 0 ? (
          <p className="muted">No directory. With one, your identity provider adds and removes members here, and a removed person loses access at once.</p>
        ) : (
          <ul className="settings-list" aria-labelledby="directory-title">
            {directories.map((d) => (
              <li key={d.id}>
                <span className="settings-name">{d.name}</span> <span className="muted">({d.type})</span>{" "}
                <span className="badge">{DIRECTORY_STATES[d.state]}</span>{" "}
                <span>
                  {d.activeUsers} {d.activeUsers === 1 ? "active user" : "active users"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
