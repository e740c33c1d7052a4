// The component's side of the frame's protocol ("ksw-frame" version 3; frame.js holds the
// frame's side). It imports nothing from Lightning, so that the Case page stand-in of the
// end-to-end tests runs this very file.
//
// The frame is served from the KustomerWidget static resource, on the Lightning page's own
// origin (/resource/<stamp>/KustomerWidget/...). Lightning Web Security may sandbox such a
// frame: "If set to a same-origin url, the iframe will be sandboxed" (npm @locker/distortion
// 0.28.4, docs/distortions.md, HTMLIFrameElement.prototype.src setter), and its code adds
// sandbox="allow-scripts" without allow-same-origin, so the frame's origin is then "null".
// Whether a src set through a template takes that path is not settled in public code, so
// the frame is recognised by its window, not its origin: LWS "maintains the iframe identity
// across the sandbox boundary, so that checking the identity of postMessage event origin
// works normally" (Salesforce, Lightning Web Security guide, iframes). MessageChannel,
// MessagePort, postMessage and crypto.getRandomValues have no distortion in
// @locker/distortion 0.28.4's list, so they behave in the component as in a plain page.
//
//   frame  -> window  { type: "ready" }                      to the page's origin; no data
//   bridge -> frame   { type: "connect", nonce } + a port    the only message sent to "*"
//   then only on the port:
//   bridge -> frame   { type: "module", bytes } or { type: "module", error }
//                                                       the WebAssembly, read by the component
//   bridge -> frame   { type: "mount", config }         mounts, or re-points the mount
//   bridge -> frame   { type: "refresh" }               Lightning's refresh: look now
//   frame  -> bridge  { type: "requests", requests: [{ id, request: { service, method, path } }] }
//   bridge -> frame   { type: "response", id, response } or { type: "response", id, error }
//   frame  -> bridge  { type: "height", height }
//   frame  -> bridge  { type: "download", name, fileType, text }   a file to save (a transcript)
//   frame  -> bridge  { type: "diagnostic", record }   one of the widget's diagnostic records:
//                                                       { kind, view, version, service?, status?,
//                                                       errorCode?, path?, durationMs?, configKey?,
//                                                       count }, strings and numbers, nothing private
//
// Every message carries { protocol: "ksw-frame", version: 3 }. Each side ignores a type
// it does not know, so a type added later (as "diagnostic" was) needs no new version. The
// nonce is in the frame's address, which only this component writes; the frame takes a
// port only from its parent and only with that nonce, once. A nonce that has been handed
// over is never sent again: if the frame asks a second time (it reloaded), the bridge
// makes a new nonce and the component gives the frame a new address.

export const PROTOCOL = "ksw-frame";
/**
 * Requests relayed in one call: a Continuation runs at most three callouts side by side
 * (Salesforce, "Make Long-Running Callouts with Continuations", LWC guide), and is never
 * bundled with other Apex calls, which Lightning runs one after another once about five
 * are in flight (salesforce.stackexchange.com 293025).
 */
export const PER_CALL = 3;
export const VERSION = 3;

/** 128 random bits as hex, for one handshake. */
export function freshNonce() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The frame page's address: the static resource's frame.html with the page's origin and the nonce. */
export function frameAddress(resourceUrl, pageUrl, nonce) {
    const url = new URL(`${resourceUrl}/frame.html`, pageUrl);
    url.searchParams.set("parentOrigin", new URL(pageUrl).origin);
    url.searchParams.set("nonce", nonce);
    return url.toString();
}

/** Apex's refusal, a thrown Error or anything else, as the sentence the widget shows. */
export function describeError(error) {
    return error?.body?.message ?? error?.message ?? String(error);
}

/** The keys a diagnostic record may have (the widget's `ksw-diagnostic` event). */
export const RECORD_KEYS = ["kind", "view", "version", "service", "status", "errorCode", "path", "durationMs", "configKey", "count"];

/**
 * A diagnostic record from the frame with the documented keys only, each a string or a
 * finite number. The frame sends no more than that; the component keeps to it as well,
 * since what it passes on is written to the org's logs.
 */
export function diagnosticRecord(record) {
    const kept = {};
    for (const key of RECORD_KEYS) {
        const value = record[key];
        if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) kept[key] = value;
    }
    return kept;
}

function isOurs(message) {
    return Boolean(message) && message.protocol === PROTOCOL && message.version === VERSION;
}

