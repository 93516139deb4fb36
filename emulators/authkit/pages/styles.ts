/** The one stylesheet of the hosted pages: a few variables, readable contrast, a visible focus ring. */
export const STYLES = `
:root { --ink: #1b1f24; --muted: #57606a; --accent: #4338ca; --danger: #b42318; --line: #d0d7de; --paper: #ffffff; --wash: #f3f4f8; --focus: #f59e0b; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--wash); }
.banner { background: #312e81; color: #fff; padding: .5rem 1rem; font-size: .875rem; text-align: center; }
main { max-width: 26rem; margin: 2.5rem auto; background: var(--paper); border: 1px solid var(--line); border-radius: .75rem; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 1.25rem; }
p { margin: 0 0 1rem; }
.field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: 1rem; }
label { font-weight: 600; }
input { font: inherit; padding: .6rem .75rem; border: 1px solid var(--muted); border-radius: .375rem; }
input[aria-invalid="true"] { border-color: var(--danger); }
.hint { color: var(--muted); font-size: .875rem; }
button { font: inherit; font-weight: 600; width: 100%; padding: .65rem; border: 0; border-radius: .375rem; background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); border: 1px solid var(--accent); margin-top: .75rem; }
.orgs { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.alert { color: var(--danger); background: #fef3f2; border: 1px solid #fecdca; border-radius: .375rem; padding: .6rem .75rem; }
.links { margin-top: 1.25rem; display: flex; justify-content: space-between; gap: 1rem; font-size: .9375rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
code { background: var(--wash); padding: 0 .25rem; border-radius: .25rem; }
select { font: inherit; padding: .6rem .75rem; border: 1px solid var(--muted); border-radius: .375rem; background: var(--paper); color: inherit; }
select:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
pre { overflow-x: auto; background: var(--wash); padding: .5rem; border-radius: .375rem; font-size: .8125rem; }
dt { font-weight: 600; } dd { margin: 0 0 .5rem; overflow-wrap: anywhere; }
a.button { display: block; text-align: center; font-weight: 600; padding: .65rem; border-radius: .375rem; background: var(--accent); color: #fff; text-decoration: none; margin-top: 1rem; }
`;
