/**
 * What an error may quote of a body that is not an API answer: short, printable, with
 * every secret of the request removed, including those a server echoes in forms the
 * client did not send it in.
 */
import { describe, expect, it } from "vitest";
import { bodyExcerpt, endsEarly, EXCERPT_CHARS, isHtml } from "../../provider/client/body-excerpt";

const SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
const SIGNATURE = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c";

describe("bodyExcerpt", () => {
  it("removes the request's secrets, and any SecretId or signature shaped like one", () => {
    const body = `denied: Credential=${SECRET_ID}/2024-06-01/live/tc3_request Signature=${SIGNATURE} key ${SECRET_KEY} other AKIDanotherOne12345 Signature=abc123`;
    const excerpt = bodyExcerpt(body, [SECRET_ID, SECRET_KEY]);
    expect(excerpt).toBe("denied: Credential=*** Signature=*** key *** other AKID*** Signature=***");
  });

  it("cuts after the excerpt length, only once every secret is gone, so none is printed in part", () => {
    const key = "k".repeat(40);
    const body = `${"a".repeat(EXCERPT_CHARS - 10)}${key}`;
    const excerpt = bodyExcerpt(body, [key]);
    expect(excerpt).toBe(`${"a".repeat(EXCERPT_CHARS - 10)}***`);
    expect(bodyExcerpt("x".repeat(500), [])).toBe(`${"x".repeat(EXCERPT_CHARS)}…`);
  });

  it("removes a secret that straddles the part of the body it reads, rather than printing its start", () => {
    // An HTML page without a title is reduced to its text, so what was 4 KiB deep moves to
    // the front; the key starts 6 characters before the 4,096 the excerpt is made from.
    const head = `<html><body><${"x".repeat(4067)}><p>token `;
    expect(head.length).toBe(4090);
    const excerpt = bodyExcerpt(`${head}${SECRET_KEY}</p></body></html>`, [SECRET_KEY]);
    expect(excerpt).toBe("token ***");
  });

  it("shows an HTML page by its title, without tags, comments or scripts", () => {
    const page = `<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><!-- ${SECRET_ID} --></body></html>`;
    expect(bodyExcerpt(page, [])).toBe("503 Service Temporarily Unavailable");
    const untitled = "<html><body><script>var k = 1;</script><h1>Blocked &amp; logged</h1><!-- debug --></body></html>";
    expect(bodyExcerpt(untitled, [], "text/html; charset=utf-8")).toBe("Blocked & logged");
  });

  it("turns control characters and bidirectional overrides into spaces, so nothing reaches the terminal but text", () => {
    expect(bodyExcerpt("red\u001b[31m alert\u0007\u202eevil\r\nnext", [])).toBe("red [31m alert evil next");
  });
});

describe("recognising a body", () => {
  it("tells JSON cut short from text that is not JSON", () => {
    expect(endsEarly('{"Response":{"Rules":[{"TemplateId":1')).toBe(true);
    expect(endsEarly('{"Response":{"RequestId":"ab')).toBe(true);
    expect(endsEarly('{"Response":{"Msg":"}]}\\"')).toBe(true);
    expect(endsEarly("upstream connect error")).toBe(false);
    expect(endsEarly("upstream said {unbalanced")).toBe(false);
    expect(endsEarly('{"a":1}}')).toBe(false);
  });

  it("knows an HTML page by its Content-Type or by how it starts", () => {
    expect(isHtml("anything", "text/html")).toBe(true);
    expect(isHtml("  <!doctype html><p>x", undefined)).toBe(true);
    expect(isHtml("<html>", "application/json")).toBe(true);
    expect(isHtml('{"Response":{}}', "application/json")).toBe(false);
    expect(isHtml("<xml/>", undefined)).toBe(false);
  });
});
