/**
 * Hostile strings through every pure sink, for both platforms: the names come from the emulator's
 * `hostile` dataset through our own clients (IoT-TICKET asset API, Altair things), then go into Python
 * snippets (checked by Python's own parser), names-path completions (evaluated as Python, JavaScript and
 * JSON literals), CSV and JSON exports, command files, file names, Markdown (rendered by marked, the
 * renderer VS Code uses), notification and quick-pick text and HTML. The sinks that need VS Code (tree
 * items, tooltips, hovers) are in test/host/hostile.test.ts.
 */
/* eslint-disable no-control-regex -- the tests look for control characters */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { runInNewContext } from 'node:vm';
import { marked } from 'marked';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { HOSTILE_LIST, HOSTILE_NAMES } from '../../../src/emulator/hostileNames';
import { HOSTILE_ROOT } from '../../../src/emulator/iotticket/hostileDataset';
import { HOSTILE_PROPERTIES_TITLE } from '../../../src/emulator/altair/hostileDataset';
import { IotTicketClient } from '../../../src/platforms/iotticket';
import { AltairApi, ClientCredentialsStrategy } from '../../../src/platforms/altair';
import { formatSnippets, pythonSnippet, type SnippetTarget } from '../../../src/snippets/pythonSnippet';
import { CsvSeriesWriter } from '../../../src/charts/csvWriter';
import { JsonSeriesWriter } from '../../../src/charts/jsonWriter';
import { finish } from '../../../src/charts/streamWrite';
import { parseCsvRecords } from '../../../src/writes/model/csv';
import { commandFileText } from '../../../src/writes/model/commandFile';
import { csvText, htmlText, iconText, literalBody, markdownCode, markdownText, messageText, oneLine, safeFileName } from '../../../src/shared/escape';
import { tokenize } from '../../../src/inline/scanner';
import { pythonReports } from './pythonOracle';

const LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** VS Code's notification link pattern (vs/base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** The name as a sink that keeps text shows it: lone surrogates cannot be written, the rest is kept. */
const kept = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
}

