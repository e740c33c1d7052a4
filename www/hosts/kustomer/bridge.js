// What the Cards SDK gives, turned into the widget's `hostFetch` answers
// ({status, headers, body}). Kept apart from the page so that each rule reads on its own
// and runs under node. The SDK's shapes, as cards that run in real Kustomer orgs use them:
//   - `Kustomer.request` gives the response's `data` member alone: an object for one
//     record, an array for a list, with no `links` (a staff card reads `customer.id`,
//     `userData.attributes.name` and `messages.forEach(...)` off the result).
//   - Its errors arrive as `{error: {status, code, title, source}}` (the same card reads
//     `err.error.code`); an older form is a JSON:API `{errors: [...]}`.
//   - `Kustomer.command.run` gives a `command_run_response`: `{statusCode, responseBody,
//     responseHeaders, cacheFallback, ...}` (the vendor's cache fallback page).

/** The header that marks Kustomer's saved answer, and when it was first given. */
export const FALLBACK_HEADER = "x-cache-fallback";
export const SAVED_AT_HEADER = "x-cache-saved-at";

const json = (value) => JSON.stringify(value ?? null);

/** An error answer in JSON:API's shape, which the widget reads for every service. */
function errorAnswer(status, title, code) {
  const error = { status: String(status), title };
  if (code) error.code = code;
  return { status, headers: {}, body: json({ errors: [error] }) };
}

/** A status the contract accepts, or `fallback`. */
function httpStatus(value, fallback) {
  const status = Number(value);
  return Number.isInteger(status) && status >= 100 && status <= 599 ? status : fallback;
}

/**
 * A JSON:API document from what `Kustomer.request` resolved with: a bare record or list
 * is wrapped as `{data}`; a whole document (a proxy or an older SDK) passes as it is.
 */
export function kustomerAnswer(result) {
  const isDocument = result !== null && typeof result === "object" && !Array.isArray(result)
    && ("data" in result || "errors" in result);
  return { status: 200, headers: {}, body: json(isDocument ? result : { data: result ?? null }) };
}

/**
 * The status, title and code of a failure of the SDK: `{error: {...}}`, `{errors: [...]}`,
 * an `Error`, or whatever else was thrown.
 */
function failureParts(failure, fallbackTitle) {
  const detail = failure?.error ?? failure?.errors?.[0] ?? failure;
  const status = httpStatus(detail?.status ?? failure?.status ?? failure?.statusCode, 502);
  const title = typeof detail === "string" ? detail : detail?.title ?? detail?.detail ?? detail?.message ?? fallbackTitle;
  const code = typeof detail?.code === "string" ? detail.code : undefined;
  return { status, title: String(title), code };
}

/** A failure of `Kustomer.request` with its real status and title. */
export function kustomerFailure(failure) {
  const { status, title, code } = failureParts(failure, "Kustomer did not answer");
  return errorAnswer(status, title, code);
}

/** Salesforce's error body: an array of `{errorCode, message}`. */
function salesforceErrors(body) {
  return Array.isArray(body) && body.length > 0 && body.every((item) => typeof item?.errorCode === "string")
    ? body
    : null;
}

/** The status an error array stands for when the command's status says nothing wrong. */
function errorStatus(errors) {
  switch (errors[0].errorCode) {
    case "REQUEST_LIMIT_EXCEEDED": return 403;
    case "INVALID_SESSION_ID": return 401;
    case "NOT_FOUND": return 404;
    default: return 400;
  }
}

/** A header's value from an object of any case. */
function header(headers, name) {
  if (!headers || typeof headers !== "object") return undefined;
  const key = Object.keys(headers).find((known) => known.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A command's result as the widget's answer: `statusCode` is the status, a body that is
 * Salesforce's error array is an error whatever the status says, and a saved answer
 * (`cacheFallback`) is passed on as such, with when Salesforce first gave it (the saved
 * response's own `Date`) when that is known. Salesforce's usage header passes through.
 */
export function commandAnswer(result) {
  const body = result?.responseBody;
  const text = typeof body === "string" ? body : json(body);
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  const headers = {};
  const usage = header(result?.responseHeaders, "sforce-limit-info");
  if (typeof usage === "string") headers["sforce-limit-info"] = usage;
  const errors = salesforceErrors(parsed);
  const reported = httpStatus(result?.statusCode, 200);
  if (errors) {
    return { status: reported >= 400 ? reported : errorStatus(errors), headers, body: text };
  }
  if (result?.cacheFallback === true) {
    // A saved answer is a good answer of its time: given as such, never as an error.
    headers[FALLBACK_HEADER] = reported >= 400 ? String(reported) : "true";
    const date = Date.parse(header(result?.responseHeaders, "date") ?? "");
    if (Number.isFinite(date)) headers[SAVED_AT_HEADER] = String(date);
    return { status: 200, headers, body: text };
  }
  return { status: reported, headers, body: text };
}

/** True when a failure says the command does not exist in this org. */
export function isUnknownCommand(failure) {
  const detail = failure?.error ?? failure?.errors?.[0] ?? failure;
  const status = Number(detail?.status ?? failure?.status ?? failure?.statusCode);
  const words = `${detail?.code ?? ""} ${detail?.title ?? ""} ${detail?.message ?? ""}`.toLowerCase();
  return status === 404 || /not[ ._-]?found|no such command|unknown command/.test(words);
}

/**
 * A failed command run in Salesforce's own error shape (`[{errorCode, message}]`), which
 * the widget reads for that service, with the platform's real status and title.
 */
export function commandFailure(failure) {
  const { status, title, code } = failureParts(failure, "Kustomer could not run the command");
  return { status, headers: {}, body: json([{ errorCode: code ?? "COMMAND_FAILED", message: title }]) };
}

/** The refusal when no name of the command runs in this org, naming each name tried. */
export function notInstalled(tried) {
  const message = `the command ${tried[0]} is not installed in this org (tried ${tried.join(", ")})`;
  return { status: 404, headers: {}, body: json([{ errorCode: "COMMAND_NOT_INSTALLED", message }]) };
}

/**
 * Calls an SDK function that takes a node-style callback and may also return a promise
 * (public cards use both forms); settles once, with whichever answers first.
 */
export function callSdk(fn, ...args) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(value);
    };
    let returned;
    try {
      returned = fn(...args, (error, value) => settle(error, value));
    } catch (error) {
      settle(error ?? new Error("the SDK call threw"));
      return;
    }
    if (returned && typeof returned.then === "function") {
      returned.then((value) => settle(null, value), (error) => settle(error ?? new Error("the SDK call failed")));
    }
  });
}
