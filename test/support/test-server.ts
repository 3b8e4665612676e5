import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The protected host the test pages are served as (a default site in the manifest). */
export const TEST_HOST = 'www.doctors-me.com';
/** A host not on the protected list, to check that nothing happens there. */
export const OTHER_HOST = 'unprotected.example.org';
const LOCAL_HOSTS = new Set([TEST_HOST, OTHER_HOST]);
/**
 * Chromium's own housekeeping (component updates, sign-in, clock), which start even with
 * background networking off. They are the browser's, not the extension's, and are listed
 * exactly: a CDN or model host (jsdelivr, storage.googleapis.com, ...) is never excused.
 */
const BROWSER_OWN_HOSTS = new Set(['accounts.google.com', 'clients2.google.com', 'update.googleapis.com']);
const hostOf = (target: string): string => {
  try {
    return new URL(target.includes('://') ? target : `https://${target}`).hostname;
  } catch {
    return target;
  }
};

const PAGES = resolve(import.meta.dirname, 'pages');
const MODULES = resolve(import.meta.dirname, '../../node_modules');
const VENDOR: Record<string, string> = {
  '/vendor/react.js': 'react/umd/react.production.min.js',
  '/vendor/react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  '/vendor/dropzone.js': 'dropzone/dist/dropzone-min.js',
};

export interface Upload {
  contentType: string;
  body: Buffer;
}

export interface TestServer {
  /** `--proxy-server=...` flag: every request of the browser goes through the recorder. */
  proxyArg: string;
  /** The recording proxy's port on 127.0.0.1 (Firefox takes it as prefs, not a flag). */
  proxyPort: number;
  /** Hosts other than the test hosts that anything in the browser tried to reach. */
  foreignRequests: string[];
  uploads: Upload[];
  url(path: string, host?: string): string;
  close(): Promise<void>;
}

function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'upload-guard-cert-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', `/CN=${TEST_HOST}`,
    '-addext', `subjectAltName=DNS:${TEST_HOST},DNS:${OTHER_HOST}`,
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  try {
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Test pages over HTTPS under a protected host name, reached through a recording proxy:
 * the proxy tunnels the test hosts to the local server and refuses and records every other
 * host, so any request the extension made on its own would show up in `foreignRequests`.
 */
export async function startTestServer(): Promise<TestServer> {
  const uploads: Upload[] = [];
  const foreignRequests: string[] = [];
  const https: Server = createHttpsServer(selfSignedCert(), (req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      if (req.method === 'POST' && path === '/upload') {
        uploads.push({ contentType: req.headers['content-type'] ?? '', body: await readBody(req) });
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p id="done">received</p>');
        return;
      }
      const vendor = VENDOR[path];
      if (vendor) {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(MODULES, vendor)));
        return;
      }
      const name = path === '/' ? 'plain.html' : path.slice(1);
      if (!/^[\w-]+\.(html|js)$/.test(name)) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = readFileSync(join(PAGES, name));
        const type = name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
        const headers: Record<string, string> = { 'content-type': type };
        // The strict-CSP page proves that the review frame works where the page forbids everything.
        if (name.startsWith('strict-csp')) headers['content-security-policy'] = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'";
        // Headers that stop the review frame (issue 13): COOP+COEP makes it an error page,
        // a CSP sandbox lets it load but never connect.
        if (name.startsWith('coop-coep')) {
          headers['cross-origin-opener-policy'] = 'same-origin';
          headers['cross-origin-embedder-policy'] = 'require-corp';
        }
        if (name.startsWith('csp-sandbox')) headers['content-security-policy'] = 'sandbox allow-scripts allow-forms';
        res.writeHead(200, headers).end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  const httpsPort = (https.address() as AddressInfo).port;

  const proxy = createHttpServer((req, res) => {
    // Plain-HTTP proxy requests: nothing in the suite should make one.
    if (!BROWSER_OWN_HOSTS.has(hostOf(req.url ?? ''))) foreignRequests.push(`http ${req.url ?? ''}`);
    res.writeHead(403).end();
  });
  // Tunnels are sockets the proxy has handed over, which closeAllConnections does not close:
  // one left open (a browser child slow to exit) would keep close() waiting.
  const tunnels = new Set<Socket>();
  const track = (socket: Socket): void => {
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
  };
  proxy.on('connect', (req: IncomingMessage, client: Socket) => {
    track(client);
    // A browser that closes resets its tunnels, the refused ones too: a reset socket with no
    // 'error' listener is an uncaught exception that fails the whole run (seen once in
    // locale.test.ts, which starts and closes three browsers).
    client.on('error', () => client.destroy());
    const [host] = (req.url ?? '').split(':');
    if (!host || !LOCAL_HOSTS.has(host)) {
      if (!BROWSER_OWN_HOSTS.has(host ?? '')) foreignRequests.push(`https ${req.url ?? ''}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  // Sockets the proxy has not handed to a handler yet (a reset before the request line).
  proxy.on('clientError', (_error, socket) => {
    socket.destroy();
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyPort = (proxy.address() as AddressInfo).port;

  return {
    proxyArg: `--proxy-server=http://127.0.0.1:${proxyPort}`,
    proxyPort,
    foreignRequests,
    uploads,
    url: (path, host = TEST_HOST) => `https://${host}${path}`,
    async close() {
      proxy.closeAllConnections();
      https.closeAllConnections();
      for (const socket of tunnels) socket.destroy();
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => https.close(r))]);
    },
  };
}
