// Checks of the HTML export shared by every browser engine's driver
// (Chromium over DevTools in viewer.mjs; Firefox and WebKit over WebDriver
// in engines.mjs). `page` has open(file), eval(expr), waitFor(expr),
// clickOn(selector) (a real mouse click) and arrowRight() (a real key).
// Expected values come from the map files themselves, never from the page.
import assert from 'node:assert/strict';

/** The speech map: drawing, statement count, a click showing the quote in
 *  its passage, and the tour's right arrow. Returns a summary line. */
export async function speechChecks(page, html, map, clicked) {
  await page.open(html);
  const drawn = await page.eval(`({ svg: !!document.querySelector('#stage > svg'),
    boxes: document.querySelectorAll('#stage g.statement[data-id]').length,
    outline: document.querySelectorAll('#outline li[data-id]').length })`);
  assert.equal(drawn.svg, true, 'the SVG drawing is in the page');
  assert.equal(drawn.boxes, map.statements.length, 'one box per statement');
  assert.ok(drawn.outline >= map.statements.length, 'the outline lists every statement');

  // A click on the statement's box shows it in the panel with its first
  // quote highlighted inside the source passage.
  const target = map.statements.find((s) => s.id === clicked);
  await page.clickOn(`g[data-id="${clicked}"] > rect`);
  const panel = await page.eval(`(() => {
    const q = document.querySelector('#panel blockquote.passage');
    return { h2: document.querySelector('#panel h2')?.textContent ?? null,
      mark: q?.querySelector('mark')?.textContent ?? null, passage: q?.textContent ?? '',
      selected: document.querySelector('#stage g.selected')?.dataset.id ?? null }; })()`);
  const quote = target.evidence[0];
  assert.equal(panel.h2, target.title, 'the panel shows the clicked statement');
  assert.equal(panel.selected, clicked);
  assert.equal(panel.mark, quote.anchor.exact, 'the first quote is highlighted');
  assert.ok(panel.passage.includes(quote.anchor.prefix + quote.anchor.exact + quote.anchor.suffix),
    'the quote sits inside its source passage');

  // The tour: start it, then the right arrow moves to step 2.
  const tour = map.tours[0];
  await page.clickOn('#tour-start');
  await page.waitFor(`document.getElementById('tour-pos').dataset.step === '0'`);
  await page.arrowRight();
  await page.waitFor(`document.getElementById('tour-pos').dataset.step === '1'`);
  const step = await page.eval(`({ note: document.getElementById('tour-note').textContent,
    shown: [...document.querySelectorAll('#stage g[data-id]:not(.ghost)')].map((g) => g.dataset.id).sort(),
    highlighted: [...document.querySelectorAll('#stage g.highlight')].map((g) => g.dataset.id).sort() })`);
  const revealed = [...new Set(tour.steps.slice(0, 2).flatMap((s) => s.reveal || []))].sort();
  assert.equal(step.note, tour.steps[1].note || '');
  assert.deepEqual(step.shown, revealed, 'exactly the revealed nodes are shown');
  assert.deepEqual(step.highlighted, [...(tour.steps[1].highlight || [])].sort());
  return `${drawn.boxes} boxes, click shows the quote, tour step 2 of ${tour.steps.length}`;
}

/** Dung's grounded labelling of a map whose inferences are conflicts with
 *  one premise each (the overlay fixture): IN when every attacker is OUT,
 *  OUT when some attacker is IN, else UNDEC (Dung 1995, the least fixed
 *  point of the characteristic function). */
function groundedLabels(map) {
  const attackers = new Map(map.statements.map((s) => [s.id, []]));
  for (const i of map.inferences) {
    assert.equal(i.kind, 'conflict', 'the fixture has conflicts only');
    attackers.get(i.target).push(...i.premises);
  }
  const label = new Map();
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, by] of attackers) {
      if (label.has(id)) continue;
      if (by.every((a) => label.get(a) === 'OUT')) { label.set(id, 'IN'); changed = true; }
      else if (by.some((a) => label.get(a) === 'IN')) { label.set(id, 'OUT'); changed = true; }
    }
  }
  return (id) => label.get(id) || 'UNDEC';
}

