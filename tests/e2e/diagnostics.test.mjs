// Diagnostic records through the built release modules, as a host receives them: every
// failing hostFetch gives `ksw-diagnostic` events on the mount element, and no record
// holds anything the answers, the context or the errors held.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hostPage as openHostPage, serverAndBrowser, waitForState } from "./support.mjs";

const shared = serverAndBrowser();

// What the fixtures below carry that must never reach a record.
const PRIVATE = [
  "Grace Hopper", "ada@example.com", "Ada", "k1-secret", "0035g00000XyZabAAB", "Printer on fire", "WHERE Email",
  "relay exploded",
];

const hostPage = () => openHostPage(shared);

test("failing requests in both views give ksw-diagnostic events with no fixture content", async () => {
  const page = await hostPage();
  await page.evaluate(() => {
    window.records = { one: [], two: [] };
    for (const id of ["one", "two"]) {
      document.getElementById(id).addEventListener("ksw-diagnostic", (event) => window.records[id].push(event.detail));
    }
    // The conversation: the conversation refused with a body full of private text, its
    // messages' promise rejected, its attachments answered with what is not JSON.
    window.handles = [
      window.widget.mount(
        document.getElementById("one"),
        { view: "conversation", context: { conversationId: "6140cefd91ffddd18144e08b" }, transport: { kind: "host" } },
        async ({ path }) => {
          if (path.includes("/messages")) throw new Error("relay exploded for ada@example.com");
          if (path.includes("/attachments")) return { status: 200, headers: {}, body: "<html>Printer on fire</html>" };
          return { status: 503, headers: {}, body: JSON.stringify({ errors: [{ code: "service.unavailable", detail: "Grace Hopper's org k1-secret" }] }) };
        },
      ),
      // The card: Salesforce refuses the query, echoing it with the customer's email.
      window.widget.mount(
        document.getElementById("two"),
        { view: "insight", context: { customerEmails: ["ada@example.com"] }, transport: { kind: "host" }, salesforce: { subdomain: "diag-e2e" } },
        async () => ({
          status: 400,
          headers: {},
          body: JSON.stringify([{ errorCode: "MALFORMED_QUERY", message: "SELECT Id FROM Contact WHERE Email = 'ada@example.com' 0035g00000XyZabAAB" }]),
        }),
      ),
    ];
  });
  await waitForState(page, "#one", "error");
  await waitForState(page, "#two", "error");
  await page.waitForTimeout(100);
  const { records, handles } = await page.evaluate(() => ({
    records: window.records,
    handles: window.handles.map((handle) => handle.diagnostics()),
  }));
  assert.deepEqual(handles, [records.one, records.two], "handle.diagnostics() holds what was announced");

  const byPath = Object.fromEntries(records.one.map((record) => [record.path.split("?")[0], record]));
  assert.equal(byPath["/v1/conversations/{id}"]?.kind, "request-refused", JSON.stringify(records.one));
  assert.equal(byPath["/v1/conversations/{id}"].status, 503);
  assert.equal(byPath["/v1/conversations/{id}"].errorCode, "service.unavailable");
  assert.equal(byPath["/v1/conversations/{id}/messages"]?.kind, "request-failed", JSON.stringify(records.one));
  assert.equal(byPath["/v1/conversations/{id}/attachments"]?.kind, "unreadable-response", JSON.stringify(records.one));
  assert.ok(records.one.every((record) => record.view === "conversation" && record.service === "kustomer"));

  assert.ok(records.two.length >= 1, "the card's refused query is recorded");
  for (const record of records.two) {
    assert.deepEqual(
      [record.kind, record.view, record.service, record.status, record.errorCode],
      ["request-refused", "insight", "salesforce", 400, "MALFORMED_QUERY"],
      JSON.stringify(record),
    );
    assert.match(record.path, /^\/services\/data\/v\d+\.\d\/(query|search)\/?\?q=\{value\}$/);
  }

  const text = JSON.stringify(records);
  for (const secret of PRIVATE) assert.ok(!text.includes(secret), `${secret} reached a record: ${text}`);
  await page.close();
});
