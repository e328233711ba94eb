// Bundles src/main.ts into ../wwwroot/dist/app.js. `node build.mjs --watch` rebuilds on change.
import * as esbuild from "esbuild";
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
  const result = await esbuild.build({ ...options, metafile: true });
  const out = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith("app.js"));
  console.log(`client bundle: ${path.relative(process.cwd(), path.resolve(here, out[0]))} (${(out[1].bytes / 1024).toFixed(1)} KiB)`);
}
