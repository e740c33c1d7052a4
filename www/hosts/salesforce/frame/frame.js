// The widget page inside the Salesforce Case page. Lightning Web Security does not let a
// Lightning web component run WebAssembly, so the component frames this page (served from
// the KustomerWidget static resource) and answers its requests through Apex. The protocol,
// "ksw-frame" version 3, is written out in the component's frameBridge.js.
// Besides the widget's requests, its height and its files, the frame passes on the
// widget's diagnostic records ({ type: "diagnostic", record }), which the component logs.
//
// This page may run sandboxed, with the origin "null" (Lightning Web Security sandboxes a
// same-origin frame; see frameBridge.js), where a module script or a fetch of the page's own
// files is a cross-origin request that the static resource, sent without CORS headers,
// fails. So it is a classic script beside the release module's glue as a classic script
// (kustomer-salesforce-widget.classic.js, which `make package` writes), and the
// WebAssembly's bytes come from the component through the port: this page fetches
// nothing itself.
//
// It tells its parent it is ready (to the parent's origin, with no data), then takes one
// port from its parent carrying the nonce in its own address, and from then on hears only
// that port. Each request waits as long as the config's transport.timeoutMs, which the
// widget itself counts: the frame keeps no timer of its own.
(function () {
  "use strict";
  const PROTOCOL = "ksw-frame";
  const VERSION = 3;

  const params = new URLSearchParams(location.search);
  const parentOrigin = params.get("parentOrigin");
  const nonce = params.get("nonce");
  const element = document.getElementById("widget");
  const widget = self.KustomerWidgetModule;

  function refuse(sentence) {
    element.textContent = sentence;
    element.dataset.state = "error";
  }

  function isOurs(message) {
    return Boolean(message) && message.protocol === PROTOCOL && message.version === VERSION;
  }

  let port = null;
  let handle = null;
  let nextId = 1;
  const pending = new Map();

  function send(message) {
    port.postMessage({ protocol: PROTOCOL, version: VERSION, ...message });
  }

  // Requests the widget makes in one go (its first wave names three at once) leave in one
  // message, so that the component can relay them as one parallel batch.
  let outbox = [];

  function flush() {
    const requests = outbox;
    outbox = [];
    send({ type: "requests", requests });
  }

  /** The widget's hostFetch: a request on the port, answered by id. */
  function hostFetch({ service, method, path }) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (outbox.length === 0) queueMicrotask(flush);
      outbox.push({ id, request: { service, method, path } });
    });
  }

  // A config that came before the module's bytes.
  let waiting = null;

  /** Mounts the widget on `config`, or re-points the mount to its context. */
  function show(config) {
    waiting = null;
    started.then((ok) => {
      if (!ok) return;
      try {
        if (handle) {
          // The Case now names another conversation (or a message): the same mount follows it.
          handle.update(config.context);
        } else {
          handle = widget.mount(element, config, hostFetch);
        }
      } catch (error) {
        refuse(`The widget could not start: ${error.message}`);
      }
    });
  }

  function fromPort(event) {
    const message = event.data;
    if (!isOurs(message)) return;
    if (message.type === "module") {
      // The WebAssembly's bytes, read by the component from the static resource; once.
      if (started) return;
      if (!(message.bytes instanceof ArrayBuffer)) {
        refuse(`The widget's WebAssembly could not be read: ${message.error ?? "no bytes came"}`);
        started = Promise.resolve(false);
        return;
      }
      started = widget.init({ module_or_path: message.bytes }).then(
        () => true,
        (error) => {
          refuse(`The widget's WebAssembly could not start: ${error.message}`);
          return false;
        },
      );
      if (waiting) show(waiting);
    } else if (message.type === "mount") {
      if (started) show(message.config);
      else waiting = message.config; // shown once the module has started
    } else if (message.type === "refresh") {
      // Lightning's refresh (RefreshEvent): look for changes now.
      handle?.refresh();
    } else if (message.type === "response") {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.error !== undefined) call.reject(new Error(String(message.error)));
      else call.resolve(message.response);
    }
  }

  // A sandboxed frame may not download (no allow-downloads): the widget's files (its
  // transcript) go to the component, which saves them from the Case page.
  element.addEventListener("ksw-download", (event) => {
    if (!port) return;
    event.preventDefault();
    const { name, type, text } = event.detail;
    send({ type: "download", name, fileType: type, text });
  });

  // The keys of the widget's diagnostic record (its `ksw-diagnostic` event's detail).
  const RECORD_KEYS = ["kind", "view", "version", "service", "status", "errorCode", "path", "durationMs", "configKey", "count"];

  /**
   * The record as plain data: the documented keys only, each a string or a finite number.
   * The port then carries exactly what the contract names, whatever else the detail holds,
   * and nothing that could not be cloned.
   */
  function plainRecord(detail) {
    const record = {};
    for (const key of RECORD_KEYS) {
      const value = detail?.[key];
      if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) record[key] = value;
    }
    return record;
  }

  // The widget's diagnostic records go to the component, which logs them where an admin
  // can read them (Event Monitoring); the frame itself has nowhere to keep them.
  element.addEventListener("ksw-diagnostic", (event) => {
    if (!port) return;
    send({ type: "diagnostic", record: plainRecord(event.detail) });
  });

  /** The one handshake: from the parent window, with this page's nonce, carrying a port. */
  function onConnect(event) {
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const message = event.data;
    if (!isOurs(message) || message.type !== "connect" || message.nonce !== nonce || !event.ports[0]) return;
    window.removeEventListener("message", onConnect);
    port = event.ports[0];
    port.onmessage = fromPort;
    let reported = 0;
    new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== reported) {
        reported = height;
        send({ type: "height", height });
      }
    }).observe(document.documentElement);
  }

  // Resolves to whether the WebAssembly started, once the component sent its bytes; a
  // failure is shown once, there.
  let started = null;
  if (!parentOrigin || !nonce || window.parent === window) {
    refuse("This page shows a Kustomer conversation inside a Salesforce Case page; open the Case instead.");
  } else if (!widget) {
    refuse("The widget's module did not load: kustomer-salesforce-widget.classic.js is missing from the static resource.");
  } else {
    window.addEventListener("message", onConnect);
    window.parent.postMessage({ protocol: PROTOCOL, version: VERSION, type: "ready" }, parentOrigin);
  }
})();
