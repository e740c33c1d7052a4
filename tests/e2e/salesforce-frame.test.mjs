// The Salesforce host's frame, end to end, as Lightning serves it: a Case page stand-in
// frames the packaged KustomerWidget static resource from its own origin, with no CORS
// headers (the way Salesforce serves static resources), once plainly and once with
// sandbox="allow-scripts" (the way Lightning Web Security frames a same-origin page), and
// runs the component's own bridge (frameBridge.js). Both times the conversation shows with
// no failed request, and forgers in other windows, who know even the nonce, change nothing.
// `make package` writes the resource first.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch } from "./support.mjs";

const RESOURCE = "/resource/1700000000000/KustomerWidget/";

let casePage; // the Salesforce origin, which also serves the static resource
let third; // anyone else
let browser;

before(async () => {
  [casePage, third] = await Promise.all([serve(), serve()]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([casePage, third].map((server) => server?.close()));
});

/** A page that records every failed request, every error status and every console error. */
async function watchedPage() {
  const page = await browser.newPage();
  const failures = [];
  const resource = [];
  page.on("requestfailed", (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) failures.push(`${response.url()}: ${response.status()}`);
    if (response.url().includes(RESOURCE)) resource.push(response);
  });
  page.on("console", (message) => {
    if (message.type() === "error") failures.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
  return { page, failures, resource };
}

async function openCase(query) {
  const watched = await watchedPage();
  await watched.page.goto(`${casePage.url}/e2e/salesforce-parent.html?${query}`);
  const frame = await waitForFrame(watched.page);
  return { ...watched, frame };
}

async function waitForFrame(page) {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes(`${RESOURCE}frame.html`));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error("the widget's frame never loaded");
}

const stateOf = (frame) => frame.evaluate(() => document.getElementById("widget").dataset.state);
const textOf = (frame) => frame.evaluate(() => document.querySelector("#widget .ksw-host")?.shadowRoot.textContent ?? document.getElementById("widget").textContent);
/** Waits for the widget to settle, and fails with what it shows unless it is ready. */
async function ready(frame) {
  await frame.waitForFunction(() => ["ready", "error", "empty"].includes(document.getElementById("widget").dataset.state), null, { timeout: 15000 });
  const text = await textOf(frame);
  assert.equal(await stateOf(frame), "ready", text.slice(text.lastIndexOf("}") + 1));
}

const WAYS = [
  { sandbox: "none", origin: (page) => new URL(page.url()).origin, diagnostic: /runs unsandboxed, on its own origin/ },
  { sandbox: "lws", origin: () => "null", diagnostic: /runs sandboxed \(origin null\)/ },
];

for (const way of WAYS) {
  test(`sandbox=${way.sandbox}: the packaged frame, served same-origin without CORS, shows the conversation with no failed request, and forgers change nothing`, async () => {
    const { page, frame, failures, resource } = await openCase(`sandbox=${way.sandbox}&headStartMs=300&forgers=${encodeURIComponent(`${third.url},${casePage.url}`)}`);
    await ready(frame);
    assert.equal(await frame.evaluate(() => self.origin), way.origin(page), "the frame's origin");
    assert.equal(
      await page.evaluate(() => document.querySelector("iframe.widget").getAttribute("sandbox")),
      way.sandbox === "lws" ? "allow-scripts" : null,
    );
    assert.match(await textOf(frame), /Through the frame/);
    assert.match(await textOf(frame), /Relayed by the Case page/);
    // Let the forgers run a while after the conversation showed.
    await page.waitForTimeout(500);
    assert.doesNotMatch(await textOf(frame), /FORGED/);
    const requests = await page.evaluate(() => window.requests);
    assert.deepEqual(requests.slice().sort(), [
      "/v1/conversations/c1",
      "/v1/conversations/c1/attachments?page=1&pageSize=100",
      "/v1/conversations/c1/messages?page=1&pageSize=100",
    ], "only the frame's own requests reached Apex");
    // The widget's first wave left the frame together and went to Apex as one group.
    const batches = await page.evaluate(() => window.batches);
    assert.deepEqual(batches[0].slice().sort(), requests.slice().sort(), JSON.stringify(batches));
    const forgers = page.frames().filter((f) => f.url().includes("/e2e/forger.html"));
    assert.equal(forgers.length, 2);
    for (const forger of forgers) assert.equal(await forger.evaluate(() => window.heard), 0, `${forger.url()} was never spoken to`);
    const diagnostics = await page.evaluate(() => window.diagnostics);
    assert.equal(diagnostics.length, 1, diagnostics.join("\n"));
    assert.match(diagnostics[0], way.diagnostic);

    // What the frame loaded came from the static resource, on the page's origin, without CORS.
    const loaded = resource.map((response) => new URL(response.url()).pathname.slice(RESOURCE.length)).sort();
    // The frame loads its page and two classic scripts; the WebAssembly is read by the Case
    // page (the component, on the page's origin) and handed over.
    assert.deepEqual(loaded, ["frame.html", "frame.js", "kustomer-salesforce-widget.classic.js", "kustomer-salesforce-widget_bg.wasm"]);
    for (const response of resource) {
      assert.equal(new URL(response.url()).origin, new URL(page.url()).origin);
      assert.equal(response.headers()["access-control-allow-origin"], undefined);
    }
    assert.deepEqual(failures, []);

    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 150);
    const { reported, shown } = await page.evaluate(() => ({
      reported: window.heights.at(-1),
      shown: document.querySelector("iframe.widget").getBoundingClientRect().height,
    }));
    assert.equal(shown, reported, "the frame is as tall as its content");

    // Lightning's refresh reaches the widget through the port: it looks at the
    // conversation again, one request, and nothing found leaves the view as it was.
    const before = (await page.evaluate(() => window.requests)).length;
    await page.evaluate(() => window.bridge.refresh());
    await page.waitForFunction((count) => window.requests.length > count, before);
    await page.waitForTimeout(200);
    assert.deepEqual((await page.evaluate(() => window.requests)).slice(before), ["/v1/conversations/c1"]);
    assert.match(await textOf(frame), /Relayed by the Case page/);

    // The transcript: the frame hands the file to the component, which saves it from the
    // Case page (Chromium blocks downloads from a frame sandboxed without allow-downloads).
    await frame.evaluate(() => document.querySelector("#widget .ksw-host").shadowRoot.querySelector("[data-action='transcript-text']").click());
    await page.waitForFunction(() => window.downloads.length === 1);
    const [file] = await page.evaluate(() => window.downloads);
    assert.equal(file.name, "kustomer-conversation-c1.txt");
    assert.equal(file.type, "text/plain");
    assert.match(file.text, /Relayed by the Case page/);
    await page.close();
  });
}

