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
// a member's name and password for /intern/ (t71 has lighttpd ask for them)
const MEMBER = process.env.WA_MEMBER ? { username: process.env.WA_MEMBER.split(':')[0],
  password: process.env.WA_MEMBER.split(':').slice(1).join(':') } : null;
const ARTIFACTS = process.env.WA_ARTIFACTS;
assert.ok(BASE && ARTIFACTS, 'WA_BASE_URL and WA_ARTIFACTS must be set');
mkdirSync(ARTIFACTS, { recursive: true });

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeResults = {};
let context, page;
const others = [];

// a browser of its own (a fresh profile), with extra context options
async function browser(options = {}) {
  const c = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wa-chromium-')), {
    executablePath: '/usr/bin/chromium', headless: true, args: FLAGS, acceptDownloads: true,
    viewport: { width: 1280, height: 900 }, locale: 'de-DE', ...options,
  });
  return c;
}

before(async () => {
  context = await browser();
  page = context.pages()[0] || await context.newPage();
});

after(async () => {
  writeFileSync(join(ARTIFACTS, 'axe-results.json'), JSON.stringify(axeResults, null, 2) + '\n');
  await context?.close();
  for (const c of others) await c.close();
});

// the dates (ISO) of the hits on the page, from their "Datum: TT.MM.JJJJ"
async function hitDates(p) {
  const out = [];
  for (const t of await p.locator('.treffer .meta').allTextContents()) {
    const m = t.match(/Datum: (?:(\d\d)\.)?(?:(\d\d)\.)?(\d{4})/);
    if (m) out.push(`${m[3]}-${m[2] || '00'}-${m[1] || '00'}`);
  }
  return out;
}

