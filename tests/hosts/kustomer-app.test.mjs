// The Kustomer app definition: read-only commands on Salesforce's query and search
// addresses only, cached for agents who look at one customer, and settings for every
// option the card page reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

const folder = new URL("../../www/hosts/kustomer/", import.meta.url);
const app = JSON.parse(await readFile(new URL("app.json", folder), "utf8"));
const settings = app.settings.default;

test("every command is a cached GET on the query or search address, filled only with a version and a statement", async () => {
  assert.equal(app.commands.length, 2);
  for (const command of app.commands) {
    assert.equal(command.httpMethod, "get", command.name);
    assert.match(command.url, /^https:\/\/\{\{\{instance\}\}\}\.my\.salesforce\.com\/services\/data\/\{\{\{version\}\}\}\/(query|search)\/\?q=\{\{\{q\}\}\}$/);
    assert.deepEqual(command.permittedArgs, ["version", "q"]);
    assert.ok(command.cacheSeconds > 0, "agents looking at one customer share an answer");
    assert.equal(command.appAccountName, "default", "runs with the app's Salesforce connection");
  }
  const card = await readFile(new URL("card.js", folder), "utf8");
  for (const command of app.commands) {
    const short = command.name.replace(/^kustomer_salesforce_widget\.app\./, "");
    assert.ok(card.includes(`"${short}"`), `card.js runs ${short}`);
  }
});

test("the app's settings cover every option the card reads, and the card reads every setting", async () => {
  const source = await readFile(new URL("settings.js", folder), "utf8") + await readFile(new URL("card.js", folder), "utf8");
  const read = new Set([...source.matchAll(/(?<![\/\w])settings\.(\w+)/g)].map((m) => m[1]).filter(Boolean));
  for (const key of ["locale", "timeZone", "colorScheme"]) read.add(key); // read through a loop in settings.js
  const declared = new Set(Object.keys(settings));
  declared.delete("cardUrl"); // used by the KView, not the card
  assert.deepEqual([...read].sort(), [...declared].sort());
});

test("the KView frames the card in the sidebar and hands it every setting but its own address", () => {
  const [kview] = app.kviews;
  assert.equal(kview.context, "smartbar-card");
  assert.match(kview.template, /^<DynamicCard src=\{_\.get\(settings, "cardUrl"\) \+ "\?settings=" \+ encodeURIComponent\(JSON\.stringify\(\{/);
  for (const key of Object.keys(settings).filter((key) => key !== "cardUrl")) {
    assert.ok(kview.template.includes(`"${key}": _.get(settings, "${key}")`), key);
  }
  assert.equal(settings.showLeads.defaultValue, true);
  assert.equal(settings.caseSync.defaultValue, false);
});
