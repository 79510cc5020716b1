"use strict";
/**
 * A fault planted in the real product at run time, for tests that must prove a check
 * notices a wrong product: preloaded with `NODE_OPTIONS=--require <this file>`, it swaps
 * two pairs of API fields in the product's property → field table (live-api's
 * TEMPLATE_FIELDS, which the provider exports and reads on every call) as soon as a process
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
    const table = exports.TEMPLATE_FIELDS;
    if (!Array.isArray(table)) throw new Error("swap-url-fields: pulumi-tencent-css/provider exports no TEMPLATE_FIELDS table");
    const row = (property) => {
      const found = table.find((r) => r.property === property);
      if (!found) throw new Error(`swap-url-fields: TEMPLATE_FIELDS has no row for ${property}`);
      return found;
    };
    for (const [a, b] of SWAPS) {
      const rowA = row(a);
      const rowB = row(b);
      const fieldA = rowA.field;
      const fieldB = rowB.field;
      rowA.field = fieldB;
      rowB.field = fieldA;
      if (rowA.field !== fieldB || rowB.field !== fieldA) throw new Error(`swap-url-fields: could not swap ${a} and ${b} (is the table frozen?)`);
    }
    planted = true;
    process.stderr.write("swap-url-fields: planted\n");
  }
  return exports;
};
