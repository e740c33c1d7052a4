// `make package`: the KustomerWidget static resource, from the Case page's release module.
//
//   node www/hosts/salesforce/package-frame.mjs dist/conversation <static resource folder>
//
// The frame may run sandboxed with the origin "null", where a module script and a fetch of
// the .wasm are cross-origin requests that a static resource (served without CORS headers)
// fails. Classic scripts load without CORS, so the release module goes in as one classic
// script: wasm-bindgen's ES module glue with its exports gathered into one global,
// KustomerWidgetModule. The WebAssembly stays a file of its own: the component, which runs
// on the page's origin, reads it (an LWC that fetches its .wasm from a static resource:
// octoberswimmer/thunder, salesforce/lwc/thunder/thunder.js) and hands the bytes to the frame
// through its port; embedded in base64 it cost agents 43% more to download (209 KB gzipped
// against 146 KB). The module itself is unchanged; only its wrapping differs.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "acorn";

const GLOBAL = "KustomerWidgetModule";
const DEFAULT_LOCAL = "__kswDefaultExport";
export const CLASSIC_NAME = "kustomer-salesforce-widget.classic.js";
export const WASM_NAME = "kustomer-salesforce-widget_bg.wasm";

/** Every node under `node` (acorn's nodes are plain objects with a `type`). */
function* nodes(node) {
  if (!node || typeof node.type !== "string") return;
  yield node;
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === "object") yield* nodes(child);
    }
  }
}

/**
 * The ES module `source` as a classic script body, and its exports by name. Refuses what a
 * classic script cannot carry (imports, re-exports), naming it.
 */
export function classicBody(source) {
  const program = parse(source, { ecmaVersion: "latest", sourceType: "module" });
  if (source.includes(DEFAULT_LOCAL)) throw new Error(`the module already uses the name ${DEFAULT_LOCAL}`);
  const edits = []; // [start, end, replacement], applied from the end
  const exports = new Map(); // exported name -> local name
  for (const node of nodes(program)) {
    if (node.type === "ImportDeclaration" || node.type === "ImportExpression" || node.type === "ExportAllDeclaration") {
      throw new Error(`the module loads another module (${source.slice(node.start, node.end).slice(0, 60)}), which a classic script cannot`);
    }
    if (node.type === "MetaProperty") {
      // Only the glue's default address of the .wasm reads import.meta, and the frame
      // always passes the bytes.
      edits.push([node.start, node.end, "({ url: document.baseURI })"]);
    }
  }
  for (const node of program.body) {
    if (node.type === "ExportNamedDeclaration") {
      if (node.source) throw new Error("the module re-exports another module, which a classic script cannot");
      if (node.declaration) {
        edits.push([node.start, node.declaration.start, ""]);
        const declared = node.declaration.declarations?.map((d) => d.id) ?? [node.declaration.id];
        for (const id of declared) {
          if (id.type !== "Identifier") throw new Error("the module exports a destructured binding");
          exports.set(id.name, id.name);
        }
      } else {
        edits.push([node.start, node.end, ""]);
        for (const specifier of node.specifiers) {
          exports.set(specifier.exported.name ?? specifier.exported.value, specifier.local.name);
        }
      }
    } else if (node.type === "ExportDefaultDeclaration") {
      const named = node.declaration.id?.name;
      if (named) {
        edits.push([node.start, node.declaration.start, ""]);
        exports.set("default", named);
      } else {
        edits.push([node.start, node.declaration.start, `const ${DEFAULT_LOCAL} = `]);
        exports.set("default", DEFAULT_LOCAL);
      }
    }
  }
  let body = source;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) {
    body = body.slice(0, start) + replacement + body.slice(end);
  }
  return { body, exports };
}

/** The classic script: the glue's code, then the global with init and mount. */
export function classicScript(glue) {
  const { body, exports } = classicBody(glue);
  for (const name of ["default", "mount"]) {
    if (!exports.has(name)) throw new Error(`the module exports no ${name === "default" ? "default (init)" : name}`);
  }
  const script = [
    "// The Case page's release module as a classic script, written by `make package` from",
    "// dist/conversation/ (see www/hosts/salesforce/package-frame.mjs).",
    "(function () {",
    '"use strict";',
    body,
    `self.${GLOBAL} = Object.freeze({ init: ${exports.get("default")}, mount: ${exports.get("mount")} });`,
    "})();",
    "",
  ].join("\n");
  parse(script, { ecmaVersion: "latest", sourceType: "script" }); // throws if not a classic script
  return script;
}

async function main([moduleFolder, resource]) {
  if (!moduleFolder || !resource) {
    throw new Error("usage: node package-frame.mjs <release module folder, such as dist/conversation> <static resource folder>");
  }
  const frame = fileURLToPath(new URL("frame/", import.meta.url));
  const glue = await readFile(join(moduleFolder, "kustomer-salesforce-widget.js"), "utf8");
  await mkdir(resource, { recursive: true });
  await writeFile(join(resource, CLASSIC_NAME), classicScript(glue));
  // The WebAssembly as it is: the component reads it (same origin, no CORS needed) and
  // hands its bytes to the frame.
  await copyFile(join(moduleFolder, WASM_NAME), join(resource, WASM_NAME));
  for (const file of ["frame.html", "frame.js"]) await copyFile(join(frame, file), join(resource, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`package-frame: ${error.message}`);
    process.exit(1);
  });
}
