// The built module, driven through its host API from a page served on loopback.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hostPage as openHostPage, serverAndBrowser, strictPage, waitForState } from "./support.mjs";

const shared = serverAndBrowser();

const hostPage = () => openHostPage(shared);

test("mounts with a hostFetch stub and reaches ready", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    const bodies = {
      "/v1/conversations/c1": { data: { type: "conversation", id: "c1", attributes: {
        name: "Printer on fire", status: "open", priority: 5, channels: ["email"], assignedUsers: ["u1"],
        createdAt: "2026-11-20T10:00:00.000Z", updatedAt: "2026-11-20T11:00:00.000Z" },
        relationships: { customer: { data: { type: "customers", id: "k1" } } } } },
      "/v1/customers/k1": { data: { type: "customer", id: "k1", attributes: { displayName: "Ada Lovelace", emails: [{ email: "ada@example.com" }] } } },
      "/v1/users/u1": { data: { type: "user", id: "u1", attributes: { displayName: "Grace Hopper" } } },
      "/v1/conversations/c1/messages?page=1&pageSize=100": { data: [
        { id: "m2", attributes: { channel: "email", direction: "out", sentAt: "2026-11-20T10:30:00.000Z", body: "We are on it." },
          relationships: { createdBy: { data: { type: "user", id: "u1" } } } },
        { id: "m1", attributes: { channel: "email", direction: "in", sentAt: "2026-11-20T10:00:00.000Z", htmlBody: "<p>It is <b>on fire</b>.</p>" } },
      ], links: { next: null } },
      "/v1/conversations/c1/attachments?page=1&pageSize=100": { data: [] },
    };
    window.calls = [];
    window.handle = window.widget.mount(
      document.getElementById("one"),
      { view: "conversation", context: { conversationId: "c1" }, transport: { kind: "host" }, timeZone: "UTC" },
      async (request) => {
        window.calls.push(request);
        const body = bodies[request.path];
        return body
          ? { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
          : { status: 404, headers: {}, body: '{"errors":[{"code":"not.found"}]}' };
      },
    );
  });
  await waitForState(page, "#one", "ready");
  const header = page.locator("#one .ksw-conv-header");
  await assertText(header.locator(".ksw-subject"), "Printer on fire");
  await assertText(header.locator(".ksw-customer-name"), "Ada Lovelace");
  await assertText(header.locator(".ksw-assignees"), "Grace Hopper");
  const calls = await page.evaluate(() => window.calls);
  assert.deepEqual(calls.map((call) => `${call.service} ${call.method} ${call.path}`), [
    "kustomer GET /v1/conversations/c1",
    "kustomer GET /v1/conversations/c1/messages?page=1&pageSize=100",
    "kustomer GET /v1/conversations/c1/attachments?page=1&pageSize=100",
    "kustomer GET /v1/customers/k1",
    "kustomer GET /v1/users/u1",
  ]);
  const senders = await page.locator("#one .ksw-sender").allTextContents();
  assert.deepEqual(senders, ["Ada Lovelace", "Grace Hopper"], "oldest first, whatever the server order");
  const frame = page.frameLocator("#one iframe.ksw-email-frame");
  assert.equal((await frame.locator("b").textContent()).trim(), "on fire", "the email renders inside its frame");
  assert.deepEqual(page.problems, []);
});

test("two widgets are independent, and unmount leaves the host page as it was", async () => {
  const page = await hostPage();
  const before = await page.evaluate(() => document.getElementById("two").outerHTML);
  await page.evaluate(() => {
    const conversation = { data: { id: "c9", attributes: { name: "Second widget", assignedUsers: [] } } };
    const page = { data: [{ id: "m1", attributes: { channel: "chat", direction: "in", body: "hi" } }] };
    const hostFetch = async ({ path }) => ({ status: 200, headers: {}, body: JSON.stringify(path === "/v1/conversations/c9" ? conversation : page) });
    window.first = window.widget.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "c9" }, transport: { kind: "host" },
    }, hostFetch);
    window.second = window.widget.mount(document.getElementById("two"), {
      view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "host" },
      salesforce: { subdomain: "acme" }, visibility: { card: false },
    }, hostFetch);
  });
  await waitForState(page, "#one", "ready");
  await waitForState(page, "#two", "disabled");
  await page.evaluate(() => window.second.unmount());
  assert.equal(await page.evaluate(() => document.getElementById("two").outerHTML), before);
  assert.equal(await page.locator("#one").getAttribute("data-state"), "ready");
  const hostColor = await page.evaluate(() => getComputedStyle(document.getElementById("host-text")).color);
  assert.equal(hostColor, "rgb(1, 2, 3)", "the widget's styles do not reach the host page");
  assert.deepEqual(page.problems, []);
});

