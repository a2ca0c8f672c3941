// A static file server on 127.0.0.1 for a built site, as any static host serves it.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<Served> {
  const server = http.createServer(async (req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      // Validated on every use, as static hosts do (an ETag and no-cache): the browser keeps
      // what it fetched, and the scripts it compiled, while the file is the same.
      const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
      const headers = { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache", etag };
      if (req.headers["if-none-match"] === etag) res.writeHead(304, headers).end();
      else res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
