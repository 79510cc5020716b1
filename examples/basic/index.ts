/**
 * Two callback templates and three push domains bound to them.
 *
 * Config (all optional): `hooksBaseUrl` (default https://hooks.example.com),
 * `callbackKey` (secret; default none), `archiveDomain` (default archive.example.com).
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding } from "pulumi-tencent-css";

const config = new pulumi.Config();
const base = config.get("hooksBaseUrl") ?? "https://hooks.example.com";
const callbackKey = config.getSecret("callbackKey");

/** Stream lifecycle events for the production push domains. */
const streams = new CallbackTemplate("streams", {
  templateName: "prod_streams",
  description: "push start and end",
  streamBeginNotifyUrl: `${base}/live/start`,
  streamEndNotifyUrl: config.get("streamEndUrl") ?? `${base}/live/end`,
  pushExceptionNotifyUrl: `${base}/live/push-error`,
  callbackKey,
});

/** Recording callbacks for the archive domain. */
const recordings = new CallbackTemplate("recordings", {
  templateName: "prod_recordings",
  recordNotifyUrl: `${base}/record/file`,
  recordStatusNotifyUrl: `${base}/record/status`,
  recordExceptionNotifyUrl: `${base}/record/exception`,
  recordExceptionLevels: ["error", "warning"],
  callbackKey,
});

new DomainBinding("push-main", { domainName: "push.example.com", templateId: streams.templateId });
new DomainBinding("push-backup", { domainName: "push-backup.example.com", templateId: streams.templateId });
new DomainBinding("archive", {
  domainName: config.get("archiveDomain") ?? "archive.example.com",
  appName: "archive",
  templateId: recordings.templateId,
});

export const streamsTemplateId = streams.templateId;
export const recordingsTemplateId = recordings.templateId;
