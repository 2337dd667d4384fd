// Drives the HTML export in headless Chromium over the DevTools protocol
// (run by tests/html_browser.rs; see .ci/html-browser.sh):
//
//   node --experimental-websocket tests/browser/viewer.mjs CHROMIUM \
//        SPEECH.html SPEECH.argmap.json HOSTILE.html HOSTILE.argmap.json... \
//        [--overlay OVERLAY.html OVERLAY.argmap.json] [--lod BIG.html] [--screenshot OUT.png]
//
// Expected values come from the map files themselves, never from the page.
// Prints `first-paint-ms N` and `drawn-ms N` (the browser's first paint and
// the viewer's mark after the drawing's first frame; the target is 1 s;
// reported, not asserted) and
// exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launch } from './cdp.mjs';
import { lodChecks, overlayChecks } from './checks.mjs';

const args = process.argv.slice(2);
let screenshot = null;
const shot = args.indexOf('--screenshot');
if (shot >= 0) { screenshot = args[shot + 1]; args.splice(shot, 2); }
let overlay = null;
const ov = args.indexOf('--overlay');
if (ov >= 0) { overlay = args.slice(ov + 1, ov + 3); args.splice(ov, 3); }
let big = null;
const lodAt = args.indexOf('--lod');
if (lodAt >= 0) { big = args[lodAt + 1]; args.splice(lodAt, 2); }
const [chromium, speechHtml, speechMap, ...hostile] = args;
const CLICKED = 'hashimoto-doctrine';

