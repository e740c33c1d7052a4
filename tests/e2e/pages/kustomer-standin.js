// A stand-in for Kustomer's Cards SDK, served in place of the CDN script. It behaves as
// the SDK does for cards in real orgs, each fact from public code or the vendor's docs:
//   - `Kustomer.request(options, callback)` gives the response's `data` member alone, an
//     object for a record (a staff card, makskustomer/alpha_insight_card card_script.js,
//     reads `customer.id` off the result; a React card reads `data.id` of
//     `/v1/orgs/current`); failures are `{error: {status, code, title, source}}` (the same
//     staff card reads `err.error.code`). The callback is node-style, `(err, data)`; with no
//     callback a promise is returned (a card hands it to react-query as a `queryFn`).
//   - `Kustomer.command.run(name, options, callback)` runs only names as the platform
//     namespaces a private app's commands: `<app>_<orgId>.app.<command>` (the vendor's
//     private app namespacing page; parcelLab/kustomer-app_bak src/parcellab_app/src/js/main.js
//     calls `parcellab_app_<orgId>.app.api.fetchOrderData`). Its result is a
//     `command_run_response`: `{commandId, statusCode, args, url, requestHeaders,
//     responseHeaders, responseBody, cacheFallback}`. On a 4xx or 5xx from the remote,
//     Kustomer serves the last answer it kept for the command (up to 24 hours) with
//     `cacheFallback: true`, and "the returned statusCode will be the cached response's
//     status code, as will be the responseHeaders and responseBody" (the vendor's cache
//     fallback page).
//   - Settings come from `GET /v1/settings/<app>/<category>/<name>`, a record whose
//     `value` holds the current value (the vendor's "get a setting" reference).
//   - `Kustomer.initialize(callback)` hands the context; `Kustomer.on('context', cb)`
//     hands later ones; `Kustomer.resize(...)` is recorded with its argument.
// A test drives it through `window.kustomerStart`, `window.kustomerEmit` and
// `window.kustomerOrg` (switches: `limit`, `noCommands`, `failSettings`).
(() => {
  const ORG = "5f0c2e1b9a8d7c6b5a4f3e2d";
  const APP = `kustomer_salesforce_widget_${ORG}`;
  const calls = [];
  const listeners = {};
  const org = { limit: false, noCommands: false, failSettings: false, settings: {}, saved: new Map(), savedAt: null };
  const records = {
    "/v1/customers/k2": { type: "customer", id: "k2", attributes: { displayName: "Grace Hopper", emails: [{ email: "grace@navy.example" }] } },
    "/v1/orgs/current": { type: "org", id: ORG, attributes: { name: "engines" } },
  };
  const people = {
    "ada@engines.example": { attributes: { type: "Contact" }, Id: "003ADA", Name: "Ada Lovelace", Email: "ada@engines.example", Phone: "+44 20 7946 0018", AccountId: "001AE", Account: { Name: "Analytical Engines" }, Kustomer_Customer_Id__c: null },
    "grace@navy.example": { attributes: { type: "Contact" }, Id: "003GH", Name: "Grace Hopper", Email: "grace@navy.example" },
    "charles@engines.example": { attributes: { type: "Contact" }, Id: "003CB", Name: "Charles Babbage", Email: "charles@engines.example", Phone: "+44 20 7946 0099", AccountId: "001AE", Account: { Name: "Analytical Engines" }, Kustomer_Customer_Id__c: null },
  };
  /** Found only by the Kustomer id on the Contact: Ada's billing contact. */
  const billing = { attributes: { type: "Contact" }, Id: "003ADB", Name: "Engines Accounts", Email: "accounts@engines.example", AccountId: "001AE", Account: { Name: "Analytical Engines" }, Kustomer_Customer_Id__c: "k1" };
  const digits = (text) => String(text ?? "").replace(/\D/g, "");

  /**
   * Object info as the UI API's batch resource answers it ("Get a Batch of Object
   * Metadata": `{results: [{statusCode, result}]}`, see src/salesforce/object_info.rs),
   * for the objects the card names; any other object is a 404 entry.
   */
  const described = {
    Account: { labelPlural: "Accounts", fields: ["Id", "Name", "ParentId", "NumberOfEmployees"],
      children: [["Contact", "AccountId", "Contacts"], ["Subscription__c", "Account__c", "Subscriptions__r"]] },
    Contact: { labelPlural: "Contacts", fields: ["Id", "Name", "Email", "Phone", "Department", "Kustomer_Customer_Id__c"],
      children: [["Case", "ContactId", "Cases"]] },
    Lead: { labelPlural: "Leads", fields: ["Id", "Name", "Email", "Kustomer_Customer_Id__c"], children: [] },
    Case: { labelPlural: "Cases", fields: ["Id", "CaseNumber", "Subject", "Status"], children: [] },
    Subscription__c: { labelPlural: "Subscriptions", fields: ["Id", "Name", "Status__c"], children: [],
      labels: { Name: "Subscription Number", Status__c: "Plan status" } },
  };
  function objectInfo(objects) {
    return { results: String(objects).split(",").map((name) => {
      const info = described[name];
      if (!info) return { statusCode: 404, result: [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }] };
      const fields = Object.fromEntries(info.fields.map((field) => [field, { apiName: field, label: info.labels?.[field] ?? field }]));
      const childRelationships = info.children.map(([childObjectApiName, fieldName, relationshipName]) => ({ childObjectApiName, fieldName, relationshipName }));
      return { statusCode: 200, result: { apiName: name, label: name, labelPlural: info.labelPlural, fields, childRelationships } };
    }) };
  }

  /** The Analytical Engines account as a query with these subqueries reads it. */
  function engines(q) {
    const contact = (record) => {
      const row = { Id: record.Id, Name: record.Name, Email: record.Email };
      if (q.includes("FROM Cases") && record.Id === "003ADA") row.Cases = { totalSize: 1, done: true, records: [{ Id: "500E1", CaseNumber: "00001001", Subject: "Gear train jams" }] };
      return row;
    };
    const contacts = Object.values(people).concat(billing)
      .filter((record) => record.AccountId === "001AE" && (q.includes(`'${record.Email}'`) || q.includes(`'${record.Id}'`)))
      .map(contact);
    const account = { Id: "001AE", Name: "Analytical Engines", Contacts: { totalSize: contacts.length, done: true, records: contacts } };
    if (q.includes("FROM Subscriptions__r")) {
      account.Subscriptions__r = { totalSize: 2, done: true, records: [
        { Id: "a0S1", Name: "SUB-1", Status__c: "Active" }, { Id: "a0S2", Name: "SUB-2", Status__c: "Trial" }] };
    }
    return account;
  }
  const notFound = (url) => ({ error: { status: 404, code: "not.found", title: `Not found: ${url}`, source: { pointer: url } } });

  /** Answers after a task, through the callback when there is one, else a promise. */
  function answer(callback, error, data) {
    if (callback) {
      setTimeout(() => callback(error, data), 0);
      return undefined;
    }
    return new Promise((resolve, reject) => setTimeout(() => (error ? reject(error) : resolve(data)), 0));
  }

  function settingRecord(url) {
    const match = /^\/v1\/settings\/([^/]+)\/default\/(\w+)$/.exec(url);
    if (!match || match[1] !== APP || org.failSettings || !(match[2] in org.settings)) return null;
    return { type: "setting", id: `${APP}.default.${match[2]}`, attributes: { value: org.settings[match[2]] } };
  }

  /** Salesforce's answer to a command's query or search, as the remote would give it. */
  function salesforce(name, args) {
    if (name.endsWith(".salesforce.objectInfo")) return objectInfo(args?.objects);
    const q = decodeURIComponent(args?.q ?? "");
    if (name.endsWith(".salesforce.search")) {
      const terms = (/\{(.*?)\}/.exec(q)?.[1] ?? "").split(" OR ").map((term) => term.replace(/^"|"$/g, "").replace(/\\/g, ""));
      if (q.includes("IN PHONE FIELDS")) {
        const wanted = terms.map(digits);
        return { searchRecords: Object.values(people).filter((record) => record.Phone && wanted.some((term) => digits(record.Phone).endsWith(term) || term.endsWith(digits(record.Phone)))) };
      }
      const found = Object.entries(people).filter(([email]) => q.includes(email)).map(([, record]) => record);
      if (q.includes("IN ALL FIELDS") && terms.includes(billing.Kustomer_Customer_Id__c)) found.push(billing);
      return { searchRecords: found };
    }
    const accounts = q.includes("ada@engines.example") || q.includes("charles@engines.example") || q.includes("'001AE'") ? [engines(q)] : [];
    return { totalSize: accounts.length, done: true, records: accounts };
  }

  function runCommand(name, options) {
    const command = /^(\w+)\.app\.(salesforce\.(?:query|search|objectInfo))$/.exec(name);
    if (!command || command[1] !== APP || org.noCommands) {
      return { error: { error: { status: 404, code: "command.not_found", title: `Command ${name} not found` } } };
    }
    const key = `${name}?${options?.args?.q ?? options?.args?.objects ?? ""}`;
    const base = { commandId: "c1", args: options?.args, url: `https://engines.my.salesforce.com/${key}`, requestHeaders: {} };
    if (org.limit) {
      const saved = org.saved.get(key);
      if (saved) return { result: { ...base, ...saved, cacheFallback: true } };
      return { result: { ...base, statusCode: 403, responseHeaders: { date: new Date().toUTCString() },
        responseBody: [{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }], cacheFallback: false } };
    }
    const fresh = {
      statusCode: 200,
      responseHeaders: { date: new Date(org.savedAt ?? Date.now()).toUTCString(), "Sforce-Limit-Info": "api-usage=1200/100000" },
      responseBody: salesforce(name, options?.args),
    };
    org.saved.set(key, fresh);
    return { result: { ...base, ...fresh, cacheFallback: false } };
  }

  window.Kustomer = {
    initialize(callback) {
      calls.push(["initialize"]);
      window.kustomerStart = (context) => callback(context, { userRoles: [] });
    },
    on(event, callback) {
      calls.push(["on", event]);
      listeners[event] = callback;
    },
    resize(size) {
      calls.push(["resize", size]);
    },
    request({ url, method }, callback) {
      calls.push(["request", method, url]);
      const data = records[url] ?? settingRecord(url);
      return data ? answer(callback, null, data) : answer(callback, notFound(url));
    },
    command: {
      run(name, options, callback) {
        calls.push(["command", name, options?.args]);
        const { result, error } = runCommand(name, options);
        return answer(callback, error ?? null, result);
      },
    },
  };
  window.kustomerCalls = calls;
  window.kustomerOrg = org;
  window.kustomerOrgId = ORG;
  window.kustomerEmit = (event, context) => listeners[event]?.(context);
})();
