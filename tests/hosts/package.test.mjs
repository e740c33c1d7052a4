// `make package` (run before these tests by `make test-hosts`): what each admin installs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, stat, readFile } from "node:fs/promises";
import { runInNewContext } from "node:vm";
import { parse } from "acorn";

const root = new URL("../../package/", import.meta.url);
const resource = new URL("salesforce/force-app/main/default/staticresources/KustomerWidget/", root);

test("the Salesforce package carries the widget page and module as one static resource under 5 MB", async () => {
  const files = (await readdir(resource)).sort();
  // Classic scripts only, the WebAssembly inside one: a sandboxed frame (origin "null") may
  // load nothing that needs CORS (www/hosts/salesforce/package-frame.mjs).
  assert.deepEqual(files, ["frame.html", "frame.js", "kustomer-salesforce-widget.classic.js", "kustomer-salesforce-widget_bg.wasm"]);
  let bytes = 0;
  for (const file of files) bytes += (await stat(new URL(file, resource))).size;
  assert.ok(bytes < 5 * 1024 * 1024, `${bytes} bytes`);
  const meta = await readFile(new URL("../KustomerWidget.resource-meta.xml", resource), "utf8");
  assert.match(meta, /<contentType>application\/zip<\/contentType>/);
});

test("the Salesforce package is deployable source: metadata, no tests of the component", async () => {
  const base = new URL("salesforce/force-app/main/default/", root);
  for (const file of [
    "classes/KustomerApiProxy.cls",
    "classes/KustomerApiProxyTest.cls",
    "lwc/kustomerConversation/kustomerConversation.js-meta.xml",
    "namedCredentials/Kustomer_API.namedCredential-meta.xml",
    "externalCredentials/Kustomer_API.externalCredential-meta.xml",
    "cspTrustedSites/Kustomer_Files.cspTrustedSite-meta.xml",
    "permissionsets/Kustomer_Conversation_Viewer.permissionset-meta.xml",
    "cachePartitions/Kustomer.cachePartition-meta.xml",
    "lwc/kustomerConversation/frameBridge.js",
  ]) {
    await stat(new URL(file, base));
  }
  await assert.rejects(stat(new URL("lwc/kustomerConversation/__tests__", base)));
  await assert.rejects(stat(new URL("salesforce/package-frame.mjs", root)), "the packaging script stays behind");
  const project = JSON.parse(await readFile(new URL("salesforce/sfdx-project.json", root), "utf8"));
  assert.equal(project.packageDirectories[0].path, "force-app");
});

test("the Kustomer package is the card page with its module, ready to host", async () => {
  const files = (await readdir(new URL("kustomer/", root))).sort();
  for (const file of ["app.json", "card.html", "card.js", "bridge.js", "settings.js", "icon.svg", "kustomer-salesforce-widget.js", "kustomer-salesforce-widget_bg.wasm"]) {
    assert.ok(files.includes(file), `${file} in ${files.join(", ")}`);
  }
});

