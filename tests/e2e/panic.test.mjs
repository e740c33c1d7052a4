// An internal failure (a Rust panic) turns every mounted widget into a visible error and
// a console message, never a dead box that still says it is loading or ready.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, waitForState } from "./support.mjs";

const shared = serverAndBrowser();

test("a panic shows an error in every widget and says why in the console", async () => {
  const page = await shared.browser.newPage();
  const consoleErrors = [];
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  await page.goto(`${shared.server.url}/e2e/demo-host.html`);
  await page.waitForFunction(() => window.widget);
  await page.evaluate(() => {
    window.records = [];
    document.getElementById("one").addEventListener("ksw-diagnostic", (event) => window.records.push(event.detail));
    window.widget.mount(document.getElementById("two"), {
      view: "insight", context: { customerEmails: ["a@b.co"] }, transport: { kind: "demo" },
      salesforce: { subdomain: "acme" }, visibility: { card: false },
    });
    window.widget.mount(document.getElementById("one"), {
      view: "conversation", context: { conversationId: "6140cefd91ffddd18144e08b" },
      transport: { kind: "demo", scenario: "crash" },
    });
  });
  await waitForState(page, "#one", "error");
  await waitForState(page, "#two", "error");
  for (const id of ["#one", "#two"]) {
    assert.equal(
      (await page.locator(`${id} .ksw-error-message`).textContent()).trim(),
      "The widget stopped because of an internal error. Reload the page to try again.",
    );
  }
  assert.ok(consoleErrors.some((text) => text.includes("kustomer-salesforce-widget stopped") && text.includes("crash scenario")), consoleErrors.join("\n"));
  // The panic is a record too, announced at once: the module runs nothing after it.
  const records = await page.evaluate(() => window.records);
  assert.deepEqual(records.map((record) => [record.kind, record.view]), [["panic", "conversation"]]);
  await page.close();
});
