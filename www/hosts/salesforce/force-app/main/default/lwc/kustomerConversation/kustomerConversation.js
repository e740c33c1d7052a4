// The Kustomer conversation on a Case record page. Lightning Web Security does not let a
// component run WebAssembly, so this component frames the widget page from the
// KustomerWidget static resource and answers the page's requests by calling Apex
// (KustomerApiProxy, which holds no key: the Kustomer_API named credential does). The
// two speak the frame's protocol through frameBridge.js.
import { LightningElement, api, wire } from "lwc";
import { getRecord, getFieldValue } from "lightning/uiRecordApi";
import { registerRefreshHandler, unregisterRefreshHandler } from "lightning/refresh";
import { CurrentPageReference } from "lightning/navigation";
import { log } from "lightning/logger";
import WIDGET from "@salesforce/resourceUrl/KustomerWidget";
import send from "@salesforce/apex/KustomerApiProxy.send";
import sendBatch from "@salesforce/apex/KustomerApiProxy.sendBatch";
import USER_LOCALE from "@salesforce/i18n/locale";
import USER_TIME_ZONE from "@salesforce/i18n/timeZone";
import { FrameBridge, frameAddress } from "./frameBridge";

export const NO_CONVERSATION = "This Case was not created from a Kustomer conversation, so there is nothing to show.";
export const DEFAULT_FIELD = "KustomerApp__Conversation_Id__c";
/**
 * The page state naming one message, which the widget's Copy link writes into the Case
 * page's address. Page state keys need a namespace prefix, "c" for an org's own, and their
 * values are strings (LWC guide, "Add Query Parameters"); CurrentPageReference follows
 * them as they change.
 */
export const MESSAGE_STATE = "c__kustomerMessage";

// KustomerApiProxy gives Kustomer 20 seconds (request.setTimeout(20000)); the widget waits
// longer, so that a slow Kustomer ends in Apex's own error, which names the cause, rather
// than in the widget giving up first. tests/hosts checks the two against each other.
export const REQUEST_TIMEOUT_MS = 30000;

/** The name each logged diagnostic record carries, by which an admin finds the widget's rows. */
export const LOGGED_AS = "kustomer-salesforce-widget";

// A field API name: letters, digits and single underscores, an optional namespace prefix
// (KustomerApp__) and __c for a custom field.
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:__[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)?(?:__c)?$/;

/** Why the Case has no field `field`, in words an admin can act on. */
export function missingField(field) {
    return (
        `This Case has no field ${field}, or you may not read it. Install Kustomer's managed package, ` +
        "grant read access to the field, or set the component's Conversation id field in Lightning App Builder."
    );
}

export default class KustomerConversation extends LightningElement {
    @api recordId;
    /** Settings in Lightning App Builder (see the .js-meta.xml). */
    @api conversationIdField = DEFAULT_FIELD;
    @api kustomerOrg;
    @api theme;
    @api maxHeight = 1200;
    @api locale;
    @api cachePartition = "local.Kustomer";
    @api cacheSeconds = 300;
    /**
     * Whether the widget's diagnostic records go to Event Monitoring. It has no initialiser:
     * the LWC compiler refuses a Boolean public property that defaults to true (LWC1099), so
     * the default of true is the .js-meta.xml's, and only an explicit false (App Builder's
     * unticked box) turns logging off.
     */
    @api logDiagnostics;

    height = 200;
    conversationId;
    /** The message the page's address names (a link to one message), if any. */
    messageId;
    loadError;
    nonce;
    bridge;
    listener;

    /**
     * The Case's field, by the API name the page names. It is read as a string, never
     * imported from @salesforce/schema: importing a managed package's field fails the deploy
     * in an org without the package ("Invalid reference", trailheadapps/ebikes-lwc#337). As
     * an optional field a missing one leaves the record readable and is named below.
     */
    get qualifiedField() {
        const field = (this.conversationIdField || DEFAULT_FIELD).trim();
        return FIELD_NAME.test(field) ? `Case.${field}` : undefined;
    }

    get fieldError() {
        return this.qualifiedField
            ? undefined
            : `The Conversation id field setting "${this.conversationIdField}" is not a field API name, such as ${DEFAULT_FIELD}.`;
    }

    get optionalFields() {
        return this.qualifiedField ? [this.qualifiedField] : [];
    }

    @wire(getRecord, { recordId: "$recordId", optionalFields: "$optionalFields" })
    wiredCase({ data, error }) {
        if (data) {
            const field = this.qualifiedField;
            if (!field) return;
            const name = field.slice("Case.".length);
            if (data.fields?.[name] === undefined) {
                this.loadError = missingField(name);
                this.conversationId = undefined;
            } else {
                this.loadError = undefined;
                this.conversationId = getFieldValue(data, field) || null;
            }
            this.showConversation();
        } else if (error) {
            this.loadError = `The Case could not be read: ${error.body?.message ?? error.message ?? error}`;
        }
    }

    @wire(CurrentPageReference)
    pageReference(reference) {
        const named = reference?.state?.[MESSAGE_STATE];
        const messageId = typeof named === "string" && named.trim() ? named : undefined;
        if (messageId === this.messageId) return;
        this.messageId = messageId;
        // A link followed on this same Case opens the widget at its message.
        if (messageId && this.bridge?.config) this.showConversation();
    }

    /** The address of a link to one message: this Case page with the page state. */
    get messageLink() {
        return `${window.location.origin}/lightning/r/Case/${encodeURIComponent(this.recordId)}/view?${MESSAGE_STATE}={messageId}`;
    }

    get message() {
        if (this.fieldError) return this.fieldError;
        if (this.loadError) return this.loadError;
        return this.conversationId === null ? NO_CONVERSATION : undefined;
    }

