// The Kustomer card page against a stand-in for the Cards SDK that behaves as cards in
// real orgs see it (see pages/kustomer-standin.js for each fact and its source): bare
// `data` from `Kustomer.request`, `{error: {...}}` failures, commands only under the
// private app's namespaced name, results with `statusCode` and `cacheFallback`, and the
// app's settings in the card's address as Kustomer fills the KView's placeholders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serverAndBrowser, strictPage } from "./support.mjs";

const shared = serverAndBrowser();
const standIn = readFile(new URL("./pages/kustomer-standin.js", import.meta.url), "utf8");
const app = JSON.parse(await readFile(new URL("../../www/hosts/kustomer/app.json", import.meta.url), "utf8"));

const ADA = { type: "customer", id: "k1", attributes: { displayName: "Ada Lovelace", emails: [{ email: "ada@engines.example" }], phones: [{ phone: "+44 20 7946 0018", type: "work" }] } };

/**
 * The card's address as Kustomer builds it from the KView: each
 * `{{{settings.default.<name>}}}` filled with the org's value (or the setting's default);
 * names in `unfilled` are left as Kustomer leaves a placeholder it cannot fill.
 */
function cardAddress(settings, unfilled = []) {
  const template = app.kviews[0].template;
  const src = /src="([^"]*)"/.exec(template)[1];
  return src.replace(/\{\{\{settings\.default\.(\w+)\}\}\}/g, (placeholder, name) => {
    if (unfilled.includes(name)) return placeholder;
    if (name === "cardUrl") return `${shared.server.url}/hosts/kustomer/card.html`;
    return String(settings[name] ?? app.settings.default[name].defaultValue ?? "");
  });
}

async function openCard(settings, { unfilled = [], before, arg } = {}) {
  const page = await strictPage(shared.browser);
  // The SDK's CDN address is served by the stand-in; nothing leaves the machine.
  await page.route("https://cdn.kustomerapp.com/**", async (route) =>
    route.fulfill({ contentType: "text/javascript", body: await standIn }));
  await page.goto(cardAddress(settings, unfilled));
  await page.waitForFunction(() => window.kustomerStart || document.getElementById("widget").dataset.state);
  if (before) await page.evaluate(before, arg);
  return page;
}

const start = (page, context) => page.evaluate((context) => window.kustomerStart(context), context);
const state = (page) => page.evaluate(() => document.getElementById("widget").dataset.state);
const waitFor = (page, wanted) => page.waitForFunction((wanted) => document.getElementById("widget").dataset.state === wanted, wanted);
const text = (page) => page.evaluate(() => document.querySelector("#widget .ksw-host")?.shadowRoot.querySelector(".ksw-root")?.textContent
  ?? document.getElementById("widget").textContent);
const calls = (page) => page.evaluate(() => window.kustomerCalls);

test("the card learns the org's id, runs the private app's namespaced commands and asks Kustomer to resize", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" });
  // A context without the org's relationship: the card asks Kustomer once.
  await start(page, { customer: ADA });
  await waitFor(page, "ready");
  assert.match(await text(page), /Ada Lovelace/);
  assert.match(await text(page), /Analytical Engines/);
  const recorded = await calls(page);
  const orgId = await page.evaluate(() => window.kustomerOrgId);
  assert.deepEqual(recorded[0], ["initialize"]);
  assert.equal(recorded.filter(([kind, , url]) => kind === "request" && url === "/v1/orgs/current").length, 1);
  const commands = recorded.filter(([kind]) => kind === "command");
  assert.deepEqual(commands.map(([, name]) => name).sort(), [
    `kustomer_salesforce_widget_${orgId}.app.salesforce.query`,
    `kustomer_salesforce_widget_${orgId}.app.salesforce.search`,
  ]);
  for (const [, , args] of commands) {
    assert.match(args.version, /^v\d+\.0$/);
    assert.match(decodeURIComponent(args.q), /ada@engines\.example/);
  }
  await page.waitForFunction(() => window.kustomerCalls.some(([kind, size]) => kind === "resize" && /^\d+px$/.test(size?.height)));
  assert.equal(await page.evaluate(() => document.getElementById("settings-missing")), null, "every setting arrived");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the org's id from the context's relationships spares the lookup, and a context change updates the same mount", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" });
  const orgId = await page.evaluate(() => window.kustomerOrgId);
  const related = { ...ADA, relationships: { org: { data: { type: "org", id: orgId } } } };
  await start(page, { customer: related });
  await waitFor(page, "ready");
  await page.evaluate(() => { window.firstHost = document.querySelector("#widget .ksw-host"); });
  // Another customer, given by id only: the widget reads the emails through the agent's
  // access, which gives the record alone.
  await page.evaluate(() => window.kustomerEmit("context", { customer: { type: "customer", id: "k2", attributes: {} } }));
  await page.waitForFunction(() => /Grace Hopper/.test(document.querySelector("#widget .ksw-host").shadowRoot.textContent)
    && document.getElementById("widget").dataset.state === "ready");
  assert.ok(await page.evaluate(() => document.querySelector("#widget .ksw-host") === window.firstHost), "the same mount, not a new one");
  const recorded = await calls(page);
  assert.ok(recorded.some(([kind, , url]) => kind === "request" && url === "/v1/customers/k2"));
  assert.ok(!recorded.some(([kind, , url]) => kind === "request" && url === "/v1/orgs/current"), "the context named the org");
  assert.equal(recorded.filter(([kind]) => kind === "initialize").length, 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a Kustomer error keeps its status and title, and its record goes to the console under the card's prefix", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" });
  const warnings = [];
  page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
  await start(page, { customer: { type: "customer", id: "k404", attributes: {} } });
  await waitFor(page, "error");
  const shown = await text(page);
  assert.doesNotMatch(shown, /\[object Object\]/);
  assert.match(shown, /404|not found/i, shown);
  const prefixed = () => warnings.filter((line) => line.startsWith("kustomer-salesforce-widget diagnostic:"));
  for (let tries = 0; tries < 50 && prefixed().length === 0; tries++) await page.waitForTimeout(20);
  const lines = prefixed();
  assert.equal(lines.length, 1, warnings.join("\n"));
  const record = JSON.parse(lines[0].slice("kustomer-salesforce-widget diagnostic:".length));
  assert.deepEqual([record.kind, record.view, record.service, record.status, record.path],
    ["request-refused", "insight", "kustomer", 404, "/v1/customers/{id}"]);
  assert.ok(!lines[0].includes("k404"), lines[0]);
  await page.close();
});

