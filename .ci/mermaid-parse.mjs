// Parses Argmap's Mermaid exports with mermaid's own parser (the npm
// package, with jsdom standing in for a browser) and checks that each
// flowchart has one vertex per statement and inference of its map (the
// NAME.argmap.json beside NAME.mmd).
// Usage: node mermaid-parse.mjs NODE_TOOLS_DIR FILE.mmd...
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [toolsDir, ...files] = process.argv.slice(2);
const require = createRequire(path.join(toolsDir, "package.json"));
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(require.resolve("mermaid"))).default;
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const native = JSON.parse(fs.readFileSync(file.replace(/\.mmd$/, ".argmap.json"), "utf8"));
  const want = native.statements.length + native.inferences.length;
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = diagram.db.getVertices();
    const got = vertices.size ?? Object.keys(vertices).length;
    if (got !== want) {
      failed++;
      console.log(`FAIL ${path.basename(file)}: mermaid read ${got} vertices, the map has ${want}`);
    }
  } catch (err) {
    failed++;
    console.log(`FAIL ${path.basename(file)}: ${String(err.message || err).slice(0, 400)}`);
  }
}
const version = require("mermaid/package.json").version;
console.log(`Mermaid (mermaid ${version}): ${files.length} files parsed, ${failed} failed`);
process.exit(failed ? 1 : 0);
