// The Kustomer card's bridge and settings: what the Cards SDK gives (see
// tests/e2e/pages/kustomer-standin.js for each shape's source) turned into the widget's
// answers, and the app's settings read from the card's address.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  callSdk, commandAnswer, commandFailure, isUnknownCommand, kustomerAnswer, kustomerFailure, notInstalled,
} from "../../www/hosts/kustomer/bridge.js";
import { mountConfig, orgIdOf, settingsFromQuery, settingValue, widgetContext } from "../../www/hosts/kustomer/settings.js";

const body = (answer) => JSON.parse(answer.body);

test("a bare record or list becomes a JSON:API document; a whole document passes as it is", () => {
  assert.deepEqual(body(kustomerAnswer({ type: "customer", id: "k1" })), { data: { type: "customer", id: "k1" } });
  assert.deepEqual(body(kustomerAnswer([{ id: "m1" }])), { data: [{ id: "m1" }] });
  const document = { data: { id: "c1" }, links: { next: null } };
  assert.deepEqual(body(kustomerAnswer(document)), document);
  assert.equal(kustomerAnswer(null).status, 200);
});

test("Kustomer's errors keep their status and title, in either shape", () => {
  const shaped = kustomerFailure({ error: { status: 404, code: "not.found", title: "Customer not found", source: {} } });
  assert.equal(shaped.status, 404);
  assert.deepEqual(body(shaped).errors[0], { status: "404", title: "Customer not found", code: "not.found" });
  const listed = kustomerFailure({ errors: [{ status: "403", title: "Forbidden" }] });
  assert.equal(listed.status, 403);
  const thrown = kustomerFailure(new Error("socket hang up"));
  assert.equal(thrown.status, 502);
  assert.equal(body(thrown).errors[0].title, "socket hang up");
  assert.doesNotMatch(JSON.stringify(body(shaped)), /object Object/);
});

test("a command's statusCode is the status, and Salesforce's usage header passes through", () => {
  const ok = commandAnswer({ statusCode: 200, responseBody: { records: [] }, responseHeaders: { "Sforce-Limit-Info": "api-usage=5/100" } });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.headers, { "sforce-limit-info": "api-usage=5/100" });
  assert.equal(commandAnswer({ statusCode: 500, responseBody: "oops" }).status, 500);
  assert.equal(commandAnswer({ statusCode: 200, responseBody: "{\"done\":true}" }).body, "{\"done\":true}");
});

test("a Salesforce error array is an error whatever the status says", () => {
  const limit = [{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }];
  assert.equal(commandAnswer({ statusCode: 200, responseBody: limit }).status, 403);
  assert.equal(commandAnswer({ statusCode: 403, responseBody: limit }).status, 403);
  assert.equal(commandAnswer({ statusCode: 200, responseBody: [{ errorCode: "INVALID_SESSION_ID", message: "x" }] }).status, 401);
  assert.equal(commandAnswer({ statusCode: 200, responseBody: [{ errorCode: "MALFORMED_QUERY", message: "x" }] }).status, 400);
  assert.equal(commandAnswer({ statusCode: 200, responseBody: [] }).status, 200, "an empty list is not an error");
});

test("Kustomer's saved answer is marked with when Salesforce gave it", () => {
  const saved = commandAnswer({
    statusCode: 200, cacheFallback: true, responseBody: { records: [] },
    responseHeaders: { Date: "Mon, 23 Nov 2026 10:00:00 GMT" },
  });
  assert.equal(saved.status, 200);
  assert.equal(saved.headers["x-cache-fallback"], "true");
  assert.equal(saved.headers["x-cache-saved-at"], String(Date.UTC(2026, 10, 23, 10)));
  const withError = commandAnswer({ statusCode: 403, cacheFallback: true, responseBody: { records: [] } });
  assert.equal(withError.status, 200, "the saved answer is good data of its time");
  assert.equal(withError.headers["x-cache-fallback"], "403");
  assert.equal(withError.headers["x-cache-saved-at"], undefined, "no date, no age claimed");
  assert.equal(commandAnswer({ statusCode: 200, responseBody: {} }).headers["x-cache-fallback"], undefined);
});

