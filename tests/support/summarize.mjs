// Adds up the JSON reports of vitest and Playwright into one closing line: "N passed, N failed".
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const suite of ["unit", "integration"]) {
  const file = path.join(dir, `${suite}.json`);
  if (!fs.existsSync(file)) {
    lines.push(`${suite}: no report (the run did not complete)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  lines.push(`${suite}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}

const e2eFile = path.join(dir, "e2e.json");
if (fs.existsSync(e2eFile)) {
  const { stats } = JSON.parse(fs.readFileSync(e2eFile, "utf8"));
  const f = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  lines.push(`e2e: ${stats.expected ?? 0} passed, ${f} failed, ${stats.skipped ?? 0} skipped`);
  passed += stats.expected ?? 0;
  failed += f;
  skipped += stats.skipped ?? 0;
} else {
  lines.push("e2e: no report (the build or the run did not complete)");
  failed += 1;
}

for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
