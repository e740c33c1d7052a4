// A stand-in for Kustomer's Cards SDK, served in place of the CDN script: it records
// every call, answers Kustomer requests and Salesforce commands from small fixtures, and
// lets a test start the card and change its context.
(() => {
  const calls = [];
  const listeners = {};
  const kustomer = {
    "/v1/customers/k2": { data: { id: "k2", attributes: { displayName: "Grace Hopper", emails: [{ email: "grace@navy.example" }] } } },
  };
  const people = {
    "ada@engines.example": { attributes: { type: "Contact" }, Id: "003ADA", Name: "Ada Lovelace", Email: "ada@engines.example", AccountId: "001AE", Account: { Name: "Analytical Engines" } },
    "grace@navy.example": { attributes: { type: "Contact" }, Id: "003GH", Name: "Grace Hopper", Email: "grace@navy.example" },
  };
  window.Kustomer = {
    initialize(callback) {
      calls.push(["initialize"]);
      window.kustomerStart = callback;
    },
    on(event, callback) {
      calls.push(["on", event]);
      listeners[event] = callback;
    },
    resize() {
      calls.push(["resize"]);
    },
    request({ url, method }) {
      calls.push(["request", method, url]);
      return kustomer[url] ? Promise.resolve(kustomer[url]) : Promise.reject({ status: 404, body: { errors: [{ code: "not.found" }] } });
    },
    command: {
      run(name, options) {
        calls.push(["command", name, options?.args]);
        const q = decodeURIComponent(options?.args?.q ?? "");
        if (name.endsWith(".salesforce.search")) {
          const found = Object.entries(people).filter(([email]) => q.includes(email)).map(([, record]) => record);
          return Promise.resolve({ responseBody: { searchRecords: found } });
        }
        const accounts = q.includes("ada@engines.example")
          ? [{ Id: "001AE", Name: "Analytical Engines", Contacts: { totalSize: 1, done: true, records: [{ Email: "ada@engines.example" }] } }]
          : [];
        return Promise.resolve({ responseBody: { totalSize: accounts.length, done: true, records: accounts } });
      },
    },
  };
  window.kustomerCalls = calls;
  window.kustomerEmit = (event, context) => listeners[event]?.(context);
})();
