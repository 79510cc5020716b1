/**
 * The platform stack owns the callback templates every app team uses, and exports
 * their ids. App stacks bind their own domains to them (see ../app).
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate } from "pulumi-tencent-css";

const config = new pulumi.Config();
const base = config.get("hooksBaseUrl") ?? "https://hooks.platform.example.com";

const streams = new CallbackTemplate("shared-streams", {
  templateName: "shared_streams",
  description: "owned-by-the-platform-team",
  streamBeginNotifyUrl: `${base}/start`,
  streamEndNotifyUrl: `${base}/end`,
  callbackKey: config.getSecret("callbackKey"),
});

const recordings = new CallbackTemplate("shared-recordings", {
  templateName: "shared_recordings",
  recordNotifyUrl: `${base}/record`,
  recordExceptionNotifyUrl: `${base}/record-exception`,
  recordExceptionLevels: ["error"],
});

export const streamsTemplateId = streams.templateId;
export const recordingsTemplateId = recordings.templateId;
