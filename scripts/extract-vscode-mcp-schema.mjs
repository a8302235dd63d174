#!/usr/bin/env node
// Extracts the JSON Schema that VS Code registers for mcp.json ("vscode://schemas/mcp") from code-server's
// workbench bundle into test/fixtures/manifest/vscode-mcp-schema.json, which the unit tests compare the
// project's own schema against.
//
// Run it again whenever CODE_SERVER_VERSION in scripts/ensure-toolchain.mjs changes (a unit test fails until then):
//   node scripts/ensure-toolchain.mjs            (installs code-server under .vscode-test/)
//   node scripts/extract-vscode-mcp-schema.mjs   [path/to/node_modules/code-server]
// then run test/unit/manifest/vscodeSchema.test.ts and commit the fixture. The fixture records the
// code-server and VS Code versions it came from.
//
// How: the bundle is parsed with TypeScript's parser (no regex over the code). The script finds the string
// "vscode://schemas/mcp", the registerSchema(<that id>, <schema>) call, and the declarations the schema
// expression needs (sub-schemas, helper arrow functions), and evaluates them in an empty VM context.
// Localized strings (`localize(index, null)` in the built bundle) are looked up in out/nls.messages.json.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import ts from 'typescript';
import { CODE_SERVER_VERSION, codeServerPackageDir } from './ensure-toolchain.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCHEMA_ID = 'vscode://schemas/mcp';
const OUT = path.join(ROOT, 'test/fixtures/manifest/vscode-mcp-schema.json');

function fail(message) {
  process.stderr.write(`extract-vscode-mcp-schema: ${message}\n`);
  process.exit(1);
}

/** The code-server the tests run (scripts/ensure-toolchain.mjs pins its version), or the one given. */
function findCodeServer() {
  if (process.argv[2]) return path.resolve(process.argv[2]);
  const dir = codeServerPackageDir();
  if (!existsSync(dir)) fail(`code-server ${CODE_SERVER_VERSION} is not installed; run "node scripts/ensure-toolchain.mjs" first.`);
  return dir;
}

const codeServer = findCodeServer();
const vscodeDir = path.join(codeServer, 'lib', 'vscode');
const bundleFile = path.join(vscodeDir, 'out/vs/code/browser/workbench/workbench.js');
if (!existsSync(bundleFile)) fail(`${bundleFile} does not exist.`);
const codeServerVersion = JSON.parse(readFileSync(path.join(codeServer, 'package.json'), 'utf8')).version;
const vscodeVersion = JSON.parse(readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')).version;
const messages = JSON.parse(readFileSync(path.join(vscodeDir, 'out/nls.messages.json'), 'utf8'));

const text = readFileSync(bundleFile, 'utf8');
const source = ts.createSourceFile(bundleFile, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

/** Every variable declaration with an initializer, by name. */
const declarations = new Map();
let idName;
const registerCalls = [];
(function visit(node) {
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
    const list = declarations.get(node.name.text) ?? [];
    list.push(node);
    declarations.set(node.name.text, list);
    if (ts.isStringLiteral(node.initializer) && node.initializer.text === SCHEMA_ID) idName = node.name.text;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'registerSchema') registerCalls.push(node);
  ts.forEachChild(node, visit);
})(source);
if (!idName) fail(`"${SCHEMA_ID}" is not declared in the bundle.`);
const call = registerCalls.find((c) => c.arguments.length >= 2 && ts.isIdentifier(c.arguments[0]) && c.arguments[0].text === idName);
if (!call) fail(`no registerSchema(${idName}, ...) call for "${SCHEMA_ID}".`);

function scopeOf(node) {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  return source;
}

/** The declaration a reference resolves to: the one in the innermost function scope around the reference. */
function resolve(name, at) {
  const candidates = (declarations.get(name) ?? []).filter((d) => {
    const s = scopeOf(d);
    return ts.isSourceFile(s) || (s.pos <= at.pos && at.end <= s.end);
  });
  candidates.sort((a, b) => scopeOf(b).pos - scopeOf(a).pos);
  return candidates[0];
}

/** Identifiers an expression reads from outside itself (property names and its own parameters excluded). */
function freeIdentifiers(expr) {
  const locals = new Set();
  const refs = [];
  (function visit(n) {
    if (ts.isParameter(n) && ts.isIdentifier(n.name)) locals.add(n.name.text);
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || ts.isParameter(p);
      if (!isName) refs.push(n);
    }
    ts.forEachChild(n, visit);
  })(expr);
  return refs.filter((r) => !locals.has(r.text));
}

/** `localize(12345, null, ...)`: the callee of a call whose first argument is a number and second null. */
function isLocalizeCall(n) {
  return ts.isCallExpression(n.parent) && n.parent.expression === n && n.parent.arguments.length >= 2 && ts.isNumericLiteral(n.parent.arguments[0]) && n.parent.arguments[1].kind === ts.SyntaxKind.NullKeyword;
}

const localizeNames = new Set();
const ordered = [];
const seen = new Set();
function include(decl) {
  if (seen.has(decl)) return;
  seen.add(decl);
  for (const ref of freeIdentifiers(decl.initializer)) {
    if (isLocalizeCall(ref)) {
      localizeNames.add(ref.text);
      continue;
    }
    const d = resolve(ref.text, ref);
    if (d && d !== decl) include(d);
  }
  ordered.push(decl);
}
const schemaArg = call.arguments[1];
if (!ts.isIdentifier(schemaArg)) fail('the schema argument of registerSchema is not a variable.');
const schemaDecl = resolve(schemaArg.text, call);
if (!schemaDecl) fail(`no declaration of ${schemaArg.text}.`);
include(schemaDecl);

const localize = (index, _original, ...args) => String(messages[index]).replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? String(args[i]) : m));
const program = [
  ...[...localizeNames].map((n) => `const ${n} = __localize;`),
  ...ordered.map((d) => `const ${d.name.text} = ${d.initializer.getText(source)};`),
  `JSON.stringify(${schemaDecl.name.text});`,
].join('\n');
let schema;
try {
  schema = JSON.parse(vm.runInNewContext(program, { __localize: localize }, { timeout: 5000 }));
} catch (e) {
  fail(`evaluating the schema failed: ${e.message}`);
}
if (schema.id !== SCHEMA_ID || !schema.properties?.servers) fail('the extracted object does not look like the mcp.json schema.');

mkdirSync(path.dirname(OUT), { recursive: true });
const fixture = {
  $comment: 'Generated by scripts/extract-vscode-mcp-schema.mjs from code-server\'s workbench bundle; do not edit. Re-run it when the code-server version changes.',
  codeServerVersion,
  vscodeVersion,
  schemaId: SCHEMA_ID,
  schema,
};
writeFileSync(OUT, JSON.stringify(fixture, null, 2) + '\n');
process.stdout.write(`${path.relative(ROOT, OUT)}: VS Code ${vscodeVersion} (code-server ${codeServerVersion}), ${ordered.length} declarations evaluated\n`);