    get frameSrc() {
        if (!this.conversationId || this.message) return undefined;
        return frameAddress(WIDGET, window.location.href, this.nonce);
    }

    get frameStyle() {
        return `display: block; width: 100%; border: 0; height: ${this.height}px`;
    }

    /** The mount config the frame passes to the widget; a bad setting is named there. */
    get config() {
        const config = {
            view: "conversation",
            context: { conversationId: this.conversationId, messageLink: this.messageLink },
            transport: { kind: "host", timeoutMs: REQUEST_TIMEOUT_MS },
            // The agent's own Salesforce locale and time zone unless the page overrides it.
            locale: this.locale || USER_LOCALE,
            timeZone: USER_TIME_ZONE,
        };
        if (this.messageId) config.context.messageId = this.messageId;
        if (this.kustomerOrg) config.kustomer = { org: this.kustomerOrg };
        if (this.theme) config.theme = this.theme;
        return config;
    }

    connectedCallback() {
        this.bridge = new FrameBridge({
            frameWindow: () => this.template.querySelector("iframe.widget")?.contentWindow ?? null,
            frameOrigin: new URL(WIDGET, window.location.href).origin,
            relayBatch: (requests) => this.relayBatch(requests),
            // The component runs on the page's origin, so it reads the static resource's
            // WebAssembly itself, as an LWC that runs WebAssembly does (octoberswimmer/thunder).
            moduleBytes: () =>
                fetch(`${WIDGET}/kustomer-salesforce-widget_bg.wasm`).then((response) => {
                    if (!response.ok) throw new Error(`the static resource answered ${response.status}`);
                    return response.arrayBuffer();
                }),
            onHeight: (height) => {
                const limit = Number(this.maxHeight) || 1200;
                this.height = Math.min(Math.max(height, 80), limit);
            },
            onRenew: (nonce) => {
                this.nonce = nonce;
            },
            // A sandboxed frame may not download: the transcript is saved from this page.
            onDownload: (file) => this.save(file),
            onDiagnostic: (record) => this.logDiagnostic(record),
            // The diagnostic line docs/install-salesforce.md tells admins to look for.
            log: (line) => console.info(line),
        });
        this.nonce = this.bridge.nonce;
        this.listener = (event) => this.bridge.receive(event);
        window.addEventListener("message", this.listener);
        // The page's own refresh (a RefreshEvent, as record actions fire it) reaches the
        // widget, which looks for changes (lightning/refresh, registerRefreshHandler).
        this.refreshHandlerId = registerRefreshHandler(this, this.refreshHandler);
        if (this.conversationId) this.bridge.mount(this.config);
    }

    disconnectedCallback() {
        this.forgetDownload();
        window.removeEventListener("message", this.listener);
        unregisterRefreshHandler(this.refreshHandlerId);
        this.bridge.close();
    }

    refreshHandler() {
        this.bridge?.refresh();
        return Promise.resolve(true);
    }

    /**
     * Writes one of the widget's diagnostic records to Event Monitoring (Lightning Logger
     * events), where an admin can query it; the record holds no customer data, and written
     * as JSON it is far inside log()'s 4,096 characters. log() is missing in the mobile
     * app and needs Event Monitoring turned on, and whether it throws there is not
     * documented: a failure to log must never stop the conversation.
     */
    logDiagnostic(record) {
        if (this.logDiagnostics === false) return;
        try {
            log({ widget: LOGGED_AS, ...record });
        } catch {
            // Nowhere to log to; the conversation goes on.
        }
    }

    /**
     * Saves a file the widget made (its transcript) through a blob: link on this page.
     * The HTML goes as application/octet-stream with its .html name: saved, never opened here.
     */
    save({ name, type, text }) {
        if (typeof name !== "string" || typeof text !== "string") return;
        const blob = new Blob([text], { type: type === "text/plain" ? "text/plain;charset=utf-8" : "application/octet-stream" });
        // The previous file's address goes now (no timer: the component keeps none); the
        // last goes with the component.
        this.forgetDownload();
        this.downloadUrl = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = this.downloadUrl;
        link.download = name.replace(/[^\w.-]/g, "_");
        this.template.querySelector(".downloads")?.appendChild(link);
        link.click();
        link.remove();
    }

    forgetDownload() {
        if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
        this.downloadUrl = undefined;
    }

    showConversation() {
        if (!this.bridge) return;
        if (this.conversationId && !this.message) {
            this.bridge.mount(this.config);
        } else if (this.bridge.handedOver) {
            // The frame goes away with the conversation; the next one gets a new nonce.
            this.bridge.renew();
        }
    }

    /**
     * A group the frame sent together, read side by side in one Continuation (sendBatch).
     * Only GET leaves this component. An answer too large for a Continuation (over 1 MB) is
     * read again through send, which has the room.
     */
    async relayBatch(requests) {
        const settings = {
            cachePartition: this.cachePartition || null,
            cacheSeconds: Number(this.cacheSeconds) || null,
        };
        const refusal = (request) => ({ error: `Only GET is allowed, not ${request.method}` });
        const answers = requests.map((request) => (request.method === "GET" ? undefined : refusal(request)));
        const asked = requests.filter((_, index) => answers[index] === undefined);
        if (asked.length > 0) {
            const batch = await sendBatch({ paths: asked.map((request) => request.path), ...settings });
            let next = 0;
            answers.forEach((answer, index) => {
                if (answer === undefined) answers[index] = batch?.[next++];
            });
        }
        return Promise.all(
            answers.map(async (answer, index) => {
                if (!answer?.tooLarge) return answer;
                try {
                    return await send({ method: "GET", path: requests[index].path, ...settings });
                } catch (error) {
                    return { error: error?.body?.message ?? error?.message ?? String(error) };
                }
            }),
        );
    }
}
