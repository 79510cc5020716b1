/**
 * Issue 12, items 4 and 7, in the SDK: what the program's stack config says that this
 * package must report — credentials kept in plain text, and Pulumi's default
 * `pulumi-nodejs` provider turned off — read the way a program reads its config.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { defaultProviderDisabledMessage, plainTextSecretsMessage, readStackSettings } from "../../sdk/stack-settings";

afterEach(() => pulumi.runtime.setAllConfig({}, []));

describe("stack settings the SDK reports", () => {
  it.each([
    [["pulumi-nodejs"], true],
    [["*"], true],
    [[" pulumi-nodejs "], true],
    [["aws", "tencentcloud"], false],
    [[], false],
  ])("pulumi:disable-default-providers %j turns the dynamic provider off: %s", (list, disabled) => {
    pulumi.runtime.setAllConfig({ "pulumi:disable-default-providers": JSON.stringify(list) }, []);
    expect(readStackSettings().defaultProviderDisabled).toBe(disabled);
  });

  it("names a secret key or token set without --secret, and not one set with it", () => {
    pulumi.runtime.setAllConfig(
      { "tencentcloud:secretId": "AKIDplain", "tencentcloud:secretKey": "plainKey", "tencentcloud:securityToken": "tok" },
      ["tencentcloud:securityToken"],
    );
    expect(readStackSettings().plainTextSecrets).toEqual(["tencentcloud:secretKey"]);
    pulumi.runtime.setAllConfig({ "tencentcloud:secretKey": "secretKey" }, ["tencentcloud:secretKey"]);
    expect(readStackSettings().plainTextSecrets).toEqual([]);
  });

  it("says what to do, without any value", () => {
    const warning = plainTextSecretsMessage(["tencentcloud:secretKey"]);
    expect(warning).toContain("pulumi config set --secret");
    expect(warning).toContain("TENCENTCLOUD_SECRET_KEY");
    const error = defaultProviderDisabledMessage('CallbackTemplate "hooks"');
    expect(error).toContain('new Provider("css")');
    expect(error).toContain("pulumi:disable-default-providers");
  });
});
