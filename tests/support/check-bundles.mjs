// esbuild with --packages=external silently leaves an unresolvable "@/..." import as a package
// import; fail the build instead of shipping a bundle that crashes at start.
import fs from "node:fs";

let bad = false;
for (const file of ["dist/cli.mjs", "dist/worker.mjs"]) {
  const unresolved = fs.readFileSync(file, "utf8").match(/from\s+["']@\/[^"']+["']/g) ?? [];
  for (const match of unresolved) {
    console.error(`${file}: unresolved project import ${match}`);
    bad = true;
  }
}
process.exit(bad ? 1 : 0);