// axe on the page as it is, then screenshots at desktop and phone width
async function check(name, p = page) {
  const r = await new AxeBuilder({ page: p }).withTags(WCAG).analyze();
  axeResults[name] = { url: page.url(), passes: r.passes.length, violations: r.violations.length,
    incomplete: r.incomplete.length,
    details: r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) })) };
  assert.equal(r.violations.length, 0, `${name}: axe violations\n` +
    r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`).join('\n'));
  await p.screenshot({ path: join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  await p.setViewportSize({ width: 375, height: 812 });
  // the phone layout must not scroll sideways (measured once the page has
  // been laid out at the new width: two animation frames after the resize)
  await p.waitForFunction(() => window.innerWidth === 375);
  await p.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
  const [wide, widest] = await p.evaluate(() => {
    let w = '';
    for (const e of document.querySelectorAll('body *'))
      if (e.getBoundingClientRect().right > 375) { w = e.tagName + '.' + e.className; break; }
    return [document.documentElement.scrollWidth, w];
  });
  assert.ok(wide <= 375, `${name}: ${wide} px wide at a 375 px viewport (first too wide: ${widest})`);
  await p.screenshot({ path: join(ARTIFACTS, `${name}-375px.png`), fullPage: true });
  await p.setViewportSize({ width: 1280, height: 900 });
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

test('facets: years in year order, long lists cut to ten with "mehr"', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/?q=');
  const years = page.locator('.facette').filter({ has: page.getByRole('heading', { name: 'Jahr' }) });
  const shown = (await years.locator('li a').allTextContents()).map(t => t.match(/^\d{4}/)[0]);
  assert.ok(shown.length > 1, 'several years');
  assert.deepEqual(shown, [...shown].sort().reverse(), 'years newest first, in year order');
  const tags = page.locator('.facette').filter({ has: page.getByRole('heading', { name: 'Schlagworte' }) });
  assert.equal(await tags.locator(':scope > ul > li').count(), 10, 'ten tags before "mehr"');
  const more = tags.locator('details');
  assert.equal(await more.locator('li').first().isVisible(), false, 'the rest folded away');
  await more.locator('summary').click();
  const extra = more.locator('li a').first();
  assert.ok(await extra.isVisible(), '"mehr" opens the rest');
  const label = (await extra.textContent()).replace(/\s*\(.*$/, '');
  await extra.click();
  await page.waitForURL(/filter=schlagwort%3D/);
  assert.ok(await page.locator('.aktiv').getByText(label).count() > 0, 'a tag from "mehr" filters');
});

test('date range von/bis with years, and the sort orders', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/');
  await page.getByLabel('von (Jahr oder Datum)').fill('2021');
  await page.getByLabel('bis (Jahr oder Datum)').fill('2021');
  await page.getByLabel('Sortierung').selectOption({ label: 'älteste zuerst' });
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.waitForURL(/von=2021/);
  assert.match(await page.locator('.aktiv').textContent(), /Zeitraum: ab 01\.01\.2021 bis 31\.12\.2021/);
  let dates = await hitDates(page);
  assert.ok(dates.length > 1, 'hits from 2021');
  assert.ok(dates.every(d => d.startsWith('2021')), `only 2021: ${dates}`);
  assert.deepEqual(dates, [...dates].sort(), 'oldest first');
  assert.equal(await page.getByLabel('von (Jahr oder Datum)').inputValue(), '2021', 'the form keeps von');
  await page.getByLabel('Sortierung').selectOption({ label: 'neueste zuerst' });
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.waitForURL(/sortierung=neueste/);
  dates = await hitDates(page);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  await page.locator('.aktiv').getByRole('link', { name: /entfernen/ }).click();
  await page.waitForURL(u => !/von=/.test(u.toString()));
  assert.ok((await hitDates(page)).some(d => !d.startsWith('2021')), 'the range is gone');
});

test('"Meinten Sie" as a link, and the relaxed-search notice', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/?q=Sitzunng');
  const link = page.locator('.meinten a');
  assert.equal(await link.textContent(), 'Sitzung');
  await link.click();
  await page.waitForURL(/q=Sitzung(&|$)/);
  assert.ok(await page.locator('.treffer').count() > 0, 'the suggestion finds documents');
  await page.goto(BASE + '/werkarchiv.cgi/?q=' + encodeURIComponent('Chatbot Sperrmüll Quantencomputer Breitband'));
  assert.match(await page.locator('.hinweis').first().textContent(), /Kein Dokument enthält alle Suchwörter/);
  assert.ok(await page.locator('.treffer').count() > 0);
  await check('relaxed');
});

test('JSON, OpenSearch and a 304 for a repeated request', async () => {
  const href = await page.goto(BASE + '/werkarchiv.cgi/').then(() =>
    page.getAttribute('link[rel="search"]', 'href'));
  const os = await page.request.get(new URL(href, BASE).toString());
  assert.equal(os.status(), 200);
  assert.match(await os.text(), /template="[^"]*\/werkarchiv\.cgi\/\?q=\{searchTerms\}"/);
  const json = await page.request.get(BASE + '/werkarchiv.cgi/?q=Chatbot&format=json');
  assert.match(json.headers()['content-type'], /^application\/json/);
  const d = await json.json();
  assert.ok(d.total > 0 && d.results.every(r => r.path === null), 'JSON without server paths');
  const first = await page.request.get(BASE + '/werkarchiv.cgi/?q=Chatbot');
  const again = await page.request.get(BASE + '/werkarchiv.cgi/?q=Chatbot',
    { headers: { 'If-None-Match': first.headers()['etag'] } });
  assert.equal(again.status(), 304);
});

test('printable: the results without navigation, form and facets', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/?q=Chatbot');
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.kopf', 'form.suche', '.facetten', '.seiten', '.fuss'])
    if (await page.locator(sel).count())
      assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is not printed`);
  assert.ok(await page.locator('.treffer').first().isVisible(), 'the hits are printed');
  assert.equal(await page.locator('.druck-anfrage').textContent(), 'Suchanfrage: „Chatbot“',
    'the query is printed');
  assert.equal(await page.locator('.treffer h3 a').first().evaluate(a => getComputedStyle(a).color),
    'rgb(0, 0, 0)', 'links print black');
  await page.screenshot({ path: join(ARTIFACTS, 'results-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.druck-anfrage').isVisible(), false, 'only on paper');
});

