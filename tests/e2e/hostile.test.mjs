// Hostile content, end to end through the host API: every payload of
// hostile/payloads.mjs in every place it can appear (email HTML, plain text, subjects,
// customer and agent names, addresses, attachment names and URLs, Salesforce values,
// config strings). For each: no script ran, no dialog opened, nothing navigated, no
// request left for a host outside the test, and the widget's DOM holds nothing from the
// payload but text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { serverAndBrowser } from "./support.mjs";
import { families, payloads } from "./hostile/payloads.mjs";

const shared = serverAndBrowser();
const inPage = fileURLToPath(new URL("./hostile/in-page.js", import.meta.url));

/** A host page that records everything a payload could make happen. */
async function watchedHostPage() {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  const host = `${shared.server.url}/e2e/host.html`;
  const events = { outside: [], dialogs: [], navigations: [], popups: [], errors: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${shared.server.url}/`)) return route.continue();
    events.outside.push(url.slice(0, 120));
    return route.abort();
  });
  page.on("dialog", (dialog) => {
    events.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on("popup", (popup) => events.popups.push(popup.url()));
  page.on("pageerror", (error) => events.errors.push(error.message));
  page.on("framenavigated", (frame) => {
    const url = frame.url();
    // A frame inside an email whose load the email's policy refused shows Chromium's
    // error page; any request it made would be in `outside`.
    const blocked = frame.parentFrame() !== page.mainFrame() && url === "chrome-error://chromewebdata/";
    const expected = frame === page.mainFrame() ? url === host : url === "about:srcdoc" || url === "about:blank" || blocked;
    if (!expected) events.navigations.push(url.slice(0, 120));
  });
  await page.goto(host);
  await page.waitForFunction(() => window.widget);
  await page.addScriptTag({ path: inPage });
  return { page, context, events };
}

test("the suite has at least 150 hostile strings", () => {
  assert.ok(payloads.length >= 150, `${payloads.length} payloads`);
});

for (const family of Object.keys(families)) {
  test(`hostile content, ${family}: nothing runs, loads, navigates or becomes markup`, async () => {
    const { page, context, events } = await watchedHostPage();
    const findings = [];
    const hostBefore = await page.evaluate(() => document.body.innerHTML);
    for (const payload of payloads.filter((p) => p.family === family)) {
      const found = await page.evaluate(({ text, id }) => window.hostile.showEverywhere(text, id), payload);
      for (const [place, list] of Object.entries(found)) {
        findings.push(`#${payload.id} in ${place}: ${[...new Set(list)].join("; ")}`);
      }
    }
    // Anything delayed (a refresh after 0 s, an image error) has had its chance.
    await page.waitForTimeout(300);
    const pwned = await page.evaluate(() => window.__pwned);
    const hostAfter = await page.evaluate(() => document.body.innerHTML);
    await context.close();
    assert.deepEqual(pwned, [], "no payload ran");
    assert.deepEqual(events.dialogs, [], "no dialog");
    assert.deepEqual(events.navigations, [], "no navigation");
    assert.deepEqual(events.popups, [], "no window opened");
    assert.deepEqual(events.outside, [], "no request left the test");
    assert.deepEqual(events.errors, [], "no uncaught error");
    assert.deepEqual(findings, [], "the widget's DOM holds only its own markup");
    assert.equal(hostAfter, hostBefore, "every test mount was removed; the host page is as it was");
  });
}

test("the checks see markup that got through: a payload let in by hand is caught", async () => {
  const { page, context, events } = await watchedHostPage();
  const found = await page.evaluate(async () => {
    const element = document.createElement("div");
    document.body.append(element);
    const fetch = async () => ({ status: 200, headers: {}, body: JSON.stringify({ data: { id: "x", attributes: { name: "x" } } }) });
    const handle = window.widget.mount(element, { view: "conversation", context: { conversationId: "x" }, transport: { kind: "host" } }, fetch);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // What a broken sanitiser would do: content written as markup.
    const root = element.querySelector(".ksw-host").shadowRoot.querySelector(".ksw-root");
    root.insertAdjacentHTML("beforeend", '<img src=x onerror="top.__pwn(0)"><a href="javascript:void 0" id=x>x</a><svg></svg>');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const findings = window.hostile.inspect(element);
    handle.unmount();
    return { findings, pwned: window.__pwned };
  });
  await context.close();
  assert.deepEqual(found.pwned, [0], "the recorder sees a payload that runs");
  for (const expected of ["attribute onerror on <img>", "an image that is not a preview", 'href="javascript:void 0" on <a>', "attribute id on <a>", "foreign element <svg>"]) {
    assert.ok(found.findings.includes(expected), `${expected} in ${JSON.stringify(found.findings)}`);
  }
  assert.deepEqual(events.outside, [], "src=x is the test server itself");
});
