#!/usr/bin/env node
/**
 * `npm run security`: Electronegativity over src/, offline, failing on any HIGH or MEDIUM
 * finding. A finding may be silenced only by an `eng-disable CHECK` comment on its line that
 * carries a justification: `— reason` after the check names, or a `// Justified …` comment
 * within the few lines above. This script checks that rule too, then prints a summary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const FAIL_ON = new Set(['HIGH', 'MEDIUM']);
// Looks up Electron's release notes on GitHub: needs the network, and the version is pinned.
const ONLINE_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
// Electronegativity fetches translations with `got` at start; with no network allowed, every
// outgoing request fails at once instead of waiting for a timeout.
const OFFLINE = `data:text/javascript,${encodeURIComponent(`
import http from 'node:http';
import https from 'node:https';
for (const m of [http, https]) {
  m.request = m.get = () => { throw Object.assign(new Error('offline: security scan makes no requests'), { code: 'ENETUNREACH' }); };
}`)}`;

function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(range);
  if (!match) throw new Error(`Cannot read Electron's version from package.json (“${range}”).`);
  return match.slice(1, 4).join('.');
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ''));
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|js|mjs|cjs|html|svelte)$/.test(name)) yield path;
  }
}

/** eng-disable comments without a written reason (same line after “—”, or `// Justified` above). */
function unjustifiedDisables() {
  const bad = [];
  for (const file of sourceFiles(SRC)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!/eng-disable\s+\w/.test(line)) return;
      const sameLine = /eng-disable[\w\s]+—\s*\S+(\s+\S+){2,}/.test(line);
      const above = lines.slice(Math.max(0, i - 4), i).some((l) => /^\s*\/\/ Justified\b/.test(l));
      if (!sameLine && !above) bad.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  return bad;
}

const require = createRequire(import.meta.url);
const cli = join(
  require.resolve('@doyensec/electronegativity/package.json').replace(/package\.json$/, ''),
  'dist/index.js',
);
const outDir = mkdtempSync(join(tmpdir(), 'clipbook-eng-'));
const csvPath = join(outDir, 'findings.csv');
const version = electronVersion();
try {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      OFFLINE,
      cli,
      '-i',
      SRC,
      '-r',
      '-e',
      version,
      '-x',
      ONLINE_CHECKS.join(','),
      '-o',
      csvPath,
      '-v',
      'false',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' } },
  );
  let csv;
  try {
    csv = readFileSync(csvPath, 'utf8');
  } catch {
    process.stderr.write(run.stdout + run.stderr);
    console.error(`security: Electronegativity produced no report (exit ${run.status}).`);
    process.exit(2);
  }
  const [header = [], ...rows] = parseCsv(csv);
  const col = (name) => header.findIndex((h) => h.toLowerCase() === name);
  const [issue, severity, confidence, file, location] = [
    'issue',
    'severity',
    'confidence',
    'filename',
    'location',
  ].map(col);
  const findings = rows.map((r) => ({
    issue: r[issue],
    severity: (r[severity] ?? '').toUpperCase(),
    confidence: r[confidence],
    where: `src/${r[file]}:${r[location]}`,
  }));
  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const blocking = findings.filter((f) => FAIL_ON.has(f.severity));
  const unjustified = unjustifiedDisables();

  console.log(`Electronegativity (Electron ${version}, offline) over src/:`);
  console.log(
    `  findings: ${findings.length} (${
      Object.entries(counts)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ') || 'none'
    }); silenced with a justification: see eng-disable comments`,
  );
  for (const f of findings) {
    console.log(`  ${FAIL_ON.has(f.severity) ? '✗' : '·'} ${f.severity} ${f.issue} ${f.where}`);
  }
  for (const line of unjustified) console.log(`  ✗ eng-disable without a justification: ${line}`);
  if (blocking.length || unjustified.length) {
    console.error(
      `security: ${blocking.length} HIGH/MEDIUM finding(s), ${unjustified.length} unjustified eng-disable comment(s). Fix the code, or add \`eng-disable CHECK — reason\` on the line.`,
    );
    process.exit(1);
  }
  console.log('security: no HIGH or MEDIUM findings.');
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
