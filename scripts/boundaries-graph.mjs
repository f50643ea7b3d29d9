// @ts-check
// The library graph that .dependency-cruiser.js enforces, kept true in docs/architecture.md ("Boundaries"):
//   node scripts/boundaries-graph.mjs          fails when the doc's graph or table differs from the rules
//                                              (part of `npm run check`)
//   node scripts/boundaries-graph.mjs --write  rewrites the generated graph; the table is edited by hand
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DOC = new URL('../docs/architecture.md', import.meta.url);
const BEGIN =
  '<!-- boundaries-graph: generated from .dependency-cruiser.js by scripts/boundaries-graph.mjs -->';
const END = '<!-- /boundaries-graph -->';

/** @typedef {{ name: string, from: { path?: string }, to: { pathNot?: string } }} Rule */

/** library → what it may import, read back from the `<lib>-imports-only-…` rules, in their order. */
function allowedImports() {
  /** @type {{ forbidden: Rule[] }} */
  const { forbidden } = require('../.dependency-cruiser.js');
  /** @type {Map<string, string[]>} */
  const allowed = new Map();
  for (const rule of forbidden) {
    const lib = /^\^libs\/([^/]+)\/$/.exec(rule.from.path ?? '')?.[1];
    const targets = /^\^libs\/\((.*)\)\/$/.exec(rule.to.pathNot ?? '')?.[1];
    if (!rule.name.includes('-imports-only-') || !lib || targets === undefined) continue;
    allowed.set(
      lib,
      targets.split('|').filter((target) => target !== lib),
    );
  }
  if (allowed.size === 0) throw new Error('no `<lib>-imports-only-…` rule found in .dependency-cruiser.js');
  return allowed;
}

/** A mermaid flowchart: arrows from each library to what it may import (`a --> b & c` is two arrows). */
function mermaid(/** @type {Map<string, string[]>} */ allowed) {
  const id = (/** @type {string} */ lib) => lib.replaceAll('-', '_');
  const lines = ['```mermaid', 'flowchart LR'];
  for (const lib of allowed.keys()) lines.push(`  ${id(lib)}[${lib}]`);
  for (const [lib, targets] of allowed) {
    const whole = targets.filter((target) => !target.includes('/'));
    if (whole.length) lines.push(`  ${id(lib)} --> ${whole.map(id).join(' & ')}`);
    // A path inside a library (local-cluster → testing/src/embedded-mongo) is an arrow labelled with it.
    for (const [owner, ...inside] of targets.filter((t) => t.includes('/')).map((t) => t.split('/')))
      lines.push(`  ${id(lib)} -->|${inside.join('/')} only| ${id(owner)}`);
  }
  lines.push('```');
  return lines.join('\n');
}

/** The hand-written table's rows: library → the libraries its second cell names (asides in parentheses). */
function tableRows(/** @type {string} */ section) {
  /** @type {Map<string, string[]>} */
  const rows = new Map();
  for (const [, lib, cell] of section.matchAll(/^\| `([\w-]+)` +\| (.*?) +\|$/gm)) {
    const named = cell.replace(/\([^)]*\)/g, '').trim();
    rows.set(
      lib,
      named.startsWith('nothing') ? [] : named.split(',').map((name) => name.trim().replaceAll('`', '')),
    );
  }
  return rows;
}

function tableDifferences(/** @type {Map<string, string[]>} */ allowed, /** @type {string} */ section) {
  const rows = tableRows(section);
  const problems = [];
  for (const [lib, targets] of allowed) {
    const row = rows.get(lib);
    if (!row) problems.push(`the table has no row for \`${lib}\``);
    else if ([...row].sort().join() !== [...targets].sort().join())
      problems.push(
        `\`${lib}\`: the table says ${row.join(', ') || 'nothing'}; the rules say ${targets.join(', ')}`,
      );
  }
  for (const lib of rows.keys()) if (!allowed.has(lib)) problems.push(`the table's \`${lib}\` has no rule`);
  return problems;
}

const allowed = allowedImports();
const doc = readFileSync(DOC, 'utf8');
const [start, end] = [doc.indexOf(BEGIN), doc.indexOf(END)];
if (start < 0 || end < start) throw new Error(`docs/architecture.md lacks the markers ${BEGIN} … ${END}`);
const generated = `${BEGIN}\n\n${mermaid(allowed)}\n\n${END}`;
const current = doc.slice(start, end + END.length);
const section = doc.slice(
  doc.indexOf('## Boundaries'),
  doc.indexOf('\n## ', doc.indexOf('## Boundaries') + 1),
);

if (process.argv.includes('--write')) {
  writeFileSync(DOC, doc.slice(0, start) + generated + doc.slice(end + END.length));
  console.log('docs/architecture.md: boundaries graph rewritten from .dependency-cruiser.js');
}
const problems = [
  ...(current === generated || process.argv.includes('--write')
    ? []
    : ['the graph differs from the rules: run `node scripts/boundaries-graph.mjs --write`']),
  ...tableDifferences(allowed, section),
];
if (problems.length) {
  console.error(
    `docs/architecture.md "Boundaries" is out of step with .dependency-cruiser.js:\n- ${problems.join('\n- ')}`,
  );
  process.exit(1);
}