test("a refused config shows its message in the widget", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    window.widget.mount(document.getElementById("one"), {
      view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "host" },
      salesforce: { subdomain: "acme" }, visibility: { contacts: false },
    });
  });
  await waitForState(page, "#one", "error");
  await assertText(page.locator("#one .ksw-error-message"), /Leads cannot be shown while Contacts are hidden/);
});

test("the proxy transport reads through a proxy and times out on one that hangs", async () => {
  const page = await hostPage();
  await page.evaluate((base) => {
    window.modules.preview.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "p1" },
      transport: { kind: "proxy", kustomer: `${base}/proxy/kustomer`, salesforce: `${base}/proxy/salesforce` },
    });
    window.modules.preview.mount(document.getElementById("two"), {
      view: "conversation", context: { conversationId: "p1" },
      transport: { kind: "proxy", kustomer: `${base}/proxy/hang`, salesforce: `${base}/proxy/hang`, timeoutMs: 500 },
    });
  }, shared.server.url);
  await waitForState(page, "#one", "ready");
  await assertText(page.locator("#one .ksw-subject"), "Through the proxy");
  await assertText(page.locator("#one .ksw-text"), "via proxy");
  await waitForState(page, "#two", "error");
  await assertText(page.locator("#two .ksw-error-message"), "Kustomer did not answer within 500 ms. Retry in a moment");
  // The hosts' release modules leave the proxy out, and say so.
  await page.evaluate((base) => {
    window.widget.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "p1" },
      transport: { kind: "proxy", kustomer: `${base}/proxy/kustomer`, salesforce: `${base}/proxy/salesforce` },
    });
  }, shared.server.url);
  await page.waitForFunction(() => /does not carry the proxy transport/.test(document.querySelector("#one").lastElementChild?.shadowRoot?.textContent ?? ""));
  assert.equal(await page.locator("#two .ksw-error button").count(), 1, "a Retry button");
});

test("the release modules have no demo org, and say so", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    window.modules.conversation.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "c1" }, transport: { kind: "demo" },
    });
    window.modules.insight.mount(document.getElementById("two"), {
      view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "demo" }, salesforce: { subdomain: "acme" },
    });
  });
  for (const id of ["#one", "#two"]) {
    await waitForState(page, id, "error");
    await assertText(page.locator(`${id} .ksw-error-message`), /this build has no demo org/);
  }
  const exported = await page.evaluate(() => [window.modules.conversation, window.modules.insight].map((module) => typeof module.demoConversations));
  assert.deepEqual(exported, ["undefined", "undefined"]);
});

test("each host's module carries its own view and names the module with the other", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    const hostFetch = async () => new Promise(() => {});
    window.modules.conversation.mount(document.getElementById("one"), {
      view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "host" }, salesforce: { subdomain: "acme" },
    }, hostFetch);
    window.modules.insight.mount(document.getElementById("two"), {
      view: "conversation", context: { conversationId: "c1" }, transport: { kind: "host" },
    }, hostFetch);
  });
  await waitForState(page, "#one", "error");
  await assertText(page.locator("#one .ksw-error-message"),
    "Configuration error in `view`: this module does not carry the Insight Card: it is in the Kustomer sidebar's module (dist/insight/)");
  await waitForState(page, "#two", "error");
  await assertText(page.locator("#two .ksw-error-message"),
    "Configuration error in `view`: this module does not carry the conversation view: it is in the Salesforce Case page's module (dist/conversation/)");
  assert.deepEqual(page.problems, []);
});

