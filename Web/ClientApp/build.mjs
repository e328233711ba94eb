// Type-checks src/ (tsc, no output) and bundles src/main.ts into ../wwwroot/dist/app.js, with the CSS
// it imports (xterm.js's) in ../wwwroot/dist/app.css. `node build.mjs --watch` rebuilds on change
// without the type check (run `npm run check` beside it).
import * as esbuild from "esbuild";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes("--watch");

const options = {
  absWorkingDir: here,
  entryPoints: ["src/main.ts"],
  outfile: "../wwwroot/dist/app.js",
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["es2020"],
  minify: !watch,
  sourcemap: "linked",
  legalComments: "linked",
  logLevel: "warning",
};

if (watch) {
  const ctx = await esbuild.context({ ...options, logLevel: "info" });
  await ctx.watch();
} else {
  typeCheck();
  const result = await esbuild.build({ ...options, metafile: true });
  const out = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith("app.js"));
  console.log(`client bundle: ${path.relative(process.cwd(), path.resolve(here, out[0]))} (${(out[1].bytes / 1024).toFixed(1)} KiB)`);
}

function typeCheck() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", here], { stdio: "inherit" });
  } catch {
    console.error("client type check failed (tsc -p Web/ClientApp)");
    process.exit(1);
  }
}
