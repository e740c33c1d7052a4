// Accessibility of both views on the preview page, checked by axe-core inside Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serverAndBrowser, waitForState } from "./support.mjs";

const require = createRequire(import.meta.url);
const shared = serverAndBrowser();

async function violations(page, selector) {
  const source = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  return page.evaluate(async (selector) => {
    // axe reaches into open shadow roots by itself.
    const result = await window.axe.run(document.querySelector(selector), { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target?.join(" ")}`);
  }, selector);
}

for (const conversation of ["6140cefd91ffddd18144e08b", "6140cefd91ffddd18144c008", "6140cefd91ffddd18144c002"]) {
  test(`no serious accessibility violations: conversation ${conversation} and its Insight Card`, async () => {
    const page = await shared.browser.newPage();
    await page.goto(`${shared.server.url}/preview/`);
    await page.selectOption("#conversation", conversation);
    await waitForState(page, "#conversation-widget", "ready");
    await waitForState(page, "#insight-widget", "ready").catch(() => waitForState(page, "#insight-widget", "empty"));
    await page.waitForSelector("#insight-widget .ksw-host");
    assert.deepEqual(await violations(page, "#conversation-widget"), []);
    assert.deepEqual(await violations(page, "#insight-widget"), []);
    await page.close();
  });
}

// Every state, in the light and the dark scheme: loading, ready, empty, error (with and
// without Retry), disabled, and saved data shown with a notice.
const CONVERSATION = {
  "/v1/conversations/c1": { data: { id: "c1", attributes: { name: "States", status: "open", assignedUsers: [] } } },
  "/v1/conversations/c1/messages?page=1&pageSize=100": { data: [{ id: "m1", attributes: { channel: "chat", direction: "in", body: "hello", sentAt: "2026-11-20T10:00:00.000Z" } }] },
  "/v1/conversations/c1/attachments?page=1&pageSize=100": { data: [] },
  "/v1/conversations/c0": { data: { id: "c0", attributes: { name: "Nothing yet", assignedUsers: [] } } },
  "/v1/conversations/c0/messages?page=1&pageSize=100": { data: [] },
  "/v1/conversations/c0/attachments?page=1&pageSize=100": { data: [] },
};
const CONTACT = { searchRecords: [{ attributes: { type: "Contact" }, Id: "003S", Name: "Sam States", Email: "sam@states.example" }] };
const NOTHING = { totalSize: 0, done: true, records: [] };
const LIMIT = [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }];

const STATES = [
  ["loading", { view: "conversation", context: { conversationId: "c1" } }, "hang"],
  ["ready", { view: "conversation", context: { conversationId: "c1" } }, "ok"],
  ["empty", { view: "conversation", context: { conversationId: "c0" } }, "ok"],
  ["error", { view: "conversation", context: { conversationId: "gone" } }, "ok"],
  ["error", { view: "conversation", context: { conversationId: "c1" } }, "500"],
  ["error", { view: "conversation" }, "ok"],
  ["disabled", { view: "insight", context: { customerEmails: ["sam@states.example"] }, visibility: { card: false } }, "ok"],
  ["ready", { view: "insight", context: { customerEmails: ["sam@states.example"] } }, "ok"],
  ["ready", { view: "insight", context: { customerEmails: ["sam@states.example"] } }, "limit"],
  ["empty", { view: "insight", context: { customerEmails: ["nobody@states.example"] } }, "ok"],
];

for (const scheme of ["light", "dark"]) {
  test(`no serious accessibility violations in any state, ${scheme} scheme`, async () => {
    const page = await shared.browser.newPage({ colorScheme: scheme, reducedMotion: "reduce" });
    await page.goto(`${shared.server.url}/e2e/host.html`);
    await page.waitForFunction(() => window.widget);
    const seen = [];
    for (const [state, config, mode] of STATES) {
      await page.evaluate(({ config, mode, bodies, CONTACT, NOTHING, LIMIT }) => {
        window.handle?.unmount();
        const element = document.getElementById("one");
        window.handle = window.widget.mount(element, {
          transport: { kind: "host", timeoutMs: 60000 }, salesforce: { subdomain: "states" }, timeZone: "UTC", ...config,
        }, async ({ service, path }) => {
          const answer = (status, body) => ({ status, headers: {}, body: JSON.stringify(body) });
          if (mode === "hang") return new Promise(() => {});
          if (mode === "500") return { status: 500, headers: {}, body: "<html>Internal error</html>" };
          if (service === "salesforce") {
            if (mode === "limit") return answer(403, LIMIT);
            return answer(200, path.includes("/search/") && decodeURIComponent(path).includes("sam@states") ? CONTACT : path.includes("/search/") ? { searchRecords: [] } : NOTHING);
          }
          return bodies[path] ? answer(200, bodies[path]) : answer(404, { errors: [{ code: "not.found" }] });
        });
      }, { config, mode, bodies: CONVERSATION, CONTACT, NOTHING, LIMIT });
      await waitForState(page, "#one", state);
      await page.waitForSelector("#one .ksw-host");
      const label = `${state} (${config.view}, ${mode})`;
      if (mode === "limit") {
        // Saved data younger than the cache's freshness is shown without asking; Refresh
        // asks, meets the limit, and falls back to it with a notice.
        await page.evaluate(() => document.querySelector("#one .ksw-host").shadowRoot.querySelector(".ksw-refresh").click());
        await page.waitForFunction(() => /showing data from/.test(document.querySelector("#one .ksw-host").shadowRoot.textContent));
        const text = await page.evaluate(() => document.querySelector("#one .ksw-host").shadowRoot.querySelector(".ksw-root").textContent);
        assert.match(text, /showing data from/, `${label}: saved data with its notice`);
      }
      if (state === "loading") {
        const animation = await page.evaluate(() => {
          const skeleton = document.querySelector("#one .ksw-host").shadowRoot.querySelector(".ksw-skeleton");
          return getComputedStyle(skeleton).animationName;
        });
        assert.equal(animation, "none", "no shimmer for an agent who asked for less motion");
      }
      const found = await violations(page, "#one");
      assert.deepEqual(found, [], label);
      if (state === "ready" && config.view === "conversation") {
        // Find open, with a match marked, with none, and a message's link shown to copy.
        const inWidget = (script, arg) => page.evaluate(new Function("arg", `const root = document.querySelector("#one .ksw-host").shadowRoot; ${script}`), arg);
        const type = (text) => inWidget(`const input = root.querySelector(".ksw-find-text"); input.value = arg; input.dispatchEvent(new Event("input", { bubbles: true }));`, text);
        const status = () => inWidget(`return root.querySelector(".ksw-find-status").textContent;`);
        await inWidget(`root.querySelector("[data-action='find']").click();`);
        assert.deepEqual(await violations(page, "#one"), [], `${label}: find open`);
        await type("hello");
        await page.waitForFunction(() => document.querySelector("#one .ksw-host").shadowRoot.querySelector("mark.ksw-current"));
        assert.equal(await status(), "1 of 1");
        assert.deepEqual(await violations(page, "#one"), [], `${label}: a match marked`);
        await type("nothing like it");
        assert.equal(await status(), "No matches");
        assert.deepEqual(await violations(page, "#one"), [], `${label}: no matches`);
        await inWidget(`root.querySelector("[data-action='copy-link']").click();`);
        await page.waitForFunction(() => {
          const root = document.querySelector("#one .ksw-host").shadowRoot;
          return root.querySelector(".ksw-link-field") || root.querySelector(".ksw-copy-link").textContent === "Link copied";
        });
        assert.deepEqual(await violations(page, "#one"), [], `${label}: a link to copy`);
      }
      const background = await page.evaluate(() =>
        getComputedStyle(document.querySelector("#one .ksw-host").shadowRoot.querySelector(".ksw-root")).backgroundColor);
      assert.equal(background, scheme === "dark" ? "rgb(27, 27, 27)" : "rgb(255, 255, 255)", `${label}: ${scheme} surface`);
      seen.push(state);
    }
    assert.deepEqual([...new Set(seen)].sort(), ["disabled", "empty", "error", "loading", "ready"]);
    await page.close();
  });
}