test("the preview page mounts both views on the demo org", async () => {
  const page = await strictPage(shared.browser);
  await page.goto(`${shared.server.url}/preview/`);
  await waitForState(page, "#conversation-widget", "ready");
  await assertText(page.locator("#conversation-widget .ksw-subject"), "Invoice #4417 charged twice");
  await waitForState(page, "#insight-widget", "ready");
  // Jane by email and phone, and her billing contact by the Kustomer id on it.
  await assertText(page.locator("#insight-widget .ksw-contacts .ksw-record-link").first(), "Jane Cooper");
  await assertText(page.locator("#insight-widget .ksw-contacts .ksw-record").last(), /Matchedby Kustomer id.*Billing contact/);
  await assertText(page.locator("#insight-widget .ksw-related[aria-label='Subscriptions'] .ksw-record-link").first(), /^SUB-/);
  await assertText(page.locator("#insight-widget .ksw-case .ksw-sync-status"), "Syncs to Salesforce");
  await assertText(
    page.locator("#insight-widget .ksw-upsert-url"),
    "PATCH https://northwind.my.salesforce.com/services/data/v42.0/sobjects/Case/KustomerApp__Conversation_ID__c/6140cefd91ffddd18144e08b",
  );
  const options = await page.locator("#conversation option").count();
  assert.ok(options >= 13, `every demo conversation is offered, found ${options}`);
  await page.selectOption("#scenario", "server-error");
  await waitForState(page, "#conversation-widget", "error");
  assert.deepEqual(page.problems, []);
});

async function assertText(locator, expected) {
  const text = (await locator.textContent({ timeout: 5000 }))?.trim();
  if (expected instanceof RegExp) assert.match(text, expected);
  else assert.equal(text, expected);
}

test("a widget whose handle is dropped stays whole after garbage collection", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    const conversation = { data: { id: "g1", attributes: { name: "Handle ignored", assignedUsers: [] } } };
    const messages = { data: [{ id: "m1", attributes: { channel: "chat", direction: "in", body: "still here" } }] };
    const hostFetch = async ({ path }) => ({ status: 200, headers: {}, body: JSON.stringify(path === "/v1/conversations/g1" ? conversation : messages) });
    // The shortest embed: the returned handle is not kept.
    window.widget.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "g1" }, transport: { kind: "host" },
    }, hostFetch);
  });
  await waitForState(page, "#one", "ready");
  await page.evaluate(async () => {
    for (let round = 0; round < 5; round++) {
      gc();
      // Finalizers run on later tasks, not inside gc().
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  assert.equal(await page.locator("#one .ksw-message-text, #one .ksw-message").count() > 0, true, "the messages are still shown");
  assert.match(await page.locator("#one .ksw-subject").textContent(), /Handle ignored/);
  assert.equal(await page.getAttribute("#one", "data-state"), "ready");
  assert.deepEqual(page.problems, []);
});

test("a widget whose element left the document is torn down at the next mount", async () => {
  const page = await hostPage();
  const state = await page.evaluate(async () => {
    const hostFetch = async () => ({ status: 200, headers: {}, body: '{"data":{"id":"x","attributes":{}}}' });
    const gone = document.createElement("div");
    document.body.append(gone);
    window.widget.mount(gone, { view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "host" },
      salesforce: { subdomain: "acme" }, visibility: { card: false } }, hostFetch);
    gone.remove();
    window.widget.mount(document.getElementById("two"), { view: "insight", context: { customerEmails: ["a@b.co"] },
      transport: { kind: "host" }, salesforce: { subdomain: "acme" }, visibility: { card: false } }, hostFetch);
    return { shadow: gone.querySelector(".ksw-host") === null, state: gone.dataset.state ?? null };
  });
  assert.deepEqual(state, { shadow: true, state: null }, "everything mount added to the removed element is gone");
});

// A hostFetch whose answers the test gives by hand: every request waits in `window.waiting`
// until `window.answer()` answers them all. A conversation's first answers lead to more
// requests (its customer), so a load that goes on after them is seen asking.
async function pageWithHeldAnswers() {
  const page = await hostPage();
  await page.evaluate(() => {
    const bodies = (id) => ({
      [`/v1/conversations/${id}`]: { data: { id, attributes: { name: `Subject of ${id}`, assignedUsers: [] },
        relationships: { customer: { data: { type: "customer", id: `${id}-customer` } } } } },
      [`/v1/conversations/${id}/messages?page=1&pageSize=100`]: { data: [{ id: `${id}m1`, attributes: { channel: "chat", direction: "in", body: "hello" } }] },
      [`/v1/conversations/${id}/attachments?page=1&pageSize=100`]: { data: [] },
      [`/v1/customers/${id}-customer`]: { data: { id: `${id}-customer`, attributes: { displayName: `Customer of ${id}` } } },
    });
    window.calls = [];
    window.waiting = [];
    window.hostFetch = (request) => {
      window.calls.push(request.path);
      return new Promise((resolve) => window.waiting.push(() => {
        const body = bodies(request.path.split("/")[3].replace("-customer", ""))[request.path];
        resolve({ status: body ? 200 : 404, headers: {}, body: JSON.stringify(body ?? { errors: [] }) });
      }));
    };
    window.answer = async () => {
      for (const resolve of window.waiting.splice(0)) resolve();
      // Whatever the answers start runs in later tasks: let them run.
      for (let task = 0; task < 3; task++) await new Promise((resolve) => setTimeout(resolve, 20));
    };
  });
  return page;
}

