"use strict";
/**
 * A fault planted in the real product at run time, for tests that must prove a check
 * notices a wrong product: preloaded with `NODE_OPTIONS=--require <this file>`, it swaps
 * two pairs of API fields in the provider's property → field table as soon as a process
 * loads `pulumi-tencent-css/provider` (the dynamic-provider process does, through the
 * shim): `recordNotifyUrl` ↔ `recordExceptionNotifyUrl` and `pornCensorshipNotifyUrl` ↔
 * `audioAuditNotifyUrl`. Written and read back through the same table, the swap is
 * invisible to the product itself; only an independent oracle sees it.
 *
 * Nothing in the product loads this file. It throws when it cannot plant the fault, so a
 * test never passes because the plant silently did nothing.
 */
const Module = require("node:module");

const SWAPS = [
  ["recordNotifyUrl", "recordExceptionNotifyUrl"],
  ["pornCensorshipNotifyUrl", "audioAuditNotifyUrl"],
];

const load = Module._load;
let planted = false;
Module._load = function plantedLoad(request, ...rest) {
  const exports = load.call(this, request, ...rest);
  if (!planted && request === "pulumi-tencent-css/provider") {
    const table = exports.TEMPLATE_URL_PROPERTIES;
    if (!table || typeof table !== "object") throw new Error("swap-url-fields: pulumi-tencent-css/provider exports no TEMPLATE_URL_PROPERTIES");
    for (const [a, b] of SWAPS) {
      const fieldA = table[a];
      const fieldB = table[b];
      table[a] = fieldB;
      table[b] = fieldA;
      if (table[a] !== fieldB || table[b] !== fieldA) throw new Error(`swap-url-fields: could not swap ${a} and ${b} (is the table frozen?)`);
    }
    planted = true;
    process.stderr.write("swap-url-fields: planted\n");
  }
  return exports;
};