test("a relay that never answers ends in the widget's own timeout from the config, with Retry that recovers", async () => {
  const { page, frame, failures } = await openCase("sandbox=lws&relay=silent&timeoutMs=1500");
  await frame.waitForFunction(() => document.getElementById("widget").dataset.state === "error", null, { timeout: 10000 });
  assert.match(await textOf(frame), /Kustomer did not answer within 1500 ms/);
  assert.ok((await page.evaluate(() => window.requests)).length >= 1, "the request reached the Case page");
  // Each timed-out request reached the component as a diagnostic record, over the port.
  await page.waitForFunction(() => window.records.length > 0);
  const records = await page.evaluate(() => window.records);
  for (const record of records) {
    assert.equal(record.kind, "request-failed", JSON.stringify(record));
    assert.equal(record.service, "kustomer");
    assert.equal(record.view, "conversation");
    assert.ok(record.durationMs >= 1500, JSON.stringify(record));
  }
  assert.ok(records.some((record) => record.path === "/v1/conversations/{id}"), JSON.stringify(records));

  await page.evaluate(() => { window.relay = "answer"; });
  await frame.evaluate(() => document.querySelector("#widget .ksw-host").shadowRoot.querySelector(".ksw-error button").click());
  await ready(frame);
  assert.match(await textOf(frame), /Through the frame/);
  assert.deepEqual(failures, []);
  await page.close();
});

test("opened on its own, outside a Case page, the frame says where it belongs", async () => {
  const page = await browser.newPage();
  await page.goto(`${casePage.url}${RESOURCE}frame.html`);
  await page.waitForFunction(() => document.getElementById("widget").dataset.state === "error");
  assert.match(await page.textContent("#widget"), /inside a Salesforce Case page/);
  assert.equal(await stateOf(page.mainFrame()), "error");
  await page.close();
});