/** A tour whose steps ask for the evaluation label overlay: the overlay
 *  shows at those steps only, as in present mode, with the panel naming
 *  the labels, and is hidden again outside the tour. */
export async function overlayChecks(page, html, map) {
  await page.open(html);
  const tour = map.tours[0];
  const state = () => page.eval(`(() => { const g = document.getElementById('evaluation');
    return { step: document.getElementById('tour-pos').dataset.step ?? null,
      attr: document.documentElement.dataset.overlay,
      shown: !!g && getComputedStyle(g).display !== 'none' && g.getBoundingClientRect().width > 0,
      marks: g ? g.querySelectorAll('g[data-node]').length : 0 }; })()`);
  const before = await state();
  assert.ok(before.marks >= map.statements.length, 'the page carries the label marks');
  assert.equal(before.shown, false, 'no overlay outside the tour (exported without --eval)');
  const label = groundedLabels(map);
  await page.clickOn('#tour-start');
  await page.waitFor(`document.getElementById('tour-pos').dataset.step === '0'`);
  for (let k = 0; k < tour.steps.length; k++) {
    if (k > 0) {
      await page.arrowRight();
      await page.waitFor(`document.getElementById('tour-pos').dataset.step === '${k}'`);
    }
    const wants = tour.steps[k].overlay === 'evaluation_labels';
    const now = await state();
    assert.equal(now.shown, wants, `step ${k + 1}: overlay ${wants ? 'shown' : 'hidden'}`);
    assert.equal(now.attr, wants ? 'evaluation_labels' : 'none');
    if (wants) {
      // The panel names the label of a revealed statement at this step.
      const id = tour.steps[k].highlight[0];
      await page.eval(`document.querySelector('#outline li[data-id="${id}"] .link').click()`);
      const chips = await page.eval(`[...document.querySelectorAll('#panel .chip')].map((c) => c.textContent)`);
      assert.ok(chips.includes(`${label(id)} (grounded)`), `the panel shows ${id}'s label: ${chips}`);
    }
  }
  await page.clickOn('#tour-end');
  assert.equal((await state()).shown, false, 'the overlay goes away with the tour');
  return `overlay shown at steps ${tour.steps.map((s, k) => (s.overlay ? k + 1 : null)).filter(Boolean).join(', ')} of ${tour.steps.length} only`;
}

/** A big map's page (over the exporter's LOD_MIN_NODES): at fit no node
 *  text is laid out; selecting a statement zooms in to it and its text,
 *  and only the text of nodes near the view, is drawn. */
export async function lodChecks(page, html) {
  await page.open(html);
  const drawn = () => page.eval(`(() => {
    const texts = [...document.querySelectorAll('#stage g[data-id] > text')];
    return { total: document.querySelectorAll('#stage g[data-id]').length,
      lod: document.getElementById('stage').classList.contains('lod'),
      shown: texts.filter((t) => getComputedStyle(t).display !== 'none').length,
      detailed: document.querySelectorAll('#stage g.detail').length }; })()`);
  const fit = await drawn();
  assert.equal(fit.lod, true, 'a big map\'s stage has level of detail');
  assert.equal(fit.shown, 0, 'no node text at fit, where it would be unreadable');
  const id = await page.eval(`document.querySelector('#stage g.statement[data-id]').dataset.id`);
  await page.eval(`document.querySelector('#outline li[data-id="${id}"] .link').click()`);
  await page.waitFor(`document.querySelector('#stage g[data-id="${id}"]').classList.contains('detail')`);
  const near = await drawn();
  assert.ok(await page.eval(`getComputedStyle(document.querySelector('#stage g[data-id="${id}"] > text')).display !== 'none'`),
    'the selected statement\'s text is drawn');
  assert.ok(near.detailed > 0 && near.detailed < near.total / 4,
    `only nodes near the view get text: ${near.detailed} of ${near.total}`);
  return `no text at fit; ${near.detailed} of ${near.total} nodes with text after zooming to one`;
}
