"use strict";
// The `tencent-css` provider plugin (runtime: nodejs): the same provider as the dynamic
// resources, for every Pulumi language and `pulumi import`. Source: package-provider/.
require("../dist/package-provider/server").main().catch((error) => {
  console.error(error);
  process.exit(1);
});
