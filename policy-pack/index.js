"use strict";
// The pulumi-tencent-css policy pack: `pulumi preview --policy-pack node_modules/pulumi-tencent-css/policy-pack`.
// The policies live in ../dist/policy/policies.js (source: policy/policies.ts); this file only starts the pack.
const { PolicyPack } = require("@pulumi/policy");
const { resourcePolicies } = require("../dist/policy/policies");

new PolicyPack("tencent-css", { policies: resourcePolicies() });