void describe('Hostile strings through every sink (node tier, both platforms)', () => {
  let emu: Emulator;
  /** IoT-TICKET: the hostile child assets' names and the hostile attributes' names, as our client read them. */
  let assetNames: string[];
  let attributeNames: string[];
  let units: string[];
  /** Altair: the hostile things' titles and the hostile property names. */
  let thingTitles: string[];
  let propertyNames: string[];
  let space: string;

  before(async () => {
    emu = await startEmulator({ dataset: 'hostile' });
    const iot = emu.info().iotticket as { coreBaseUrl: string; user: string; password: string };
    const client = new IotTicketClient({ coreBaseUrl: iot.coreBaseUrl, username: iot.user, password: iot.password });
    const level = await client.assets.getAssetLevel({ namesPath: [HOSTILE_ROOT], limit: 1000 });
    assetNames = level.children.map((a) => a.name);
    const attributes = await client.assets.getAttributes({ namesPath: [HOSTILE_ROOT] });
    attributeNames = attributes.filter((a) => a.type === 'TelemetryData').map((a) => a.name);
    units = attributes.filter((a) => a.type === 'TelemetryData').map((a) => a.unit ?? '');
    const al = emu.info().altair as { baseUrl: string; clientId: string; clientSecret: string; scopes: string[]; space: string };
    space = al.space;
    const api = new AltairApi({ host: al.baseUrl, security: new ClientCredentialsStrategy({ clientId: al.clientId, clientSecret: al.clientSecret, scopes: al.scopes }) });
    thingTitles = [];
    propertyNames = [];
    for (let cursor: string | undefined; ;) {
      const page = await api.spaces(space).things().get({ limit: 100, nextCursor: cursor });
      for (const t of page.items) {
        if (HOSTILE_LIST.includes(t.title ?? '')) thingTitles.push(t.title!);
        if (t.title === HOSTILE_PROPERTIES_TITLE) propertyNames = Object.keys(t.properties ?? {});
      }
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    await api.dispose();
  });

  after(() => emu.close());

  void test('the platforms hand every hostile string to us unchanged (both clients, the emulator\'s hostile dataset)', () => {
    for (const list of [assetNames, attributeNames, thingTitles, propertyNames]) assert.deepEqual([...list].sort(), [...HOSTILE_LIST].sort());
  });

  void test('Python snippets: every literal is the name exactly, every comment stays a comment (Python parses them)', () => {
    const plain = (s: string): string => (s ? 'x' : s);
    const targets = (n: (s: string) => string, i: number): SnippetTarget[] => {
      const a = n(assetNames[i]);
      const at = n(attributeNames[i]);
      const t = n(thingTitles[i]);
      const p = n(propertyNames[i]);
      return [
        { kind: 'organization', organizationId: a },
        { kind: 'asset', namesPath: [HOSTILE_ROOT, a], assetId: a },
        ...(['TelemetryData', 'Number', 'DeviceEvent', 'Command'] as const).map((type): SnippetTarget => ({ kind: 'attribute', assetPath: [HOSTILE_ROOT, a], assetId: a, attributeName: at, attributeId: at, type })),
        { kind: 'activeEvents', assetIds: [a, at] },
        { kind: 'device', deviceId: a },
        { kind: 'template', name: a },
        { kind: 'mlModel', name: a, id: at },
        { kind: 'onnxModel', name: a, id: at },
        { kind: 'credential', name: a, id: at },
        { kind: 'v1device', v1BaseUrl: emu.url, deviceId: a },
        { kind: 'datanode', v1BaseUrl: emu.url, deviceId: a, path: at },
        { kind: 'enterprise', v1BaseUrl: emu.url, enterpriseId: a },
        { kind: 'space', host: emu.url, clientId: t, space: t },
        { kind: 'category', host: emu.url, clientId: 'c', space, category: t },
        { kind: 'thing', host: emu.url, clientId: 'c', space, thingId: t, title: t },
        { kind: 'property', host: emu.url, clientId: 'c', space, thingId: t, property: p },
        { kind: 'action', host: emu.url, clientId: 'c', space, thingId: t, name: p },
        { kind: 'event', host: emu.url, clientId: 'c', space, thingId: t, name: p },
        { kind: 'model', host: emu.url, clientId: 'c', space, model: t },
      ];
    };
    const sources: string[] = [];
    const expected: { plain: string; hostile: string; names: string[] }[] = [];
    for (let i = 0; i < HOSTILE_LIST.length; i++) {
      const hostile = targets((s) => s, i);
      const benign = targets(plain, i);
      hostile.forEach((h, k) => {
        const one = formatSnippets([pythonSnippet(h)]);
        sources.push(formatSnippets([pythonSnippet(benign[k])]), one);
        expected.push({ plain: formatSnippets([pythonSnippet(benign[k])]), hostile: one, names: [assetNames[i], attributeNames[i], thingTitles[i], propertyNames[i]] });
      });
    }
    const reports = pythonReports(sources);
    for (let k = 0; k < expected.length; k++) {
      const [plainReport, hostileReport] = [reports[2 * k], reports[2 * k + 1]];
      const where = `snippet:\n${expected[k].hostile.slice(0, 400)}`;
      assert.equal(hostileReport.error, undefined, where);
      assert.deepEqual(hostileReport.statements, plainReport.statements, `the same statements as with plain names\n${where}`);
      assert.equal(hostileReport.lines, plainReport.lines, `the same lines (str.splitlines) as with plain names\n${where}`);
      assert.equal(hostileReport.comments.length, plainReport.comments.length, where);
      assert.ok(!INVISIBLE.test(expected[k].hostile) && !/\0/.test(expected[k].hostile), `no bidi control or NUL in the source\n${where}`);
      // Every literal that held a name holds it exactly (models are URL paths: their segments are encoded).
      for (const s of hostileReport.strings) {
        if (plainReport.strings.includes(s)) continue;
        assert.ok(expected[k].names.includes(s) || s.startsWith('/spaces/'), `unexpected literal ${JSON.stringify(s.slice(0, 80))}\n${where}`);
      }
    }
  });

  void test('names-path completion: the inserted text makes the literal\'s value exactly the name (Python, JavaScript, JSON)', () => {
    const openers = { python: ["'", '"', "'''", 'f"', 'u\'', 'r"', 'rb"', 'b\''], js: ["'", '"', '`'], json: ['"'] } as const;
    const pySources: string[] = [];
    const pyExpected: { name: string; opener: string }[] = [];
    for (const name of assetNames) {
      for (const [language, list] of Object.entries(openers) as [keyof typeof openers, readonly string[]][]) {
        for (const opener of list) {
          const body = literalBody(name, language, opener);
          const closer = opener.replace(/^[a-z]+/i, '');
          if (body === undefined) {
            assert.ok(/[rb]/i.test(opener.replace(/['"]+$/, '')), `only raw and bytes literals may refuse (${opener} ${JSON.stringify(name.slice(0, 40))})`);
            continue;
          }
          const literal = `${opener}${body}${closer}`;
          if (!/[bf]/i.test(opener)) assert.equal(tokenize(`x = [${literal}]`, language)[3]?.value, name, `inline previews read the name back from ${literal.slice(0, 80)}`);
          if (language === 'json') assert.equal(JSON.parse(literal), name);
          else if (language === 'js') assert.equal(runInNewContext(literal, Object.create(null)), name, literal.slice(0, 200));
          else {
            pySources.push(`value = ${literal}\n`);
            pyExpected.push({ name, opener });
          }
        }
      }
    }
    const reports = pythonReports(pySources);
    reports.forEach((r, i) => {
      const { name, opener } = pyExpected[i];
      const where = `${opener} ${JSON.stringify(name.slice(0, 60))}`;
      assert.equal(r.error, undefined, where);
      assert.deepEqual(r.statements, ['Assign'], where);
      assert.equal(r.formatted, 0, `no code runs inside the f-string: ${where}`);
      assert.equal(r.lines, 1, where);
      if (/b/i.test(opener)) return; // bytes: Python reports no str constant
      assert.equal(r.strings.join(''), name, where);
    });
  });

  /** Series keys are platform ids: as hostile as names (asset id / attribute id). */
  const keyOf = (i: number): string => `${assetNames[i % assetNames.length]}/${propertyNames[i % propertyNames.length]}`;

  void test('CSV export: keys, labels and units are text cells, neutralised and quoted; values stay numbers, negative ones too', async () => {
    const sink = new Sink();
    const csv = new CsvSeriesWriter(sink);
    await csv.begin();
    const labels = [...attributeNames, ...thingTitles];
    for (const [i, label] of labels.entries()) {
      await csv.writePage({ id: `s${i}`, key: keyOf(i), label, unit: units[i % units.length] }, { timestamps: Float64Array.of(Date.UTC(2024, 0, 1) + i), values: Float64Array.of(-20.5 - i) });
    }
    await finish(sink);
    const records = parseCsvRecords(sink.text, ',');
    assert.equal(records.length, 1 + labels.length, 'one record per row: no line break escaped its cell');
    labels.forEach((label, i) => {
      const [, , key, series, unit, value] = records[i + 1].cells;
      const expect = (s: string): string => (/^[=+\-@\t\r\n＝＋－＠]/.test(s) ? `'${kept(s)}` : kept(s));
      assert.equal(key, expect(keyOf(i)));
      assert.equal(series, expect(label));
      assert.equal(unit, expect(units[i % units.length]));
      assert.equal(value, String(-20.5 - i), 'a negative number is written as a number');
      for (const cell of [key, series, unit]) assert.ok(!/^[=+\-@\t\r]/.test(cell), `formula cell ${JSON.stringify(cell.slice(0, 40))}`);
    });
  });

  void test('JSON export and command files: every name comes back exactly, and the file shows no invisible character', async () => {
    const sink = new Sink();
    const json = new JsonSeriesWriter(sink);
    await json.begin({ from: 0, to: 1 });
    for (const [i, label] of thingTitles.entries()) {
      await json.beginSeries({ id: `s${i}`, key: assetNames[i % assetNames.length], label, unit: propertyNames[i] });
      await json.writePage({ timestamps: Float64Array.of(0), values: Float64Array.of(-1) });
      await json.endSeries();
    }
    await json.end();
    await finish(sink);
    const doc = JSON.parse(sink.text) as { series: { key: string; label: string; unit: string }[] };
    assert.deepEqual(doc.series.map((s) => s.label), thingTitles);
    assert.deepEqual(doc.series.map((s) => s.unit), propertyNames);
    assert.deepEqual(doc.series.map((s) => s.key), thingTitles.map((_, i) => assetNames[i % assetNames.length]));
    assert.ok(!INVISIBLE.test(sink.text) && !/[\u2028\u2029]/.test(sink.text));
    const specs = assetNames.map((name) => ({ kind: 'iotticket.command' as const, connection: name, label: name, assetId: name, attributeId: name, templateVariables: { [name]: 1 } }));
    const file = commandFileText(specs);
    assert.deepEqual(JSON.parse(file), { commands: specs });
    assert.ok(!INVISIBLE.test(file) && !/[\u2028\u2029]/.test(file));
  });

  void test('file names: one name, never a path, a reserved device, a hidden file or too long', () => {
    for (const name of [...assetNames, ...thingTitles, '..', '.', '', 'nul.txt', 'COM1', 'com\u00b9.csv', 'LPT\u00b3', ' . ']) {
      const f = safeFileName(name);
      assert.ok(f.length > 0 && !/[/\\:*?"<>|\0-\x1f\u2028\u2029]/.test(f) && !INVISIBLE.test(f), JSON.stringify(f));
      assert.ok(!/^(con|prn|aux|nul|com[\d\u00b9\u00b2\u00b3]|lpt[\d\u00b9\u00b2\u00b3])(\.|$)/i.test(f) && !f.startsWith('.') && !/[. ]$/.test(f), f);
      assert.ok(Buffer.byteLength(f) <= 120, `${Buffer.byteLength(f)} bytes`);
    }
  });

  void test('Markdown (rendered by marked as VS Code does): plain text, no link, image, HTML, heading or emphasis', async () => {
    for (const name of [...assetNames, ...thingTitles]) {
      const html = await marked.parse(`**${markdownText(name)}** — ${markdownText(name)}\n\n${markdownCode(name)}`, { gfm: true });
      assert.ok(!/<a |<img|<script|<h\d|<em>|<li>|<br/.test(html), html.slice(0, 300));
      assert.equal((html.match(/<strong>/g) ?? []).length, 1, html.slice(0, 300));
      assert.equal((html.match(/<code>/g) ?? []).length, 1, html.slice(0, 300));
      const shown = oneLine(name, 2000);
      const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      assert.ok(text.includes(shown), `the text reads as the name: ${text.slice(0, 200)}`);
      assert.ok(!LINE_BREAK.test(markdownText(name)));
    }
  });

  void test('notifications, quick picks and the status bar: one line, no link, no icon', () => {
    for (const name of [...assetNames, ...thingTitles]) {
      for (const text of [messageText(name), `"${messageText(name)}" failed: ${messageText(name)}`, `${messageText('[x')} ${messageText(name)}`]) {
        assert.equal(text.match(NOTIFICATION_LINK), null, text.slice(0, 200));
        assert.ok(!LINE_BREAK.test(text) && !INVISIBLE.test(text));
      }
      const pick = iconText(name);
      assert.ok(!/(^|[^\\])\$\(/.test(pick) && !LINE_BREAK.test(pick), pick.slice(0, 80));
      assert.ok(oneLine(name, 300).length <= 301);
    }
  });

  void test('HTML: no markup from data', () => {
    for (const name of [...assetNames, ...thingTitles]) assert.ok(!/[<>"']/.test(htmlText(name)));
    assert.equal(htmlText(HOSTILE_NAMES.html), '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  void test('CSV cells: formula prefixes neutralised, numbers untouched', () => {
    assert.equal(csvText('=1+1'), "'=1+1");
    assert.equal(csvText('-2+3'), "'-2+3");
    assert.equal(csvText('a,b'), '"a,b"');
    assert.equal(csvText('\r=1'), `"'\r=1"`);
    assert.equal(csvText('plain'), 'plain');
  });
});
