/**
 * An app team's stack: binds its own push domains to templates the platform stack owns,
 * through a StackReference, and reads one of them with CallbackTemplate.get. Nothing the
 * platform owns is created, changed or deleted here.
 *
 * Config: `platformStack` (default `organization/tencent-css-platform/dev`), `domain`.
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding } from "pulumi-tencent-css";

const config = new pulumi.Config();
const platform = new pulumi.StackReference(config.get("platformStack") ?? "organization/tencent-css-platform/dev");
const streamsTemplateId = platform.getOutput("streamsTemplateId") as pulumi.Output<number>;
const recordingsTemplateId = platform.getOutput("recordingsTemplateId") as pulumi.Output<number>;

const domain = config.get("domain") ?? "app-push.example.com";
new DomainBinding("app-push", { domainName: domain, templateId: streamsTemplateId });
new DomainBinding("app-archive", { domainName: domain, appName: "archive", templateId: recordingsTemplateId });

// Read-only view of the platform's template: its URLs, for this team's dashboards.
const streams = CallbackTemplate.get("platform-streams", streamsTemplateId.apply(String));
export const streamBeginUrl = streams.streamBeginNotifyUrl;
export const streamsTemplateName = streams.templateName;
