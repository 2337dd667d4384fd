// Minimal W3C WebDriver clients for the HTML export's browser tests, with
// no npm package and no browser download: they drive the browsers Debian
// installs.
//
// - Firefox (Gecko): WebDriver BiDi, built into Firefox since 129 (no
//   geckodriver): `firefox --remote-debugging-port=0` prints the WebSocket
//   address; commands are JSON over that socket (W3C WebDriver BiDi spec,
//   https://w3c.github.io/webdriver-bidi/). Needs Node's WebSocket
//   (node --experimental-websocket on Node 20.10+).
// - WebKit (Safari's engine): WebKitGTK's `WebKitWebDriver` speaks classic
//   W3C WebDriver over HTTP (https://w3c.github.io/webdriver/) and starts
//   WebKitGTK's MiniBrowser; Node's built-in fetch talks to it. MiniBrowser
//   needs an X display: without DISPLAY an Xvfb is started for it.
//
// Both return the same small page API: open(file), eval(expr), waitFor(expr),
// clickOn(selector), arrowRight(), screenshot(), close().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The WebDriver key value of the right arrow (WebDriver §17.4.2). */
const ARROW_RIGHT = '\uE014';

/** The page API shared by both engines, over `driver` (see below). */
class Page {
  constructor(driver) { this.driver = driver; }

  /** Loads `file` (a path) and waits for the viewer to be ready. */
  async open(file) {
    await this.driver.navigate(pathToFileURL(file).href);
    await this.waitFor(`document.documentElement.dataset.ready === 'true'`);
  }

  /** Evaluates `expr` in the page; resolves to its value (JSON-able). */
  async eval(expr) {
    const text = await this.driver.evalJson(`JSON.stringify((${expr}))`);
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  }

  /** Polls `expr` until it is truthy. */
  async waitFor(expr, timeoutMs = 15000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await this.eval(expr)) return;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${expr}`);
  }

  /** A real mouse click (move, press, release) on the centre of the first
   *  element matching `selector`, in viewport px. */
  async clickOn(selector) {
    const r = await this.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      if (!e) return null; const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`);
    if (!r) throw new Error(`nothing matches ${selector}`);
    await this.driver.actions([{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', x: Math.round(r[0]), y: Math.round(r[1]), origin: 'viewport' },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    }]);
  }

  /** Presses and releases the right arrow key. */
  async arrowRight() {
    await this.driver.actions([{
      type: 'key', id: 'keyboard',
      actions: [{ type: 'keyDown', value: ARROW_RIGHT }, { type: 'keyUp', value: ARROW_RIGHT }],
    }]);
  }

  /** A PNG of the viewport, base64. */
  screenshot() { return this.driver.screenshot(); }

  close() { return this.driver.close(); }
}

// ---- Firefox over WebDriver BiDi --------------------------------------------

/** Starts `binary` (firefox or firefox-esr) headless; resolves to a Page. */
export async function launchFirefox(binary, { width = 1400, height = 850 } = {}) {
  if (typeof WebSocket === 'undefined') {
    throw new Error('no WebSocket in this Node: run it with --experimental-websocket (Node 20.10+)');
  }
  const profile = mkdtempSync(join(tmpdir(), 'argmap-ff-'));
  const proc = spawn(binary, ['--headless', '--no-remote', '--remote-debugging-port=0',
    '--profile', profile, 'about:blank'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const address = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`firefox did not open WebDriver BiDi:\n${log.slice(-2000)}`)), 60000);
    const seen = (d) => {
      log += d;
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (m) { clearTimeout(t); resolve(m[1]); }
    };
    proc.stdout.on('data', seen);
    proc.stderr.on('data', seen);
    proc.once('exit', (code) => reject(new Error(`firefox exited (${code}):\n${log.slice(-2000)}`)));
  });
  const ws = new WebSocket(`${address}/session`);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`cannot connect to ${address}/session`));
  });
  let next = 1;
  const pending = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') reject(new Error(`${method}: ${msg.error}: ${msg.message}`));
      else resolve(msg.result);
    }
  };
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject, method });
    ws.send(JSON.stringify({ id, method, params }));
  });
  await send('session.new', { capabilities: {} });
  const context = (await send('browsingContext.getTree', {})).contexts[0].context;
  await send('browsingContext.setViewport', { context, viewport: { width, height } });
  return new Page({
    navigate: (url) => send('browsingContext.navigate', { context, url, wait: 'complete' }),
    async evalJson(expression) {
      const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
      if (r.type === 'exception') throw new Error(`page threw: ${r.exceptionDetails.text}`);
      return r.result.type === 'string' ? r.result.value : undefined;
    },
    actions: (actions) => send('input.performActions', { context, actions }),
    async screenshot() { return (await send('browsingContext.captureScreenshot', { context })).data; },
    async close() {
      try { await send('session.end'); } catch { /* the browser may already be going */ }
      ws.close();
      proc.kill();
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(profile, { recursive: true, force: true });
    },
  });
}

// ---- WebKit over classic WebDriver (HTTP) -------------------------------------

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts Xvfb on a free display; resolves to { display, proc }. */
function startXvfb(width, height) {
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', `${width + 100}x${height + 200}x24`, '-nolisten', 'tcp'],
      { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const t = setTimeout(() => reject(new Error('Xvfb did not start')), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) { clearTimeout(t); resolve({ display: `:${out.trim()}`, proc }); }
    });
    proc.once('error', (e) => { clearTimeout(t); reject(e); });
  });
}

/** Starts `driverBinary` (WebKitWebDriver) with WebKitGTK's `browserBinary`
 *  (MiniBrowser); resolves to a Page. */
export async function launchWebKit(driverBinary, browserBinary, { width = 1400, height = 850 } = {}) {
  const xvfb = process.env.DISPLAY ? null : await startXvfb(width, height);
  const env = { ...process.env, DISPLAY: xvfb ? xvfb.display : process.env.DISPLAY };
  const port = await freePort();
  const proc = spawn(driverBinary, [`--port=${port}`], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const r = await fetch(base + path, {
      method, headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (!r.ok || (j.value && j.value.error)) {
      throw new Error(`${method} ${path}: ${j.value?.error}: ${j.value?.message}\n${log.slice(-1500)}`);
    }
    return j.value;
  };
  for (let k = 0; ; k++) {
    try { if ((await call('GET', '/status')).ready) break; } catch (e) { if (k > 200) throw e; }
    await sleep(50);
  }
  const session = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: browserBinary, args: ['--automation'] } } },
  });
  const s = `/session/${session.sessionId}`;
  await call('POST', `${s}/window/rect`, { x: 0, y: 0, width, height });
  return new Page({
    navigate: (url) => call('POST', `${s}/url`, { url }),
    evalJson: (expression) => call('POST', `${s}/execute/sync`, { script: `return ${expression};`, args: [] }),
    async actions(actions) {
      await call('POST', `${s}/actions`, { actions });
      await call('DELETE', `${s}/actions`);
    },
    screenshot: () => call('GET', `${s}/screenshot`),
    async close() {
      try { await call('DELETE', s); } catch { /* already gone */ }
      proc.kill();
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      if (xvfb) {
        xvfb.proc.kill();
        await new Promise((r) => (xvfb.proc.exitCode !== null ? r() : xvfb.proc.once('exit', r)));
      }
    },
  });
}
