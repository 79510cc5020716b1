/**
 * Two callback templates and three push domains bound to them.
 *
 * Config (all optional):
 * - `hooksBaseUrl` — where the callbacks go (default https://hooks.example.com);
 * - `callbackKey` (secret) — the key Tencent signs callbacks with (default none);
 * - `streamEndUrl` — overrides the `streams` template's stream-end URL;
 * - `archiveDomain` — the recordings' push domain (default archive.example.com);
 * - `withRecordings` — `false` drops the `recordings` template and its `archive`
 *   binding from the stack (default true): `pulumi up` then deletes both.
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding } from "pulumi-tencent-css";

const config = new pulumi.Config();
const base = config.get("hooksBaseUrl") ?? "https://hooks.example.com";
const callbackKey = config.getSecret("callbackKey");

/** Stream lifecycle events for the production push domains. */
const streams = new CallbackTemplate("streams", {
  templateName: "prod_streams",
  // Descriptions take the console's character set: letters, digits, Chinese, "_" and "-".
  description: "push-start-and-end",
  streamBeginNotifyUrl: `${base}/live/start`,
  streamEndNotifyUrl: config.get("streamEndUrl") ?? `${base}/live/end`,
  pushExceptionNotifyUrl: `${base}/live/push-error`,
  callbackKey,
});

new DomainBinding("push-main", { domainName: "push.example.com", templateId: streams.templateId });
new DomainBinding("push-backup", { domainName: "push-backup.example.com", templateId: streams.templateId });

/** Recording callbacks for the archive domain; `withRecordings: false` leaves both out. */
let recordings: CallbackTemplate | undefined;
if (config.getBoolean("withRecordings") ?? true) {
  recordings = new CallbackTemplate("recordings", {
    templateName: "prod_recordings",
    recordNotifyUrl: `${base}/record/file`,
    recordStatusNotifyUrl: `${base}/record/status`,
    recordExceptionNotifyUrl: `${base}/record/exception`,
    recordExceptionLevels: ["error", "warning"],
    callbackKey,
  });
  new DomainBinding("archive", {
    domainName: config.get("archiveDomain") ?? "archive.example.com",
    appName: "archive",
    templateId: recordings.templateId,
  });
}

export const streamsTemplateId = streams.templateId;
export const recordingsTemplateId = recordings?.templateId;