test("failed runs are Salesforce-shaped errors, and a missing command names every name tried", () => {
  const failed = commandFailure({ error: { status: 401, code: "auth.unauthorized", title: "Not allowed" } });
  assert.equal(failed.status, 401);
  assert.deepEqual(body(failed), [{ errorCode: "auth.unauthorized", message: "Not allowed" }]);
  assert.ok(isUnknownCommand({ error: { status: 404, code: "command.not_found" } }));
  assert.ok(!isUnknownCommand({ error: { status: 500, title: "boom" } }));
  const missing = notInstalled(["a_1.app.salesforce.query", "a.app.salesforce.query"]);
  assert.equal(missing.status, 404);
  assert.equal(body(missing)[0].message,
    "the command a_1.app.salesforce.query is not installed in this org (tried a_1.app.salesforce.query, a.app.salesforce.query)");
});

test("SDK calls settle once, by callback or by promise", async () => {
  assert.equal(await callSdk((x, done) => setTimeout(() => done(null, x + 1), 0), 1), 2);
  assert.equal(await callSdk((x) => Promise.resolve(x * 3), 2), 6);
  await assert.rejects(callSdk((done) => done({ error: { status: 404 } })), (error) => error.error.status === 404);
  await assert.rejects(callSdk(() => { throw new Error("no SDK"); }), /no SDK/);
  // Both forms at once: the first answer wins, the second is ignored.
  assert.equal(await callSdk((done) => { done(null, "callback"); return Promise.resolve("promise"); }), "callback");
});

test("settings come from the card's address; an unfilled placeholder is named, a plus stays a plus", () => {
  const { settings, missing } = settingsFromQuery(
    "?salesforceSubdomain=engines&timeZone=Etc/GMT+5&currency={{{settings.default.currency}}}&contactFields=Department,%20Title&showLeads=false&recordTypeId=",
  );
  assert.equal(settings.salesforceSubdomain, "engines");
  assert.equal(settings.timeZone, "Etc/GMT+5");
  assert.equal(settings.contactFields, "Department, Title");
  assert.equal(settings.showLeads, "false");
  assert.ok(!("recordTypeId" in settings), "empty is the default");
  assert.ok(missing.includes("currency"));
  assert.ok(missing.includes("locale"), "absent from the address altogether");
  assert.ok(!missing.includes("recordTypeId"));
  assert.equal(settingValue({ type: "setting", attributes: { value: "{}" } }), "{}");
  assert.equal(settingValue({ value: { a: 1 } }).a, 1);
  assert.equal(settingValue({ attributes: { value: null } }), undefined);
});

test("the context gives the customer's emails, phones, conversation and org", () => {
  const customer = {
    type: "customer", id: "k1",
    attributes: { emails: [{ email: "ada@engines.example" }, {}], phones: [{ phone: "+44 20 7946 0018" }, { phone: "" }] },
    relationships: { org: { data: { type: "org", id: "org1" } } },
  };
  assert.deepEqual(widgetContext({ customer, conversation: { id: "c9" } }), {
    customerEmails: ["ada@engines.example"], customerPhones: ["+44 20 7946 0018"], customerId: "k1", conversationId: "c9",
  });
  assert.equal(orgIdOf({ customer }), "org1");
  assert.equal(orgIdOf({ conversation: { relationships: { org: { data: { id: "org2" } } } } }), "org2");
  assert.equal(orgIdOf({ customer: { id: "k1" } }), undefined);
});

test("related lists, the section order and matching reach the widget as the admin set them", () => {
  const lists = '[{"object":"Case","parent":"Contact","fields":["CaseNumber","Subject"]}]';
  const config = mountConfig(
    { salesforceSubdomain: "acme", relatedLists: lists, sections: "Case, contacts", matchContactField: " Kustomer_Id__c ", matchPhones: "true" },
    { customerEmails: [] },
  );
  assert.deepEqual(config.relatedLists, JSON.parse(lists));
  assert.deepEqual(config.sections, ["Case", "contacts"]);
  assert.deepEqual(config.match, { phones: true, contactField: "Kustomer_Id__c" });
  // JSON that does not parse goes on as text, for the widget to refuse by its key.
  assert.equal(mountConfig({ relatedLists: "[{oops" }, {}).relatedLists, "[{oops");
  const plain = mountConfig({ salesforceSubdomain: "acme", sections: "", matchPhones: "false" }, {});
  assert.ok(!("relatedLists" in plain) && !("sections" in plain) && !("match" in plain), JSON.stringify(plain));
});