const page = await launch(chromium);
const dialogs = [];
page.on('Page.javascriptDialogOpening', (p) => {
  dialogs.push(p.message);
  page.send('Page.handleJavaScriptDialog', { accept: false });
});
await page.send('Page.enable');
await page.send('Runtime.enable');
// Recorded before any of the page's own script runs (DevTools scripts are
// exempt from the page's CSP): blocked inline code would show up here.
await page.send('Page.addScriptToEvaluateOnNewDocument', {
  source: `window.__csp = []; document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
});

async function open(file) {
  const loaded = page.once('Page.loadEventFired');
  await page.send('Page.navigate', { url: pathToFileURL(file).href });
  await loaded;
  await page.waitFor(`document.documentElement.dataset.ready === 'true'`);
}

try {
  // ---- the speech map ---------------------------------------------------
  const map = JSON.parse(readFileSync(speechMap, 'utf8'));
  await open(speechHtml);
  // The script may finish before the first frame is painted: wait for it.
  await page.waitFor(`performance.getEntriesByType('paint').length > 0`);
  const paint = await page.eval(`(() => {
    const p = performance.getEntriesByType('paint');
    const fp = p.find((e) => e.name === 'first-paint') || p.find((e) => e.name === 'first-contentful-paint');
    return fp ? fp.startTime : null; })()`);
  assert.ok(typeof paint === 'number', 'the browser reports a first paint');
  // Reported, not asserted: speed is not checked by timed tests (target 1 s).
  console.log(`first-paint-ms ${paint.toFixed(0)}`);
  // And when the drawing's first frame was painted (the viewer's mark).
  const drawn = await page.eval(`performance.getEntriesByName('argmap-drawn')[0]?.startTime ?? null`);
  assert.ok(typeof drawn === 'number', 'the viewer marks the drawn map');
  console.log(`drawn-ms ${drawn.toFixed(0)}`);

  const box = () => page.eval(`['x', 'y', 'width', 'height'].map((k) =>
    document.querySelector('#stage svg').viewBox.baseVal[k])`);
  const fullView = await box();

  // Click the statement's box: the side panel shows it, with its first
  // quote highlighted inside the source passage.
  const target = map.statements.find((s) => s.id === CLICKED);
  await page.clickOn(`g[data-id="${CLICKED}"] > rect`);
  const panel = await page.eval(`(() => {
    const q = document.querySelector('#panel blockquote.passage');
    return { h2: document.querySelector('#panel h2')?.textContent,
      mark: q?.querySelector('mark')?.textContent, passage: q?.textContent,
      selected: document.querySelector('g.selected')?.dataset.id,
      outline: document.querySelector('#outline li.selected')?.dataset.id }; })()`);
  const quote = target.evidence[0];
  assert.equal(panel.h2, target.title, 'the panel shows the clicked statement');
  assert.equal(panel.selected, CLICKED);
  assert.equal(panel.outline, CLICKED, 'the outline follows the selection');
  assert.equal(panel.mark, quote.anchor.exact, 'the first quote is highlighted');
  assert.ok(panel.passage.includes(quote.anchor.prefix + quote.anchor.exact + quote.anchor.suffix),
    'the quote sits inside its source passage');
  if (screenshot) {
    // Bring the node into view from the outline, then take the picture.
    await page.eval(`document.querySelector('#outline li[data-id="${CLICKED}"] .link').click()`);
    const img = await page.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(screenshot, Buffer.from(img.data, 'base64'));
  }

  // Keyboard: a node takes the focus and Enter opens it in the panel.
  const other = map.statements.find((s) => s.id !== CLICKED && s.title);
  await page.eval(`document.querySelector('g[data-id="${other.id}"]').focus()`);
  await page.key('Enter', 'Enter', 13);
  assert.equal(await page.eval(`document.querySelector('#panel h2').textContent`), other.title,
    'Enter on a focused node opens it');

  // Search: hits in the drawing and the list match the map's statements.
  const word = 'hashimoto';
  const expected = map.statements.filter((s) =>
    `${s.title || ''}\n${s.text}\n${(s.tags || []).join(' ')}`.toLowerCase().includes(word)).length;
  assert.ok(expected > 1);
  await page.eval(`document.getElementById('search').focus()`);
  await page.send('Input.insertText', { text: 'Hashimoto' });
  const found = await page.eval(`({ count: document.getElementById('search-count').textContent,
    marked: document.querySelectorAll('#stage g.statement.hit').length,
    listed: document.querySelectorAll('#hits li').length })`);
  assert.deepEqual(found, { count: `${expected} hits`, marked: expected, listed: expected });
  await page.eval(`document.getElementById('search').blur()`);

  // Zoom and pan: "+" narrows the view by 1.25; a drag moves it; the wheel zooms.
  const before = await box();
  await page.key('+', 'Equal', 187);
  const zoomed = await box();
  assert.ok(Math.abs(zoomed[2] - before[2] / 1.25) < 1, `"+" zooms in: ${before} -> ${zoomed}`);
  const mid = await page.eval(`(() => { const b = document.getElementById('stage').getBoundingClientRect();
    return [b.x + b.width / 2, b.y + b.height / 2]; })()`);
  await page.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: mid[0], y: mid[1], button: 'left', buttons: 1, clickCount: 1 });
  for (let d = 10; d <= 100; d += 10) {
    await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: mid[0] + d, y: mid[1], button: 'left', buttons: 1 });
  }
  await page.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: mid[0] + 100, y: mid[1], button: 'left', buttons: 0, clickCount: 1 });
  const dragged = await box();
  assert.ok(dragged[0] < zoomed[0] - 1 && Math.abs(dragged[1] - zoomed[1]) < 1, `a drag pans: ${zoomed} -> ${dragged}`);
  // A mouse wheel notch up zooms in around the pointer.
  await page.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x: mid[0], y: mid[1], deltaX: 0, deltaY: -100 });
  await page.waitFor(`document.querySelector('#stage svg').viewBox.baseVal.width < ${dragged[2] - 1}`);
  await page.clickOn('#fit');
  assert.deepEqual(await box(), fullView, 'Fit shows the whole map again');

  // Fold the thesis: every statement below it (reasons, objections, their
  // reasons…, from the map's inferences) is hidden; unfold shows them again.
  const thesis = map.statements.find((s) => s.role === 'thesis').id;
  const under = new Set();
  const walk = (id) => map.inferences.filter((i) => i.target === id).forEach((i) => {
    if (under.has(i.id)) return;
    under.add(i.id);
    walk(i.id);
    i.premises.forEach((p) => { if (!under.has(p)) { under.add(p); walk(p); } });
  });
  walk(thesis);
  const belowThesis = map.statements.filter((s) => under.has(s.id)).length;
  await page.eval(`document.querySelector('#outline li[data-id="${thesis}"] .link').click()`);
  await page.clickOn('#fold-toggle');
  const foldedCount = () => page.eval(`document.querySelectorAll('#stage g.statement.folded').length`);
  assert.equal(await foldedCount(), belowThesis, 'folding hides the branches below');
  assert.equal(await page.eval(`document.querySelector('#outline li[data-id="${thesis}"]').classList.contains('collapsed')`), true,
    'the outline folds with the drawing');
  await page.clickOn('#fold-toggle');
  assert.equal(await foldedCount(), 0, 'unfolding shows them again');

  // Tour: start it, then the right arrow moves to step 2, revealing and
  // highlighting what the map's tour says and showing the step's note.
  const tour = map.tours.find((t) => t.name === 'Seminar');
  await page.clickOn('#tour-start');
  await page.waitFor(`document.getElementById('tour-pos').dataset.step === '0'`);
  await page.key('ArrowRight', 'ArrowRight', 39);
  const step = await page.eval(`({ step: document.getElementById('tour-pos').dataset.step,
    note: document.getElementById('tour-note').textContent,
    shown: [...document.querySelectorAll('#stage g[data-id]:not(.ghost)')].map((g) => g.dataset.id).sort(),
    highlighted: [...document.querySelectorAll('#stage g.highlight')].map((g) => g.dataset.id).sort() })`);
  const revealed = [...new Set(tour.steps.slice(0, 2).flatMap((s) => s.reveal))].sort();
  assert.equal(step.step, '1', 'the right arrow advances the tour');
  assert.equal(step.note, tour.steps[1].note);
  assert.deepEqual(step.shown, revealed, 'exactly the revealed nodes are shown');
  assert.deepEqual(step.highlighted, [...tour.steps[1].highlight].sort());
  console.log(`speech map: click, quote, search (${expected} hits), zoom, pan, fit, fold (${belowThesis}), tour step ok`);

  // ---- a tour step's evaluation overlay --------------------------------
  if (overlay) {
    const adapter = { open, eval: (e) => page.eval(e), waitFor: (e) => page.waitFor(e),
      clickOn: (s) => page.clickOn(s), arrowRight: () => page.arrowRight() };
    console.log(`tour overlay: ${await overlayChecks(adapter, overlay[0], JSON.parse(readFileSync(overlay[1], 'utf8')))}`);
    if (big) console.log(`big map: ${await lodChecks(adapter, big)}`);
  }

  // ---- hostile maps -----------------------------------------------------
  for (let k = 0; k + 1 < hostile.length; k += 2) {
    const [html, file] = [hostile[k], hostile[k + 1]];
    const m = JSON.parse(readFileSync(file, 'utf8'));
    await open(html);
    const seen = await page.eval(`document.getElementById('map-title').textContent`);
    assert.equal(seen, m.meta.title, 'the title appears literally');
    assert.equal(await page.eval('document.title'), m.meta.title);
    for (const s of m.statements) {
      await page.eval(`document.querySelector('#outline li[data-id="${s.id}"] .link').click()`);
      const shown = await page.eval(`({ text: document.querySelector('#panel .text')?.textContent ?? document.querySelector('#panel h2').textContent,
        h2: document.querySelector('#panel h2').textContent,
        chips: [...document.querySelectorAll('#panel .chip')].map((c) => c.textContent),
        quotes: [...document.querySelectorAll('#panel .evidence')].map((e) => ({
          text: e.querySelector('blockquote')?.textContent, mark: e.querySelector('mark')?.textContent,
          meta: e.querySelector('.meta')?.textContent,
          links: [...e.querySelectorAll('a')].map((a) => a.getAttribute('href')) })) })`);
      assert.equal(shown.text, s.text, `statement ${s.id} shows its text literally`);
      if (s.title) assert.equal(shown.h2, s.title);
      for (const t of s.tags || []) assert.ok(shown.chips.includes('#' + t), `tag ${t} shown literally`);
      (s.evidence || []).forEach((ev, i) => {
        const q = shown.quotes[i];
        if (ev.anchor) assert.equal(q.mark, ev.anchor.exact, 'hostile quote shown literally');
        else assert.equal(q.text, ev.text);
        if (ev.speaker) assert.ok(q.meta.includes(ev.speaker));
        for (const href of q.links) assert.match(href, /^https?:/, 'only http(s) links');
        if (/^https?:/.test(ev.url || '')) assert.equal(q.links.length, 1, 'an http(s) URL is a link');
      });
    }
    for (const i of m.inferences) {
      if (!i.title) continue;
      const row = await page.eval(`document.querySelector('#outline li[data-id="${i.id}"]')?.textContent`);
      if (row !== undefined) assert.ok(row.includes(i.title), `inference title ${i.title} literal`);
    }
    for (const t of m.tours || []) {
      const names = await page.eval(`[...document.querySelectorAll('#tour-pick option')].map((o) => o.textContent)`);
      assert.ok(names.includes(t.name), 'tour name literal');
      await page.clickOn('#tour-start');
      await page.waitFor(`document.getElementById('tour-pos').dataset.step === '0'`);
      for (let s = 0; s < t.steps.length; s++) {
        assert.equal(await page.eval(`document.getElementById('tour-note').textContent`), t.steps[s].note || '');
        await page.key('ArrowRight', 'ArrowRight', 39);
      }
    }
    const after = await page.eval(`({ pwned: typeof window.__pwned, csp: window.__csp,
      scripts: document.scripts.length, imgs: document.images.length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length })`);
    assert.deepEqual(after, { pwned: 'undefined', csp: [], scripts: 2, imgs: 0, handlers: 0 },
      'no injected script ran or was even attempted');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    console.log(`${file}: every hostile string literal, nothing ran`);
  }
} finally {
  await page.close();
}
