// Unit test of the HTML export's embedded JSON, in plain Node (no npm):
//
//   node tests/browser/escape.test.mjs PAGE.html MAP.argmap.json [PAGE.html MAP.argmap.json]...
//
// For each exported page of a hostile map: the data block holds none of the
// characters that could end the <script> element or change how HTML reads
// it, the first `</script>` after it is its real end, and JSON.parse gives
// back every string of the map exactly (compared with the map file).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';

const OPEN = '<script type="application/json" id="argmap-data">';
const args = process.argv.slice(2);

for (let k = 0; k + 1 < args.length; k += 2) {
  const [page, file] = [args[k], args[k + 1]];
  test(`embedded JSON of ${file}`, () => {
    const html = readFileSync(page, 'utf8');
    const map = JSON.parse(readFileSync(file, 'utf8'));
    const at = html.indexOf(OPEN);
    assert.ok(at > 0, 'the page has the data block');
    const end = html.indexOf('</script>', at);
    const raw = html.slice(at + OPEN.length, end);
    for (const bad of ['<', '>', '&', '\u2028', '\u2029']) {
      assert.ok(!raw.includes(bad), `${JSON.stringify(bad)} is escaped`);
    }
    // HTML ends a script element at the first "</script" (any case).
    assert.equal(html.toLowerCase().indexOf('</script', at), end, 'the block ends where it should');
    const data = JSON.parse(raw);
    assert.equal(data.title, map.meta.title);
    assert.equal(data.statements.length, map.statements.length);
    const byId = new Map(data.statements.map((s) => [s.id, s]));
    for (const s of map.statements) {
      const got = byId.get(s.id);
      assert.equal(got.text, s.text, `text of ${s.id}`);
      assert.equal(got.title, s.title || '');
      assert.deepEqual(got.tags, s.tags || []);
      (s.evidence || []).forEach((ev, i) => {
        assert.equal(got.evidence[i].text, ev.text);
        assert.equal(got.evidence[i].url, ev.url || '');
        const p = got.evidence[i].passage;
        if (ev.anchor) assert.equal(p.text.slice(p.start, p.end), ev.anchor.exact, 'offsets find the quote');
      });
    }
    for (const i of map.inferences) {
      assert.equal(data.inferences.find((d) => d.id === i.id).title, i.title || '');
    }
    (map.tours || []).forEach((t, n) => {
      assert.equal(data.tours[n].name, t.name);
      t.steps.forEach((s, j) => assert.equal(data.tours[n].steps[j].note, s.note || ''));
    });
    // The same text is also a valid JavaScript expression (U+2028/9 escaped).
    assert.deepEqual(new Function(`return (${raw});`)(), data);
  });
}
