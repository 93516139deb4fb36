/**
 * The one stylesheet of the hosted pages. Its colour and shape tokens are the app's own
 * (`src/styles.css`, light and dark), so the hosted sign-in looks like the app it returns to and
 * follows the system's colour scheme the same way; `styles.test.ts` fails when the two drift.
 */
const LIGHT_TOKENS = `
  --color-text: #1c1f2b; --color-muted: #5b6275; --color-bg: #f6f7fb; --color-surface: #ffffff;
  --color-border: #d9dce6; --color-accent: #3b4cca; --color-accent-text: #ffffff; --color-danger: #b42318;
  --color-focus: #ff9f1c; --color-accent-tint: rgb(59 76 202 / 0.1); --radius: 8px;`;
const DARK_TOKENS = `
  --color-text: #e7e9f1; --color-muted: #a8aec0; --color-bg: #11131a; --color-surface: #1b1e29;
  --color-border: #363b4e; --color-accent: #9aa6ff; --color-accent-text: #10132a; --color-danger: #ff8e84;
  --color-focus: #ffb24d; --color-accent-tint: rgb(154 166 255 / 0.14);`;

export const STYLES = `
:root { color-scheme: light dark; ${LIGHT_TOKENS} }
@media (prefers-color-scheme: dark) { :root { ${DARK_TOKENS} } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--color-text); background: var(--color-bg); }
.banner { background: var(--color-accent-tint); color: var(--color-text); border-bottom: 1px solid var(--color-border); padding: .5rem 1rem; font-size: .875rem; text-align: center; }
main { width: min(26rem, calc(100% - 2rem)); margin: 2.5rem auto; background: var(--color-surface); border: 1px solid var(--color-border); border-radius: var(--radius); padding: clamp(1.25rem, 5vw, 2rem); }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1.25rem; overflow-wrap: anywhere; }
p { margin: 0 0 1rem; }
.field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: 1rem; }
label { font-weight: 600; }
input, select { font: inherit; padding: .6rem .75rem; border: 1px solid var(--color-muted); border-radius: calc(var(--radius) - 2px); background: var(--color-surface); color: inherit; }
input[aria-invalid="true"] { border-color: var(--color-danger); }
.hint { color: var(--color-muted); font-size: .875rem; }
button { font: inherit; font-weight: 600; width: 100%; padding: .65rem; border: 0; border-radius: calc(var(--radius) - 2px); background: var(--color-accent); color: var(--color-accent-text); cursor: pointer; }
button.secondary { background: transparent; color: var(--color-accent); border: 1px solid var(--color-accent); margin-top: .75rem; }
.orgs { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.alert { color: var(--color-danger); background: transparent; border: 1px solid var(--color-danger); border-radius: calc(var(--radius) - 2px); padding: .6rem .75rem; }
.links { margin-top: 1.25rem; display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 1rem; font-size: .9375rem; }
a { color: var(--color-accent); }
:focus-visible { outline: 3px solid var(--color-focus); outline-offset: 2px; }
code { background: var(--color-bg); padding: 0 .25rem; border-radius: .25rem; }
pre { overflow-x: auto; background: var(--color-bg); padding: .5rem; border-radius: calc(var(--radius) - 2px); font-size: .8125rem; }
dt { font-weight: 600; } dd { margin: 0 0 .5rem; overflow-wrap: anywhere; }
a.button { display: block; text-align: center; font-weight: 600; padding: .65rem; border-radius: calc(var(--radius) - 2px); background: var(--color-accent); color: var(--color-accent-text); text-decoration: none; margin-top: 1rem; }
`;