test("an answer that comes after unmount is dropped: no change to the page, no error, no further request", async () => {
  const page = await pageWithHeldAnswers();
  const after = await page.evaluate(async () => {
    const element = document.getElementById("one");
    const handle = window.widget.mount(element, { view: "conversation", context: { conversationId: "c1" }, transport: { kind: "host" } }, window.hostFetch);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const asked = window.calls.length;
    handle.unmount();
    const changes = [];
    new MutationObserver((records) => changes.push(...records.map((record) => record.type)))
      .observe(element, { subtree: true, childList: true, attributes: true, characterData: true });
    await window.answer();
    return { asked, calls: window.calls.length, changes, html: element.outerHTML };
  });
  assert.ok(after.asked >= 1, "the widget was waiting for its first answers");
  assert.equal(after.calls, after.asked, "no request after unmount");
  assert.deepEqual(after.changes, [], "the element is not touched");
  assert.equal(after.html, '<div id="one"></div>');
  assert.deepEqual(page.problems, []);
});

test("after update(), the answer for the previous conversation is dropped and its load stops", async () => {
  const page = await pageWithHeldAnswers();
  await page.evaluate(async () => {
    window.handle = window.widget.mount(document.getElementById("one"),
      { view: "conversation", context: { conversationId: "c1" }, transport: { kind: "host" } }, window.hostFetch);
    await new Promise((resolve) => setTimeout(resolve, 20));
    window.askedForC1 = window.calls.filter((path) => path.includes("/c1")).length;
    window.handle.update({ conversationId: "c2" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Both conversations' first requests are waiting; answer until nothing more is asked.
    while (window.waiting.length) await window.answer();
  });
  await waitForState(page, "#one", "ready");
  await assertText(page.locator("#one .ksw-subject"), "Subject of c2");
  const { calls, askedForC1 } = await page.evaluate(() => ({ calls: window.calls, askedForC1: window.askedForC1 }));
  assert.ok(askedForC1 >= 1, "c1's first requests were waiting");
  assert.equal(calls.filter((path) => path.includes("/c1")).length, askedForC1, `c1's load made no request after update(): ${calls}`);
  assert.deepEqual(page.problems, []);
});

test("unmount aborts a proxy request still waiting for its answer", async () => {
  const page = await hostPage();
  const open = () => page.evaluate(async () => (await (await fetch("/proxy/hanging")).json()).open);
  const before = await open();
  await page.evaluate((base) => {
    window.handle = window.modules.preview.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "p1" },
      transport: { kind: "proxy", kustomer: `${base}/proxy/hang`, salesforce: `${base}/proxy/hang`, timeoutMs: 60000 },
    });
  }, shared.server.url);
  await until(async () => (await open()) > before, "the first requests to reach the proxy");
  await page.evaluate(() => window.handle.unmount());
  await until(async () => (await open()) === before, "the request to be aborted (it stays open until its 60 s timeout otherwise)");
  assert.deepEqual(page.problems, []);
});

async function until(condition, what) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("unmount stops reading ahead: the earlier page still on its way is aborted", async () => {
  const page = await hostPage();
  const open = () => page.evaluate(async () => (await (await fetch("/proxy/hanging")).json()).open);
  const before = await open();
  await page.evaluate((base) => {
    window.handle = window.modules.preview.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "long" },
      transport: { kind: "proxy", kustomer: `${base}/proxy/long`, salesforce: `${base}/proxy/long`, timeoutMs: 60000 },
    });
  }, shared.server.url);
  await waitForState(page, "#one", "ready");
  await assertText(page.locator("#one .ksw-message").last().locator(".ksw-text"), "message 499");
  await until(async () => (await open()) === before + 1, "page 3 to be read ahead");
  await page.evaluate(() => window.handle.unmount());
  await until(async () => (await open()) === before, "the read ahead to be aborted (it stays open until its 60 s timeout otherwise)");
  assert.deepEqual(page.problems, []);
});

