// Keyboard only: each view tabbed through with real key presses. Every control is
// reached in the order it appears, shows where focus is, and works with Enter or Space.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, strictPage, waitForState } from "./support.mjs";

const shared = serverAndBrowser();

/** What has focus, looking through shadow roots: its label and whether it shows it. */
function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const label = element.localName === "iframe"
      ? "email frame"
      : (element.getAttribute("aria-label") || element.textContent).trim().replace(/\s+/g, " ").slice(0, 60);
    return { tag: element.localName, label, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 };
  });
}

/** Presses Tab until focus leaves the widget; the stops, in order. */
async function tabThrough(page, max = 60) {
  const stops = [];
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (!now) break;
    // Inside an email's frame, its own links take Tab presses: skip through them.
    if (now.tag === "iframe" && stops.at(-1)?.tag === "iframe") continue;
    stops.push(now);
  }
  return stops;
}

async function focusOn(page, label) {
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now?.label === label) return;
  }
  throw new Error(`Tab never reached "${label}"`);
}

const messages = (count) => Array.from({ length: count }, (_, n) => ({
  id: `m${String(n).padStart(3, "0")}`,
  attributes: { channel: "chat", direction: n % 2 ? "out" : "in", body: `message ${n}`,
    sentAt: new Date(Date.UTC(2026, 10, 20, 9) + n * 60000).toISOString() },
}));

