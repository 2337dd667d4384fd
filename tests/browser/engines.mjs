// The HTML export in Firefox (Gecko) and WebKit (Safari's engine), driven
// over W3C WebDriver (see webdriver.mjs); run by tests/html_browser.rs:
//
//   node --experimental-websocket tests/browser/engines.mjs firefox FIREFOX \
//        SPEECH.html SPEECH.argmap.json OVERLAY.html OVERLAY.argmap.json [BIG.html] [--screenshot OUT.png]
//   node tests/browser/engines.mjs webkit WEBKITWEBDRIVER MINIBROWSER \
//        SPEECH.html SPEECH.argmap.json OVERLAY.html OVERLAY.argmap.json [BIG.html] [--screenshot OUT.png]
//
// Prints one line per page and exits non-zero on the first failed check.
import { readFileSync, writeFileSync } from 'node:fs';
import { lodChecks, overlayChecks, speechChecks } from './checks.mjs';
import { launchFirefox, launchWebKit } from './webdriver.mjs';

const args = process.argv.slice(2);
let screenshot = null;
const shot = args.indexOf('--screenshot');
if (shot >= 0) { screenshot = args[shot + 1]; args.splice(shot, 2); }
const engine = args.shift();
let page;
if (engine === 'firefox') page = await launchFirefox(args.shift());
else if (engine === 'webkit') page = await launchWebKit(args.shift(), args.shift());
else throw new Error(`unknown engine ${engine} (firefox or webkit)`);
const [speechHtml, speechMap, overlayHtml, overlayMap, bigHtml] = args;
const load = (f) => JSON.parse(readFileSync(f, 'utf8'));

try {
  const ua = await page.eval('navigator.userAgent');
  console.log(`${engine}: ${ua}`);
  console.log(`${engine} speech map: ${await speechChecks(page, speechHtml, load(speechMap), 'hashimoto-doctrine')}`);
  if (screenshot) writeFileSync(screenshot, Buffer.from(await page.screenshot(), 'base64'));
  console.log(`${engine} tour overlay: ${await overlayChecks(page, overlayHtml, load(overlayMap))}`);
  if (bigHtml) console.log(`${engine} big map: ${await lodChecks(page, bigHtml)}`);
} finally {
  await page.close();
}