test("make preview builds into its own folder, never over the release module in dist/", async () => {
  // `trunk serve` builds Trunk.toml's target (the preview, with the demo org) into the
  // [build] dist; were that dist/, a preview would leave the demo build where hosts and
  // `make package` take the release module from.
  const trunk = await readFile(new URL("../../Trunk.toml", import.meta.url), "utf8");
  const build = trunk.split(/^\[/m).find((section) => section.startsWith("build]"));
  assert.match(build, /^target = "www\/index.html"$/m);
  assert.match(build, /^dist = "dist-preview"$/m);
  const makefile = await readFile(new URL("../../Makefile", import.meta.url), "utf8");
  assert.match(makefile, /trunk build www\/module\.html --release --dist dist\/\$\$view /, "make build names dist/ itself");
});

test("the frame page is one Lightning Web Security lets a component frame, and loads classic scripts only", async () => {
  const page = await readFile(new URL("frame.html", resource), "utf8");
  // LWS fetches a same-origin frame's page before framing it and refuses a body with an
  // <iframe tag and "srcdoc", a <script tag and "xmlns", or a DOCTYPE with entities (npm
  // @locker/distortion 0.28.4, preflightSameOriginAndCommit; @locker/shared-dom rootValidator).
  assert.ok(!(/<iframe/i.test(page) && page.includes("srcdoc")));
  assert.ok(!(/<script/i.test(page) && page.includes("xmlns")));
  assert.doesNotMatch(page, /<!DOCTYPE[^>]*(\[|SYSTEM|PUBLIC)/i);
  assert.doesNotMatch(page, /type="module"/);
  const scripts = [...page.matchAll(/<script src="\.\/([^"]+)"><\/script>/g)].map((m) => m[1]);
  assert.deepEqual(scripts, ["kustomer-salesforce-widget.classic.js", "frame.js"]);
  for (const script of scripts) {
    // Both parse as classic scripts (no import, export or import.meta).
    parse(await readFile(new URL(script, resource), "utf8"), { ecmaVersion: "latest", sourceType: "script" });
  }
});

test("each package carries its host's module: the conversation view's for Salesforce, the Insight Card's for Kustomer", async () => {
  const dist = new URL("../../dist/", import.meta.url);
  for (const file of ["kustomer-salesforce-widget.js", "kustomer-salesforce-widget_bg.wasm"]) {
    const shipped = await readFile(new URL(`kustomer/${file}`, root));
    const built = await readFile(new URL(`insight/${file}`, dist));
    assert.ok(shipped.equals(built), `package/kustomer/${file} is dist/insight/${file}`);
  }
  // The Salesforce resource wraps dist/conversation/: run as a classic script, it gives the
  // glue's init and mount; the module's WebAssembly is beside it, byte for byte, for the
  // component to read and hand over (not embedded: base64 cost 43% more to download).
  const classic = await readFile(new URL("kustomer-salesforce-widget.classic.js", resource), "utf8");
  const context = { TextDecoder, TextEncoder, FinalizationRegistry, WeakRef, document: { baseURI: "https://example.invalid/" } };
  context.self = context;
  runInNewContext(classic, context);
  const { init, mount } = context.KustomerWidgetModule;
  assert.equal(typeof init, "function");
  assert.equal(typeof mount, "function");
  assert.ok(classic.length < 100_000, `the classic script carries the glue only (${classic.length} bytes)`);
  const wasm = await readFile(new URL("conversation/kustomer-salesforce-widget_bg.wasm", dist));
  const shippedWasm = await readFile(new URL("kustomer-salesforce-widget_bg.wasm", resource));
  assert.ok(shippedWasm.equals(wasm), "the resource's WebAssembly is dist/conversation's");
  // A text of each view's own code: the email frame's notice, the Salesforce limit code.
  const holds = async (view, text) => (await readFile(new URL(`${view}/kustomer-salesforce-widget_bg.wasm`, dist))).includes(text);
  assert.deepEqual(
    [await holds("conversation", "Remote images and styles are blocked"), await holds("conversation", "REQUEST_LIMIT_EXCEEDED")],
    [true, false], "the conversation module leaves the Insight Card out");
  assert.deepEqual(
    [await holds("insight", "Remote images and styles are blocked"), await holds("insight", "REQUEST_LIMIT_EXCEEDED")],
    [false, true], "the Insight Card module leaves the conversation view out");
});

test("the crate, the Kustomer app, the Salesforce package and the changelog carry one version", async () => {
  const repo = new URL("../../", import.meta.url);
  const cargo = /^version = "([^"]+)"/m.exec(await readFile(new URL("Cargo.toml", repo), "utf8"))[1];
  const app = JSON.parse(await readFile(new URL("www/hosts/kustomer/app.json", repo), "utf8")).version;
  const sfdx = JSON.parse(await readFile(new URL("www/hosts/salesforce/sfdx-project.json", repo), "utf8")).packageDirectories[0];
  const changelog = /^## \[([^\]]+)\]/m.exec(await readFile(new URL("CHANGELOG.md", repo), "utf8"))[1];
  assert.deepEqual([app, sfdx.versionName, sfdx.versionNumber.replace(/\.NEXT$/, ""), changelog], [cargo, cargo, cargo, cargo]);
});
