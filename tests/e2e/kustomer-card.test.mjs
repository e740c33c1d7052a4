// The Kustomer card page against a stand-in for the Cards SDK that records its calls:
// initialize, Salesforce read through the app's commands, a context change that updates
// the same mount, resize, and the app's settings turned into the widget's config.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serverAndBrowser, strictPage } from "./support.mjs";

const shared = serverAndBrowser();
const standIn = readFile(new URL("./pages/kustomer-standin.js", import.meta.url), "utf8");

const ADA = { type: "customer", id: "k1", attributes: { displayName: "Ada Lovelace", emails: [{ email: "ada@engines.example" }] } };

async function openCard(settings) {
  const page = await strictPage(shared.browser);
  // The SDK's CDN address is served by the stand-in; nothing leaves the machine.
  await page.route("https://cdn.kustomerapp.com/**", async (route) =>
    route.fulfill({ contentType: "text/javascript", body: await standIn }));
  const query = settings === undefined ? "" : `?settings=${encodeURIComponent(typeof settings === "string" ? settings : JSON.stringify(settings))}`;
  await page.goto(`${shared.server.url}/hosts/kustomer/card.html${query}`);
  await page.waitForFunction(() => window.kustomerStart || document.getElementById("widget").dataset.state);
  return page;
}

const state = (page) => page.evaluate(() => document.getElementById("widget").dataset.state);
const text = (page) => page.evaluate(() => document.querySelector("#widget .ksw-host")?.shadowRoot.querySelector(".ksw-root")?.textContent
  ?? document.getElementById("widget").textContent);
const calls = (page) => page.evaluate(() => window.kustomerCalls);

test("the card initializes, reads Salesforce through the app's commands, and asks Kustomer to resize", async () => {
  const page = await openCard({ salesforceSubdomain: "engines", appName: "ksw_app_org42" });
  await page.evaluate((context) => window.kustomerStart(context, { userRoles: [] }), { type: "customer", id: "k1", customer: ADA });
  await page.waitForFunction(() => document.getElementById("widget").dataset.state === "ready");
  assert.match(await text(page), /Ada Lovelace/);
  assert.match(await text(page), /Analytical Engines/);
  const recorded = await calls(page);
  assert.deepEqual(recorded[0], ["initialize"]);
  const commands = recorded.filter(([kind]) => kind === "command");
  assert.deepEqual(commands.map(([, name]) => name).sort(), ["ksw_app_org42.app.salesforce.query", "ksw_app_org42.app.salesforce.search"]);
  for (const [, , args] of commands) {
    assert.match(args.version, /^v\d+\.0$/);
    assert.match(decodeURIComponent(args.q), /ada@engines\.example/);
  }
  await page.waitForFunction(() => window.kustomerCalls.some(([kind]) => kind === "resize"));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a context change updates the same mount", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" });
  await page.evaluate((context) => window.kustomerStart(context, {}), { type: "customer", id: "k1", customer: ADA });
  await page.waitForFunction(() => document.getElementById("widget").dataset.state === "ready");
  await page.evaluate(() => { window.firstHost = document.querySelector("#widget .ksw-host"); });
  // Another customer, given by id only: the widget reads the emails from Kustomer.
  await page.evaluate(() => window.kustomerEmit("context", { type: "customer", id: "k2", customer: { type: "customer", id: "k2", attributes: {} } }));
  await page.waitForFunction(() => /Grace Hopper/.test(document.querySelector("#widget .ksw-host").shadowRoot.textContent)
    && document.getElementById("widget").dataset.state === "ready");
  assert.ok(await page.evaluate(() => document.querySelector("#widget .ksw-host") === window.firstHost), "the same mount, not a new one");
  const recorded = await calls(page);
  assert.ok(recorded.some(([kind, , url]) => kind === "request" && url === "/v1/customers/k2"), "emails read through the agent's own access");
  assert.equal(recorded.filter(([kind]) => kind === "initialize").length, 1);
  await page.close();
});

test("the app's settings become the widget's config, and a bad one is named", async () => {
  // Extra fields reach the query; objects switched off are neither shown nor queried.
  const page = await openCard({ salesforceSubdomain: "engines", contactFields: "Department, Shoe_Size__c", showLeads: false, showOpportunities: "false" });
  await page.evaluate((context) => window.kustomerStart(context, {}), { type: "customer", id: "k1", customer: ADA });
  await page.waitForFunction(() => document.getElementById("widget").dataset.state === "ready");
  const search = (await calls(page)).find(([kind, name]) => kind === "command" && name.endsWith("search"));
  const q = decodeURIComponent(search[2].q);
  assert.match(q, /Contact\(Id, Name, Title, Email, Phone, AccountId, Account\.Name, Owner\.Name, Department, Shoe_Size__c /);
  assert.doesNotMatch(q, /Lead\(/);
  assert.doesNotMatch(await text(page), /Opportunities/);
  await page.close();

  // Leads need Contacts: the widget's own config error names the setting.
  const bad = await openCard({ salesforceSubdomain: "engines", showContacts: false, showLeads: true });
  await bad.evaluate((context) => window.kustomerStart(context, {}), { type: "customer", id: "k1", customer: ADA });
  await bad.waitForFunction(() => document.getElementById("widget").dataset.state === "error");
  assert.match(await text(bad), /visibility\.leads/);
  assert.match(await text(bad), /Leads cannot be shown while Contacts are hidden/);
  await bad.close();

  const broken = await openCard("{not json");
  assert.equal(await state(broken), "error");
  assert.match(await text(broken), /The app's settings are not JSON/);
  await broken.close();
});