test('works without JavaScript: search, facet, "mehr", next page, details, download', async () => {
  const c = await browser({ javaScriptEnabled: false });
  others.push(c);
  const p = c.pages()[0] || await c.newPage();
  await p.goto(BASE + '/');
  await p.getByLabel('Suchbegriffe').fill('Verwaltung');
  await p.getByRole('button', { name: 'Suchen' }).click();
  await p.waitForURL(/q=Verwaltung/);
  assert.ok(await p.locator('.treffer').count() > 0);
  const tags = p.locator('.facette').filter({ has: p.getByRole('heading', { name: 'Schlagworte' }) });
  await tags.locator('details summary').click();
  await tags.locator('details li a').first().click();
  await p.waitForURL(/filter=/);
  await p.locator('.aktiv').getByRole('link', { name: /entfernen/ }).click();
  await p.waitForURL(u => !/filter=/.test(u.toString()));
  await p.getByRole('link', { name: 'Nächste Seite' }).click();
  await p.waitForURL(/seite=2/);
  await p.locator('.treffer h3 a').first().click();
  await p.waitForURL(/\/dokument\?id=/);
  const [download] = await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('link', { name: /Original herunterladen/ }).click(),
  ]);
  assert.ok(download.suggestedFilename().length > 0);
  await p.screenshot({ path: join(ARTIFACTS, 'details-no-javascript.png'), fullPage: true });
});

test('a member logged in through the web server sees internal documents', { skip: !MEMBER }, async () => {
  const c = await browser({ httpCredentials: MEMBER });
  others.push(c);
  const p = c.pages()[0] || await c.newPage();
  const resp = await p.goto(BASE + '/intern/werkarchiv.cgi/?q=');
  assert.equal(resp.status(), 200);
  assert.match(await p.locator('.nutzer').textContent(), new RegExp('Angemeldet als ' + MEMBER.username));
  assert.ok(await p.locator('.treffer .intern').count() > 0 ||
    (await p.locator('#anzahl').textContent()).length > 0, 'the member page lists documents');
  const facet = p.locator('.facette').filter({ has: p.getByRole('heading', { name: 'Jahr' }) }).locator('a').first();
  await facet.click();
  await p.waitForURL(/\/intern\/werkarchiv\.cgi\/\?.*filter=jahr/);
  await p.goto(BASE + '/intern/werkarchiv.cgi/?q=&sortierung=neueste&anzahl=100');
  const internal = p.locator('.treffer').filter({ has: p.locator('.intern') });
  assert.ok(await internal.count() > 0, 'internal documents are listed, marked "intern"');
  await check('member-results', p);
  // the anonymous visitor sees none of them
  await page.goto(BASE + '/werkarchiv.cgi/?q=&anzahl=100');
  assert.equal(await page.locator('.treffer .intern').count(), 0);
  assert.ok(await page.locator('.nutzer').count() === 0);
  const denied = await page.request.get(BASE + '/intern/werkarchiv.cgi/?q=');
  assert.equal(denied.status(), 401);
});

test('focus order follows the page, and the focus is visible', async () => {
  await page.goto(BASE + '/werkarchiv.cgi/?q=Chatbot');
  const order = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => {
      const e = document.activeElement;
      const st = getComputedStyle(e);
      return { what: e.id || e.textContent.trim().slice(0, 30), outline: st.outlineStyle,
        width: parseFloat(st.outlineWidth), top: e.getBoundingClientRect().top };
    }));
  }
  assert.deepEqual(order.slice(0, 10).map(o => o.what), ['Zum Inhalt springen', 'Werkarchiv', 'Suche',
    'Hilfe zur Suche', 'q', 'Suchen', 'Alle Möglichkeiten der Suche', 'von', 'bis', 'sortierung']);
  for (const o of order)
    assert.ok(o.outline !== 'none' && o.width >= 2, `${o.what}: a visible focus outline`);
});
