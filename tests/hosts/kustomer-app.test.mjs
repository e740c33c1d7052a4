// The Kustomer app definition: read-only commands on Salesforce's query, search and
// object info addresses only, cached within the documented range, labelled settings for every option
// the card reads, and a KView whose template reads only what a template's scope holds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { ADDRESS_SETTINGS, FETCHED_SETTINGS } from "../../www/hosts/kustomer/settings.js";

const folder = new URL("../../www/hosts/kustomer/", import.meta.url);
const app = JSON.parse(await readFile(new URL("app.json", folder), "utf8"));
const settings = app.settings.default;

test("every command is a cached GET on the query, search or object info address, filled only with a version and a statement or object names", async () => {
  assert.equal(app.commands.length, 3);
  const base = String.raw`^https:\/\/\{\{\{instance\}\}\}\.my\.salesforce\.com\/services\/data\/\{\{\{version\}\}\}\/`;
  for (const command of app.commands) {
    assert.equal(command.httpMethod, "get", command.name);
    if (command.name.endsWith(".objectInfo")) {
      // The UI API's batch object info: labels, readable fields, child relationships.
      assert.match(command.url, new RegExp(`${base}ui-api\\/object-info\\/batch\\/\\{\\{\\{objects\\}\\}\\}$`));
      assert.deepEqual(command.permittedArgs, ["version", "objects"]);
    } else {
      assert.match(command.url, new RegExp(`${base}(query|search)\\/\\?q=\\{\\{\\{q\\}\\}\\}$`));
      assert.deepEqual(command.permittedArgs, ["version", "q"]);
    }
    // "Define a cacheSeconds field with a number value between 15 and 600" (the vendor's
    // cache fallback page): it also turns on the 24-hour fallback agents rely on.
    assert.ok(command.cacheSeconds >= 15 && command.cacheSeconds <= 600, `${command.name}: ${command.cacheSeconds}`);
    assert.equal(command.appAccountName, "default", "runs with the app's Salesforce connection, the App Account named default");
    assert.ok(command.name.startsWith(`${app.app}.app.`), "declared under the app's plain name; the org id is added by the platform");
  }
  const card = await readFile(new URL("card.js", folder), "utf8");
  for (const command of app.commands) {
    const short = command.name.replace(/^kustomer_salesforce_widget\.app\./, "");
    assert.ok(card.includes(`"${short}"`), `card.js runs ${short}`);
  }
});

test("only documented keys at the top, and labels for every setting on the settings page", () => {
  // The documented keys (the vendor's app definition reference), and those the starter
  // configurations and published apps carry (version, title, description, iconUrl,
  // visibility).
  const known = ["app", "version", "title", "description", "iconUrl", "visibility", "settings", "auth", "klasses", "kviews",
    "widgets", "hooks", "triggers", "actions", "workflows", "commands", "outboundWebhooks", "i18n", "changelog", "appDetails"];
  for (const key of Object.keys(app)) assert.ok(known.includes(key), `unknown top-level key ${key}`);
  assert.match(app.iconUrl, /^https:\/\//);
  const labels = app.i18n.en_us;
  for (const name of Object.keys(settings)) {
    // "<app>.settings.path.default.<name>.displayName", as a published app labels its settings.
    assert.ok(labels[`${app.app}.settings.path.default.${name}.displayName`], `${name} has a label`);
    assert.ok(labels[`${app.app}.settings.path.default.${name}.description`], `${name} has a description`);
  }
});

test("the app's settings cover every option the card reads, and the card reads every setting", async () => {
  const declared = new Set(Object.keys(settings));
  declared.delete("cardUrl"); // the card's own address, used by the KView
  assert.deepEqual([...ADDRESS_SETTINGS, ...FETCHED_SETTINGS].sort(), [...declared].sort());
  const source = await readFile(new URL("settings.js", folder), "utf8");
  for (const name of declared) {
    if (name === "appName") continue; // read by card.js, to name the commands
    assert.ok(source.includes(`settings.${name}`) || ["locale", "timeZone", "colorScheme"].includes(name), `settings.js reads ${name}`);
  }
});

test("the KView reads no variable a template does not have: settings reach the card as placeholders Kustomer fills", () => {
  const [kview] = app.kviews;
  assert.equal(kview.context, "smartbar-card");
  assert.equal(kview.meta.displayName, "Salesforce");
  assert.equal(kview.displayName, undefined, "the display name lives under meta");
  // A template's scope is the record in view (customer, object, context) and lodash;
  // nothing public or documented reads `settings` in one.
  const outsideStrings = kview.template.replace(/"[^"]*"/g, '""');
  const expressions = [...outsideStrings.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  assert.deepEqual(expressions, ["object.context"]);
  assert.doesNotMatch(kview.template, /_\.get\(settings/);
  const src = /^<DynamicCard src="([^"]*)" context=\{object\.context\} noPadding fillToWidth \/>$/.exec(kview.template)?.[1];
  assert.ok(src, kview.template);
  assert.ok(src.startsWith("{{{settings.default.cardUrl}}}?"));
  const placed = [...src.matchAll(/(\w+)=\{\{\{settings\.default\.(\w+)\}\}\}/g)].map(([, key, name]) => {
    assert.equal(key, name);
    return name;
  });
  assert.deepEqual(placed, ADDRESS_SETTINGS);
  for (const name of FETCHED_SETTINGS) assert.ok(!src.includes(name), `${name} is read through the settings endpoint`);
  assert.equal(settings.showLeads.defaultValue, true);
  assert.equal(settings.caseSync.defaultValue, false);
  assert.equal(settings.appName.defaultValue, "", "the org id is found at run time, not typed by an admin");
});
