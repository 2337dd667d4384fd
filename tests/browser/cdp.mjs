// A minimal Chrome DevTools Protocol client for the HTML export's browser
// tests: starts headless Chromium with a debugging port, connects to its
// page over WebSocket (Node's built-in client: node --experimental-websocket
// on Node 20.10+, on by default from Node 22) and sends commands.
// No npm packages and no browser download: it drives the installed chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `binary` headless; resolves to a connected page session. */
export async function launch(binary, { width = 1400, height = 850 } = {}) {
  if (typeof WebSocket === 'undefined') {
    throw new Error('no WebSocket in this Node: run it with --experimental-websocket (Node 20.10+)');
  }
  const profile = mkdtempSync(join(tmpdir(), 'argmap-cdp-'));
  const proc = spawn(binary, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
    '--disable-extensions', '--hide-scrollbars', `--window-size=${width},${height}`,
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  // Chromium writes its port to DevToolsActivePort in the profile.
  let port = null;
  for (let k = 0; k < 200 && port === null; k++) {
    try {
      port = Number(readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]) || null;
    } catch { /* not yet */ }
    if (port === null) await sleep(50);
  }
  if (port === null) {
    proc.kill();
    throw new Error(`chromium did not open a debugging port:\n${stderr.slice(-2000)}`);
  }
  const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const page = list.find((t) => t.type === 'page');
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('cannot connect to the page'));
  });
  const session = new Session(ws);
  // The viewport itself, not the window, is width × height.
  await session.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  session.close = async () => {
    ws.close();
    proc.kill();
    await new Promise((r) => proc.once('exit', r));
    rmSync(profile, { recursive: true, force: true });
  };
  return session;
}

/** One page's protocol connection: commands by id, events by name. */
class Session {
  constructor(ws) {
    this.ws = ws;
    this.next = 1;
    this.pending = new Map();
    this.listeners = new Map();
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.id && this.pending.has(msg.id)) {
        const { resolve, reject, method } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result);
      } else if (msg.method) {
        (this.listeners.get(msg.method) || []).forEach((f) => f(msg.params));
      }
    };
  }

  send(method, params = {}) {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  on(method, f) {
    if (!this.listeners.has(method)) this.listeners.set(method, []);
    this.listeners.get(method).push(f);
  }

  once(method, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
      this.on(method, (p) => { clearTimeout(t); resolve(p); });
    });
  }

  /** Evaluates `expr` in the page; resolves to its value (JSON-able). */
  async eval(expr) {
    const r = await this.send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) {
      throw new Error(`page threw: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    }
    return r.result.value;
  }

  /** Polls `expr` until it is truthy. */
  async waitFor(expr, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await this.eval(expr)) return;
      await sleep(25);
    }
    throw new Error(`timed out waiting for ${expr}`);
  }

  /** A real mouse click (pressed and released) at viewport point x, y. */
  async click(x, y) {
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 });
    }
  }

  /** Clicks the centre of the first element matching `selector`. */
  async clickOn(selector) {
    const r = await this.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      if (!e) return null; const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`);
    if (!r) throw new Error(`nothing matches ${selector}`);
    await this.click(r[0], r[1]);
  }

  /** Presses and releases the right arrow (the shared checks' key). */
  arrowRight() { return this.key('ArrowRight', 'ArrowRight', 39); }

  /** Presses and releases one key, as the keyboard would. */
  async key(key, code, keyCode) {
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key, code, windowsVirtualKeyCode: keyCode });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode });
  }
}
