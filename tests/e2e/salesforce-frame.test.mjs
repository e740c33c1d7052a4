// The Salesforce host's frame, end to end across origins: a Case page on one loopback
// origin frames the widget page served from another and relays its requests the way the
// Lightning web component does. Answers from a third origin, or from the right origin but
// another window, are ignored; a relay that never answers ends in the timeout's error with
// Retry.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch } from "./support.mjs";

let casePage; // the Salesforce origin
let widgetHost; // the static resource's origin
let third; // anyone else
let browser;

before(async () => {
  [casePage, widgetHost, third] = await Promise.all([serve(), serve(), serve()]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([casePage, widgetHost, third].map((server) => server?.close()));
});

async function openCase(query = "") {
  const page = await browser.newPage();
  const frameUrl = `${widgetHost.url}/hosts/salesforce/frame/frame.html${query}`;
  await page.goto(`${casePage.url}/e2e/salesforce-parent.html?frame=${encodeURIComponent(frameUrl)}${query ? "&relay=silent" : ""}`);
  const frame = await waitForFrame(page);
  return { page, frame };
}

async function waitForFrame(page) {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(`${widgetHost.url}/hosts/`));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error("the widget's frame never loaded");
}

const stateOf = (frame) => frame.evaluate(() => document.getElementById("widget").dataset.state);
const textOf = (frame) => frame.evaluate(() => document.querySelector("#widget .ksw-host")?.shadowRoot.textContent ?? document.getElementById("widget").textContent);

test("the Case page frames the widget from another origin, relays its requests, and sizes the frame", async () => {
  const { page, frame } = await openCase();
  assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin, "two origins");
  await frame.waitForFunction(() => document.getElementById("widget").dataset.state === "ready");
  assert.match(await textOf(frame), /Through the frame/);
  assert.match(await textOf(frame), /Relayed by the Case page/);
  const requests = await page.evaluate(() => window.requests);
  assert.deepEqual(requests.slice(0, 2), ["/v1/conversations/c1", "/v1/conversations/c1/messages?page=1&pageSize=100"]);
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 150);
  const { reported, shown } = await page.evaluate(() => ({
    reported: window.heights.at(-1),
    shown: document.getElementById("widget").getBoundingClientRect().height,
  }));
  assert.equal(shown, reported, "the frame is as tall as its content");
  await page.close();
});

test("answers from a third origin or from another window are ignored; the silent relay times out with Retry", async () => {
  const { page, frame } = await openCase("?timeoutMs=1500");
  // A third origin, and the Case page's own origin in another window, both answering.
  await page.evaluate(([third, own]) => {
    for (const origin of [third, own]) {
      const forger = document.createElement("iframe");
      forger.src = `${origin}/e2e/forger.html`;
      document.body.append(forger);
    }
  }, [third.url, casePage.url]);
  await frame.waitForFunction(() => document.getElementById("widget").dataset.state === "error", null, { timeout: 10000 });
  const text = await textOf(frame);
  assert.match(text, /did not answer within 1\.5 s/);
  assert.doesNotMatch(text, /FORGED/);
  assert.ok((await page.evaluate(() => window.requests)).length >= 1, "the request reached the Case page");

  // The Case page answers again: Retry recovers, and forged answers still change nothing.
  await page.evaluate(() => { window.relay = "answer"; });
  await frame.evaluate(() => document.querySelector("#widget .ksw-host").shadowRoot.querySelector(".ksw-error button").click());
  await frame.waitForFunction(() => document.getElementById("widget").dataset.state === "ready");
  assert.match(await textOf(frame), /Through the frame/);
  assert.doesNotMatch(await textOf(frame), /FORGED/);
  await page.close();
});

test("opened on its own, outside a Case page, the frame says where it belongs", async () => {
  const page = await browser.newPage();
  await page.goto(`${widgetHost.url}/hosts/salesforce/frame/frame.html`);
  await page.waitForFunction(() => document.getElementById("widget").dataset.state === "error");
  assert.match(await page.textContent("#widget"), /inside a Salesforce Case page/);
  assert.equal(await stateOf(page.mainFrame()), "error");
  await page.close();
});
