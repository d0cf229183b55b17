// Browser tests of werkarchiv.cgi under lighttpd: Debian's chromium, headless,
// driven by playwright-core; axe-core checks the WCAG 2.1 A/AA rules on every
// kind of page; screenshots (desktop and 375 px) go to WA_ARTIFACTS.
// Run by tests/integration/t71-browser.sh, which starts the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const BASE = process.env.WA_BASE_URL;
const ARTIFACTS = process.env.WA_ARTIFACTS;
assert.ok(BASE && ARTIFACTS, 'WA_BASE_URL and WA_ARTIFACTS must be set');
mkdirSync(ARTIFACTS, { recursive: true });

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeResults = {};
let context, page;

before(async () => {
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wa-chromium-')), {
    executablePath: '/usr/bin/chromium', headless: true, args: FLAGS, acceptDownloads: true,
    viewport: { width: 1280, height: 900 }, locale: 'de-DE',
  });
  page = context.pages()[0] || await context.newPage();
});

after(async () => {
  writeFileSync(join(ARTIFACTS, 'axe-results.json'), JSON.stringify(axeResults, null, 2) + '\n');
  await context?.close();
});

// axe on the page as it is, then screenshots at desktop and phone width
async function check(name) {
  const r = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  axeResults[name] = { url: page.url(), passes: r.passes.length, violations: r.violations.length,
    incomplete: r.incomplete.length,
    details: r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) })) };
  assert.equal(r.violations.length, 0, `${name}: axe violations\n` +
    r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`).join('\n'));
  await page.screenshot({ path: join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  // the phone layout must not scroll sideways
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `${name}: ${wide} px wide at a 375 px viewport`);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-375px.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('start page: German, skip link first in focus order, axe', async () => {
  const resp = await page.goto(BASE + '/');
  assert.equal(resp.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Zum Inhalt springen');
  const box = await page.locator('a.springen').boundingBox();
  assert.ok(box && box.y >= 0, 'the focused skip link is visible');
  await check('start');
});

test('type a query, click a facet, remove it', async () => {
  await page.goto(BASE + '/');
  await page.getByLabel('Suchbegriffe').fill('Sitzung');
  await page.getByLabel('Suchbegriffe').press('Enter');
  await page.waitForURL(/q=Sitzung/);
  assert.match(await page.locator('#anzahl').textContent(), /^\d+ Treffer/);
  assert.ok(await page.locator('.treffer mark').count() > 0, 'matches are marked');
  assert.equal(await page.locator('#q').inputValue(), 'Sitzung', 'the field keeps the query');
  await check('results');
  const facet = page.locator('.facette').filter({ has: page.getByRole('heading', { name: 'Typ' }) })
    .getByRole('link').first();
  const label = (await facet.textContent()).replace(/\s*\(.*$/, '');
  await facet.click();
  await page.waitForURL(/filter=typ%3D/);
  assert.ok(await page.locator('.aktiv').getByText(label).count() > 0, 'the filter is listed as active');
  for (const t of await page.locator('.treffer .meta').allTextContents())
    assert.match(t, new RegExp('Typ: ' + label), 'every hit has the filtered type');
  await page.locator('.aktiv').getByRole('link', { name: /entfernen/ }).first().click();
  await page.waitForURL(u => !/filter=/.test(u.toString()));
  assert.equal(await page.locator('.aktiv').count(), 0, 'the filter is gone');
});

test('page forward', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/?q=');
  await page.getByRole('link', { name: 'Nächste Seite' }).click();
  await page.waitForURL(/seite=2/);
  assert.equal(await page.locator('.seiten [aria-current="page"]').textContent(), '2');
  assert.equal(await page.getAttribute('ol.treffer-liste', 'start'), '11');
});

test('open details, follow "Ähnliche Dokumente", download the original', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/?q=Chatbot');
  const first = page.locator('.treffer h3 a').first();
  const title = await first.textContent();
  await first.click();
  await page.waitForURL(/\/dokument\?id=/);
  assert.equal(await page.locator('h1').textContent(), title);
  assert.ok(await page.locator('.volltext p').count() > 0, 'the full text is shown');
  await check('details');
  const similar = page.locator('.aehnlich li a').first();
  const other = await similar.textContent();
  await similar.click();
  await page.waitForURL(/\/dokument\?id=/);
  assert.equal(await page.locator('h1').textContent(), other);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Original herunterladen/ }).click(),
  ]);
  const id = decodeURIComponent(new URL(page.url()).searchParams.get('id'));
  assert.equal(download.suggestedFilename(), id.split('/').pop(), 'the real file name');
  const saved = join(ARTIFACTS, 'download-' + download.suggestedFilename());
  await download.saveAs(saved);
  assert.ok(statSync(saved).size > 0);
  // and "Ähnliche Dokumente" from a results page
  await page.goto(BASE + '/werkarchiv.cgi/?q=Chatbot');
  await page.locator('.treffer .aktionen a').first().click();
  await page.waitForURL(/aehnlich=/);
  assert.equal(await page.locator('h1').textContent(), 'Ähnliche Dokumente');
  assert.ok(await page.locator('.treffer').count() > 0);
});

test('help page', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/hilfe');
  assert.equal(await page.locator('nav [aria-current="page"]').textContent(), 'Hilfe zur Suche');
  await check('help');
});

test('error pages', async () => {
  let resp = await page.goto(BASE + '/werkarchiv.cgi/?seite=0');
  assert.equal(resp.status(), 400);
  assert.match(await page.locator('h1').textContent(), /^Fehler 400/);
  await check('error-400');
  resp = await page.goto(BASE + '/werkarchiv.cgi/dokument?id=gibt/es/nicht.txt');
  assert.equal(resp.status(), 404);
  await check('error-404');
});
