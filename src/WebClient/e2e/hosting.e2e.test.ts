import { describe, expect, it } from "vitest";
import { gatewayUrl } from "./support";

describe("the gateway serves the client", () => {
  it("serves index.html at / with a strict CSP, revalidated on every load, with no inline script", async () => {
    const response = await fetch(`${gatewayUrl()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b|\sstyle=/);
  });

  it("answers client routes with the page, so deep links and reloads work", async () => {
    for (const route of ["/login", "/rooms/3f2a", "/rooms/3f2a/settings", "/dm/u1", "/users/u1"]) {
      const response = await fetch(`${gatewayUrl()}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get("cache-control"), route).toBe("no-cache");
      expect(await response.text(), route).toContain('<div id="root">');
    }
  });

  it("caches content-hashed assets for a year and keeps missing files a 404", async () => {
    const html = await (await fetch(`${gatewayUrl()}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${gatewayUrl()}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");

    const missing = await fetch(`${gatewayUrl()}/assets/missing-file.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).not.toMatch(/text\/html/);
  });

  it("never answers API or hub paths with the page", async () => {
    const api = await fetch(`${gatewayUrl()}/api/no-such-endpoint`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(((await api.json()) as { code: string }).code).toBe("request.not_found");

    const hub = await fetch(`${gatewayUrl()}/hubs/nothing-here`);
    expect(hub.headers.get("content-type") ?? "").not.toMatch(/text\/html/);

    const health = await fetch(`${gatewayUrl()}/healthz`);
    expect(health.headers.get("content-type")).toMatch(/application\/json/);
  });

  it("does not serve the page for other methods", async () => {
    const response = await fetch(`${gatewayUrl()}/rooms/x`, { method: "POST" });
    expect(response.status).not.toBe(200);
  });
});