test("under the Salesforce API limit the card shows Kustomer's saved answer with its age", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" }, {
    before: () => { window.kustomerOrg.savedAt = Date.now() - 5 * 3600 * 1000; },
  });
  await start(page, { customer: ADA });
  await waitFor(page, "ready");
  assert.doesNotMatch(await text(page), /saved/i, "a fresh answer is shown as fresh");
  // The limit is reached, and this browser has no copy of its own: only Kustomer's
  // saved answer (kept for every agent of the org) can be shown.
  await page.evaluate(() => { window.kustomerOrg.limit = true; localStorage.clear(); });
  await page.evaluate(() => document.querySelector("#widget .ksw-host").shadowRoot.querySelector("[data-action=refresh]").click());
  await page.waitForFunction(() => /Kustomer saved/.test(document.querySelector("#widget .ksw-host").shadowRoot.textContent));
  const shown = await text(page);
  assert.match(shown, /API limit/);
  assert.match(shown, /showing the answer Kustomer saved 5 hours ago/);
  assert.match(shown, /Analytical Engines/, "the saved records are shown");
  assert.equal(await state(page), "ready");
  await page.close();
});

test("a Salesforce error array is an error whatever the command's status says", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" }, {
    // Nothing saved yet and the limit reached: Kustomer passes Salesforce's error on.
    before: () => { window.kustomerOrg.limit = true; },
  });
  await start(page, { customer: ADA });
  await waitFor(page, "error");
  assert.match(await text(page), /API limit/);
  await page.close();
});

test("a command this org does not have is named with every name tried", async () => {
  const page = await openCard({ salesforceSubdomain: "engines" }, { before: () => { window.kustomerOrg.noCommands = true; } });
  await start(page, { customer: ADA });
  await waitFor(page, "error");
  const orgId = await page.evaluate(() => window.kustomerOrgId);
  const shown = await text(page);
  assert.match(shown, new RegExp(`the command kustomer_salesforce_widget_${orgId}\\.app\\.salesforce\\.\\w+ is not installed in this org`));
  assert.match(shown, /tried kustomer_salesforce_widget_\w+\.app\.salesforce\.\w+, kustomer_salesforce_widget\.app\.salesforce\.\w+/);
  await page.close();
});