function isRecord(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class FrameBridge {
    /**
     * frameWindow(): the framed page's window, or null while there is none.
     * frameOrigin: the static resource's origin, the frame's own when it is not sandboxed.
     * relayBatch(requests): a promise of one answer per request, in order: { status,
     *   headers, body } or { error } (Apex's sendBatch, in the component); called with at
     *   most PER_CALL requests, once for each group the frame sent together.
     * moduleBytes(): a promise of the WebAssembly's bytes (an ArrayBuffer), which the
     *   component reads from the static resource on its own origin: a sandboxed frame cannot.
     * onHeight(height), onRenew(nonce): the component sizes the frame / gives it a new address.
     * onDownload({ name, type, text }): the component saves a file the widget made.
     * onDiagnostic(record): optional; the component logs one of the widget's diagnostic
     *   records, a plain object of the documented keys (RECORD_KEYS) with no customer data.
     * log(line): the diagnostic line saying how the frame ran.
     */
    constructor({ frameWindow, frameOrigin, relayBatch, moduleBytes, onHeight, onRenew, onDownload, onDiagnostic, log }) {
        Object.assign(this, { frameWindow, frameOrigin, relayBatch, onHeight, onRenew, onDownload, onDiagnostic, log });
        // Read once, whatever the number of frames that ask (a reloaded frame asks again).
        let bytes = null;
        this.moduleBytes = () => (bytes ??= Promise.resolve().then(moduleBytes));
        this.nonce = freshNonce();
        this.handedOver = false;
        this.port = null;
        this.config = null;
    }

    /** Window messages: only "ready", only from the frame's window, from its origin or "null". */
    receive(event) {
        const frameWindow = this.frameWindow();
        if (!frameWindow || event.source !== frameWindow) return;
        // "null" is accepted from this one window only: the frame sandboxed by LWS.
        if (event.origin !== "null" && event.origin !== this.frameOrigin) return;
        if (!isOurs(event.data) || event.data.type !== "ready") return;
        if (this.handedOver) {
            this.renew();
            return;
        }
        this.connect(frameWindow, event.origin);
    }

    connect(frameWindow, origin) {
        const channel = new MessageChannel();
        this.port = channel.port1;
        this.port.onmessage = (event) => this.fromFrame(event.data);
        this.handedOver = true;
        // The frame's origin may be "null", which no target origin names; the message holds
        // only the nonce, and the port goes to whatever page holds that nonce.
        frameWindow.postMessage({ protocol: PROTOCOL, version: VERSION, type: "connect", nonce: this.nonce }, "*", [channel.port2]);
        this.log(
            origin === "null"
                ? "Kustomer conversation: the frame runs sandboxed (origin null), as Lightning Web Security frames a same-origin page"
                : `Kustomer conversation: the frame runs unsandboxed, on its own origin ${origin}`,
        );
        // The module's bytes first: the frame mounts once they have started. A copy goes, so
        // that a reloaded frame can have them again.
        const port = this.port;
        this.moduleBytes().then(
            (bytes) => port === this.port && this.send({ type: "module", bytes }),
            (error) => port === this.port && this.send({ type: "module", error: describeError(error) }),
        );
        if (this.config) this.send({ type: "mount", config: this.config });
    }

    /** A fresh nonce for a frame that asked again; the old port is closed. */
    renew() {
        this.close();
        this.nonce = freshNonce();
        this.handedOver = false;
        this.onRenew(this.nonce);
    }

    /** Shows the conversation `config` names, now or as soon as the frame is connected. */
    mount(config) {
        this.config = config;
        if (this.port) this.send({ type: "mount", config });
    }

    /** Lightning's refresh reached the component: the widget looks for changes now. */
    refresh() {
        if (this.port) this.send({ type: "refresh" });
    }

    send(message) {
        this.port?.postMessage({ protocol: PROTOCOL, version: VERSION, ...message });
    }

    fromFrame(message) {
        if (!isOurs(message)) return;
        if (message.type === "requests" && Array.isArray(message.requests)) {
            const requests = message.requests.filter((item) => Number.isInteger(item?.id));
            for (let start = 0; start < requests.length; start += PER_CALL) {
                this.answer(requests.slice(start, start + PER_CALL));
            }
        } else if (message.type === "height") {
            this.onHeight(Number(message.height) || 0);
        } else if (message.type === "download" && typeof message.text === "string") {
            this.onDownload?.({ name: String(message.name), type: String(message.fileType), text: message.text });
        } else if (message.type === "diagnostic" && isRecord(message.record)) {
            this.onDiagnostic?.(diagnosticRecord(message.record));
        }
    }

    /** Relays a group side by side and answers each request by its id. */
    async answer(group) {
        const requests = group.map(({ request }) => ({ service: request?.service, method: request?.method, path: request?.path }));
        let answers;
        try {
            answers = await this.relayBatch(requests);
        } catch (error) {
            for (const { id } of group) this.send({ type: "response", id, error: describeError(error) });
            return;
        }
        group.forEach(({ id }, index) => {
            const answer = answers?.[index];
            if (answer && answer.error === undefined) {
                this.send({ type: "response", id, response: answer });
            } else {
                this.send({ type: "response", id, error: answer?.error ?? "No answer came for this request" });
            }
        });
    }

    close() {
        if (this.port) {
            this.port.onmessage = null;
            this.port.close();
        }
        this.port = null;
    }
}