test("refresh() looks again at the cost the budgets allow, with data-state ready throughout", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    window.states = [];
    window.calls = [];
    window.size = 3;
    const at = (n) => new Date(Date.UTC(2026, 10, 20, 10, n)).toISOString();
    const answer = (request) => {
      window.calls.push(`${request.service} ${request.path}`);
      if (request.service === "salesforce") {
        const body = request.path.includes("/search/") ? { searchRecords: [{ attributes: { type: "Contact" }, Id: "003A", Name: "Ada Lovelace", Email: "ada@example.com" }] }
          : { totalSize: 0, done: true, records: [] };
        return { status: 200, headers: {}, body: JSON.stringify(body) };
      }
      if (request.path === "/v1/conversations/r1") {
        return { status: 200, headers: {}, body: JSON.stringify({ data: { id: "r1", attributes: { name: "Watched", assignedUsers: [], messageCount: window.size, lastMessageAt: at(window.size - 1) } } }) };
      }
      if (request.path.includes("/messages?")) {
        const data = Array.from({ length: window.size }, (_, n) => ({ id: `m${n}`, attributes: { channel: "chat", direction: "in", body: `line ${n}`, sentAt: at(n) } }));
        return { status: 200, headers: {}, body: JSON.stringify({ data, links: { next: null } }) };
      }
      return { status: 200, headers: {}, body: JSON.stringify({ data: [] }) };
    };
    for (const id of ["one", "two"]) {
      new MutationObserver(() => window.states.push(`${id} ${document.getElementById(id).dataset.state}`))
        .observe(document.getElementById(id), { attributes: true, attributeFilter: ["data-state"] });
    }
    window.conversation = window.widget.mount(document.getElementById("one"),
      { view: "conversation", context: { conversationId: "r1" }, transport: { kind: "host" }, timeZone: "UTC" }, async (r) => answer(r));
    window.card = window.widget.mount(document.getElementById("two"),
      { view: "insight", context: { customerEmails: ["ada@example.com"] }, transport: { kind: "host" }, salesforce: { subdomain: "acme" } }, async (r) => answer(r));
  });
  await waitForState(page, "#one", "ready");
  await waitForState(page, "#two", "ready");
  await page.evaluate(() => { window.calls = []; window.states = []; });

  // Nothing new: one request for the conversation, none for the card (saved for 5 minutes).
  await page.evaluate(() => { window.conversation.refresh(); window.card.refresh(); });
  await page.waitForFunction(() => window.calls.length >= 1);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.calls), ["kustomer /v1/conversations/r1"]);

  // Two new messages: the conversation, then the page; they show, in order.
  await page.evaluate(() => { window.calls = []; window.size = 5; window.conversation.refresh(); });
  await page.waitForFunction(() => document.querySelector("#one .ksw-host").shadowRoot.querySelectorAll(".ksw-message").length === 5);
  const calls = await page.evaluate(() => window.calls);
  assert.equal(calls[0], "kustomer /v1/conversations/r1");
  assert.ok(calls.length <= 3, calls.join("\n"));
  const states = await page.evaluate(() => window.states);
  assert.ok(!states.some((state) => !state.endsWith("ready")), `data-state never left ready: ${states}`);
  await page.evaluate(() => { window.conversation.unmount(); window.card.unmount(); });
  assert.deepEqual(page.problems, []);
});

test("a visible conversation looks again every refreshSeconds, one request a look", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    window.calls = [];
    const at = (n) => new Date(Date.UTC(2026, 10, 20, 10, n)).toISOString();
    window.handle = window.widget.mount(document.getElementById("one"),
      { view: "conversation", context: { conversationId: "i1" }, transport: { kind: "host" }, timeZone: "UTC", refreshSeconds: 30 },
      async (request) => {
        window.calls.push(request.path);
        const body = request.path === "/v1/conversations/i1"
          ? { data: { id: "i1", attributes: { name: "Quiet", assignedUsers: [], messageCount: 1, lastMessageAt: at(0) } } }
          : request.path.includes("/messages?")
            ? { data: [{ id: "m0", attributes: { channel: "chat", direction: "in", body: "hello", sentAt: at(0) } }], links: { next: null } }
            : { data: [] };
        return { status: 200, headers: {}, body: JSON.stringify(body) };
      });
  });
  await waitForState(page, "#one", "ready");
  const before = await page.evaluate(() => window.calls.length);
  // One interval and a little: one look, the conversation alone.
  await page.waitForTimeout(31_500);
  assert.deepEqual((await page.evaluate(() => window.calls)).slice(before), ["/v1/conversations/i1"]);
  await page.evaluate(() => window.handle.unmount());
  assert.deepEqual(page.problems, []);
});