test("the app's settings become the widget's config, and a bad one is named", async () => {
  // Extra fields reach the query; objects switched off are neither shown nor queried.
  const page = await openCard({ salesforceSubdomain: "engines", contactFields: "Department, Shoe_Size__c", showLeads: false, showOpportunities: "false" });
  await start(page, { customer: ADA });
  await waitFor(page, "ready");
  const search = (await calls(page)).find(([kind, name]) => kind === "command" && name.endsWith("search"));
  const q = decodeURIComponent(search[2].q);
  // The org's object info says Contact has no readable Shoe_Size__c: left out before asking.
  assert.match(q, /Contact\(Id, Name, Title, Email, Phone, AccountId, Account\.Name, Owner\.Name, Department WHERE/);
  assert.doesNotMatch(q, /Lead\(/);
  assert.match(await text(page), /Shoe_Size__c does not exist on Contact or is not readable by the integration user/);
  assert.doesNotMatch(await text(page), /Opportunities/);
  await page.close();

  // Leads need Contacts: the widget's own config error names the setting.
  const bad = await openCard({ salesforceSubdomain: "engines", showContacts: false, showLeads: true });
  await start(bad, { customer: ADA });
  await waitFor(bad, "error");
  assert.match(await text(bad), /visibility\.leads/);
  assert.match(await text(bad), /Leads cannot be shown while Contacts are hidden/);
  await bad.close();
});

test("settings that do not arrive take their defaults and are listed; JSON settings come from the settings endpoint", async () => {
  const page = await openCard({ salesforceSubdomain: "engines", caseSync: true }, {
    unfilled: ["currency", "timeZone"],
    before: () => {
      window.kustomerOrg.settings = { customMappingBody: { Subject: "{{steps.1.attributes.name}}" } };
    },
  });
  await start(page, { customer: ADA });
  await waitFor(page, "ready");
  const missing = await page.evaluate(() => document.getElementById("settings-missing")?.textContent ?? "");
  assert.match(missing, /currency, timeZone/);
  assert.match(missing, /customMappingUrlArgs/, "a JSON setting the org has not set is listed too");
  assert.doesNotMatch(missing, /customMappingBody/);
  const orgId = await page.evaluate(() => window.kustomerOrgId);
  const asked = (await calls(page)).filter(([kind, , url]) => kind === "request" && url.startsWith("/v1/settings/")).map(([, , url]) => url);
  assert.ok(asked.includes(`/v1/settings/kustomer_salesforce_widget_${orgId}/default/customMappingBody`), asked.join(" "));
  await page.close();
});

test("related lists, the admin's order and both match rules: four commands cold, three for the next customer", async () => {
  const lists = [
    { object: "Subscription__c", parent: "Account", fields: ["Name", "Status__c"] },
    { object: "Case", parent: "Contact", fields: ["CaseNumber", "Subject"] },
  ];
  const page = await openCard(
    { salesforceSubdomain: "engines", sections: "Subscription__c,contacts,Case", matchContactField: "Kustomer_Customer_Id__c", matchPhones: true },
    { before: (lists) => { window.kustomerOrg.settings = { relatedLists: JSON.stringify(lists) }; }, arg: lists },
  );
  const orgId = await page.evaluate(() => window.kustomerOrgId);
  const related = (customer) => ({ customer: { ...customer, relationships: { org: { data: { type: "org", id: orgId } } } } });
  const commands = async () => (await calls(page)).filter(([kind]) => kind === "command");
  await start(page, related(ADA));
  await waitFor(page, "ready");
  const cold = await commands();
  assert.deepEqual(cold.map(([, name]) => name.replace(/^.*\.app\./, "")).sort(),
    ["salesforce.objectInfo", "salesforce.query", "salesforce.search", "salesforce.search"], JSON.stringify(cold));
  const shown = await text(page);
  assert.match(shown, /Subscriptions 2.*SUB-1.*Plan statusActive/s, "the org's labels");
  assert.ok(shown.indexOf("Subscriptions") < shown.indexOf("Contacts") && shown.indexOf("Contacts") < shown.indexOf("Cases"), shown);
  assert.match(shown, /Ada Lovelace.*Matchedby email, by phone/s);
  assert.match(shown, /Engines Accounts.*Matchedby Kustomer id/s);
  assert.match(shown, /Cases 1.*00001001/s);

  // The next customer in the same sidebar: the object info is saved, three commands.
  const charles = { type: "customer", id: "k3", attributes: { emails: [{ email: "charles@engines.example" }], phones: [{ phone: "+44 20 7946 0099" }] } };
  await page.evaluate((context) => window.kustomerEmit("context", context), related(charles));
  await page.waitForFunction(() => /Charles Babbage/.test(document.querySelector("#widget .ksw-host").shadowRoot.textContent)
    && document.getElementById("widget").dataset.state === "ready");
  const warm = (await commands()).slice(cold.length);
  assert.deepEqual(warm.map(([, name]) => name.replace(/^.*\.app\./, "")).sort(),
    ["salesforce.query", "salesforce.search", "salesforce.search"], JSON.stringify(warm));
  assert.equal(await page.evaluate(() => document.getElementById("settings-missing")), null);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a page opened outside Kustomer, or without its settings, says so", async () => {
  const page = await strictPage(shared.browser);
  await page.route("https://cdn.kustomerapp.com/**", (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
  await page.goto(`${shared.server.url}/hosts/kustomer/card.html`);
  await waitFor(page, "error");
  assert.match(await text(page), /open it in Kustomer/);
  await page.close();
});
