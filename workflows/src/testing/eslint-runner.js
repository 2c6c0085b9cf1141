// Runs ESLint's Node API (`new ESLint({ cwd })`, lintText, lintFiles, calculateConfigForFile) in a
// plain Node process for lint.test.ts: jest's module sandbox cannot load the flat config
// (eslint.config.mjs is ES modules, which jest only imports under --experimental-vm-modules).
// Input: one JSON argument { cwd, cases }; output: one JSON array on stdout, one entry per case.
const { ESLint } = require('eslint');

async function main() {
  const { cwd, cases } = JSON.parse(process.argv[2]);
  const eslint = new ESLint({ cwd });
  const summary = (results) =>
    results.flatMap((r) => r.messages.map((m) => ({ filePath: r.filePath, line: m.line, column: m.column, ruleId: m.ruleId, severity: m.severity, message: m.message })));
  const out = [];
  for (const c of cases) {
    if (c.kind === 'text') out.push(summary(await eslint.lintText(c.code, { filePath: c.filePath })));
    else if (c.kind === 'files') out.push(summary(await eslint.lintFiles(c.files)));
    else if (c.kind === 'config') out.push((await eslint.calculateConfigForFile(c.filePath))?.rules?.[c.rule] ?? null);
    else throw new Error(`unknown case ${c.kind}`);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