const CONVERSATION = {
  "/v1/conversations/k1": { data: { id: "k1", attributes: { name: "Keyboard only", status: "open", assignedUsers: [] } } },
  "/v1/conversations/k1/messages?page=1&pageSize=100": { data: [
    ...messages(101),
    { id: "m900", attributes: { channel: "email", direction: "in", sentAt: "2026-11-21T10:00:00.000Z",
      htmlBody: '<p>New part <img src="https://images.example/logo.png" alt="logo"></p><div class="gmail_quote">On Monday Sam wrote:<blockquote>old part</blockquote></div>' } },
    { id: "m901", attributes: { channel: "chat", direction: "in", sentAt: "2026-11-21T10:05:00.000Z", body: "Thanks!\n\nOn Monday Sam wrote:\n> earlier text" } },
  ], links: { next: null } },
  "/v1/conversations/k1/attachments?page=1&pageSize=100": { data: [
    { id: "a1", attributes: { name: "photo.png", contentType: "image/png", contentLength: 68 },
      relationships: { message: { data: { id: "m901" } } },
      links: { related: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" } },
  ] },
};

async function mountConversation(page) {
  await page.goto(`${shared.server.url}/e2e/host.html`);
  await page.waitForFunction(() => window.widget);
  await page.evaluate((bodies) => {
    window.handle = window.widget.mount(document.getElementById("one"),
      { view: "conversation", context: { conversationId: "k1" }, transport: { kind: "host" }, timeZone: "UTC" },
      async ({ path }) => bodies[path]
        ? { status: 200, headers: {}, body: JSON.stringify(bodies[path]) }
        : { status: 404, headers: {}, body: "{}" });
  }, CONVERSATION);
  await waitForState(page, "#one", "ready");
}

test("the conversation view: every control in order, visible focus, Enter and Space work", async () => {
  const page = await strictPage(shared.browser);
  await mountConversation(page);
  // Each of the 100 messages shown has its Copy link.
  const stops = await tabThrough(page, 200);
  const labels = stops.map((stop) => stop.label);
  assert.equal(labels.filter((label) => label === "Copy link").length, 100);
  const expected = ["Open in Kustomer", "Find in this conversation", "Download transcript", "Download transcript as text", "Show 3 earlier messages",
    "Show remote content", "email frame", "Show quoted text", "Show quoted text", "Download", "Preview"];
  assert.deepEqual(labels.filter((label) => expected.includes(label)), expected, `tab stops: ${labels.join(" | ")}`);
  for (const stop of stops.filter((stop) => stop.tag !== "iframe")) {
    assert.ok(stop.outline, `"${stop.label}" shows that it has focus`);
  }

  // Enter on "Show earlier messages" shows them and focus stays on the page.
  await focusOn(page, "Show 3 earlier messages");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#one .ksw-host").shadowRoot.querySelectorAll(".ksw-message").length === 103);

  // Space on the chat's "Show quoted text" opens it, and says so.
  await page.evaluate(() => document.activeElement?.blur());
  const quoteButtons = page.locator("#one .ksw-quote-toggle[data-action=text-quote]");
  await quoteButtons.focus();
  await page.keyboard.press("Space");
  assert.equal(await quoteButtons.getAttribute("aria-expanded"), "true");
  assert.equal((await quoteButtons.textContent()).trim(), "Hide quoted text");
  assert.ok(await page.locator("#one .ksw-quoted").isVisible());

  // Enter on Preview shows the image; Enter on the email's "Show quoted text" too.
  await page.locator("#one .ksw-preview-toggle").focus();
  await page.keyboard.press("Enter");
  assert.ok(await page.locator("#one img.ksw-preview").isVisible());
  const emailQuote = page.locator("#one [data-action=email-quote]");
  await emailQuote.focus();
  await page.keyboard.press("Enter");
  assert.equal(await emailQuote.getAttribute("aria-expanded"), "true");
  assert.match(await page.frameLocator("#one iframe.ksw-email-frame").locator("body").textContent(), /old part/);
  // The email's remote image is held back by its policy, which the browser reports.
  assert.deepEqual(page.problems.filter((problem) => !problem.includes("Content Security Policy")), []);
  await page.close();
});

const SALESFORCE = {
  search: { searchRecords: [
    { attributes: { type: "Contact" }, Id: "003A", Name: "Ada Keys", Email: "ada@keys.example", AccountId: "001A", Account: { Name: "Keys Inc" } },
  ] },
  accounts: { totalSize: 1, done: true, records: [{ Id: "001A", Name: "Keys Inc",
    Contacts: { totalSize: 1, done: true, records: [{ Email: "ada@keys.example" }] },
    Opportunities: { totalSize: 1, done: true, records: [{ Id: "006A", Name: "Keys renewal", StageName: "Prospecting", IsClosed: false, IsWon: false }] } }] },
};

test("the Insight Card: record links, Refresh and the Case section's copy by keyboard", async () => {
  const page = await strictPage(shared.browser);
  await page.goto(`${shared.server.url}/e2e/host.html`);
  await page.waitForFunction(() => window.widget);
  await page.evaluate((salesforce) => {
    window.requests = 0;
    const conversation = { data: { id: "c1", attributes: { name: "Help", custom: { syncToSalesforceBool: true } },
      relationships: { customer: { data: { type: "customer", id: "k1" } } } } };
    const customer = { data: { id: "k1", attributes: { displayName: "Ada Keys", emails: [{ email: "ada@keys.example" }] } } };
    window.handle = window.widget.mount(document.getElementById("one"),
      { view: "insight", context: { customerEmails: ["ada@keys.example"], conversationId: "c1" }, transport: { kind: "host" },
        salesforce: { subdomain: "keys" }, caseSync: { enabled: true } },
      async ({ service, path }) => {
        window.requests++;
        if (service === "kustomer") {
          const body = path === "/v1/conversations/c1" ? conversation : path === "/v1/customers/k1" ? customer : null;
          return body ? { status: 200, headers: {}, body: JSON.stringify(body) } : { status: 404, headers: {}, body: "{}" };
        }
        const body = path.includes("/search/") ? salesforce.search
          : decodeURIComponent(path).includes("FROM Case") ? { totalSize: 0, done: true, records: [] } : salesforce.accounts;
        return { status: 200, headers: {}, body: JSON.stringify(body) };
      });
  }, SALESFORCE);
  await waitForState(page, "#one", "ready");
  await page.waitForSelector("#one .ksw-copy-payload");
  const stops = await tabThrough(page);
  const labels = stops.map((stop) => stop.label);
  for (const control of ["Refresh", "Ada Keys", "Keys Inc", "Keys renewal", "Copy payload as JSON"]) {
    assert.ok(labels.includes(control), `"${control}" is reachable: ${labels.join(" | ")}`);
  }
  assert.ok(labels.indexOf("Ada Keys") < labels.indexOf("Keys renewal"), "records in the order shown");
  for (const stop of stops) assert.ok(stop.outline, `"${stop.label}" shows that it has focus`);

  const before = await page.evaluate(() => window.requests);
  await focusOn(page, "Refresh");
  await page.keyboard.press("Enter");
  await page.waitForFunction((before) => window.requests > before, before);
  await waitForState(page, "#one", "ready");
  assert.deepEqual(page.problems, []);
  await page.close();
});
